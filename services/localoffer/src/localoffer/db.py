"""The localoffer service's metadata and platform tables. Each feature's `tables.py`
registers its own tables on this `metadata`; no schema names (the engine maps them)."""

from common.db.base import add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)
