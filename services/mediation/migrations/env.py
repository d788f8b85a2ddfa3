from common.db.migrations import run_env
from mediation.bootstrap import spec

run_env(spec().metadata, "mediation")
