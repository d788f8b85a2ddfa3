"""The metadata every feature's tables hang on, and the platform tables (outbox, inbox,
deadlines …). No schema names: the engine maps them at runtime."""

from common.db.base import add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)
