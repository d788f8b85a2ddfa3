"""What every mediation router shares: the roles that may call it, paging parameters,
and (from the platform) the request's one transaction and Idempotency-Key on creating
POSTs."""

from __future__ import annotations

import dataclasses
from typing import Annotated, TypeVar

from fastapi import Depends
from pydantic import BaseModel

from common.auth import require_roles
from common.http import Limit, Offset
from common.idempotency import IdempotencyKey, create_once
from common.principal import FAMILY, LA_STAFF, Principal
from common.web import Transaction

Reader = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY, "mediator"))]
Chooser = Annotated[Principal, Depends(require_roles(*LA_STAFF, *FAMILY))]
Mediating = Annotated[Principal, Depends(require_roles(*LA_STAFF, "mediator"))]

__all__ = ["Chooser", "IdempotencyKey", "Limit", "Mediating", "Offset", "Reader",
           "Transaction", "create_once", "read_model"]


Model = TypeVar("Model", bound=BaseModel)


def read_model(model: type[Model], record: object) -> Model:
    """A response model from a typed record (a dataclass) of what the transaction wrote."""
    return model.model_validate(dataclasses.asdict(record))  # type: ignore[call-overload]
