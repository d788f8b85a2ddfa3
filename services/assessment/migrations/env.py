from assessment.tables_lifecycle import metadata
from common.db.migrations import run_env

run_env(metadata, "assessment")
