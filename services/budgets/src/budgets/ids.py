"""New record ids (random UUIDs, as text)."""

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
