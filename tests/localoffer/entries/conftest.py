"""The directory fixtures (the localoffer service alone on Postgres and SQLite)."""

from tests.localoffer.entries.directory_support import (  # noqa: F401
    directory_sqlite_template,
    directory_url,
    lo,
)
