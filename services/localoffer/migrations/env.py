from common.db.migrations import run_env
from localoffer.tables import metadata

run_env(metadata, "localoffer")
