from assessment.bootstrap import metadata
from common.db.migrations import run_env

run_env(metadata, "assessment")
