from common.db.migrations import run_env
from mediation.tables import metadata

run_env(metadata, "mediation")
