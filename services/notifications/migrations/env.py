from common.db.migrations import run_env
from notifications.bootstrap import METADATA

run_env(METADATA, "notifications")
