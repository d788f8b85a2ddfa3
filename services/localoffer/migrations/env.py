from common.db.migrations import run_env
from localoffer.bootstrap import spec

# the composition root imports every feature, so every feature's tables are on the metadata
run_env(spec().metadata, "localoffer")
