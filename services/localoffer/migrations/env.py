from alembic import context

from common.db.migrations import run_env
from localoffer.bootstrap import spec

# The SQLite full-text index (the FTS5 virtual table `entry_fts` and the shadow tables
# SQLite keeps for it, made by revision 0003) is not on the metadata: the comparison of
# tables and revisions leaves it out. Wrapped once per process.
_FTS_PREFIX = "entry_fts"
if not getattr(context.configure, "leaves_out_fts", False):
    _configure = context.configure

    def _configure_leaving_out_fts(**options):  # type: ignore[no-untyped-def]
        include_name = options.get("include_name")

        def included(name, type_, parent_names):  # type: ignore[no-untyped-def]
            if type_ == "table" and name and name.startswith(_FTS_PREFIX):
                return False
            return include_name(name, type_, parent_names) if include_name else True

        return _configure(**{**options, "include_name": included})

    _configure_leaving_out_fts.leaves_out_fts = True  # type: ignore[attr-defined]
    context.configure = _configure_leaving_out_fts

# the composition root imports every feature, so every feature's tables are on the metadata
run_env(spec().metadata, "localoffer")
