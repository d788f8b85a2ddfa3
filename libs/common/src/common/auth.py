"""Bearer JWT validation, roles and tenancy (ARCHITECTURE.md invariant 8).

Claims: `sub`, `la` (the DfE three-digit LA code), `roles` (list), `cases` (for families:
the case ids they may see), `org` (for health/provider/mediator: their organisation code).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from common.principal import FAMILY, LA_STAFF, PLATFORM_OPS, ROLES, Principal
from common.problems import Problem
from common.settings import Settings

__all__ = ["FAMILY", "LA_STAFF", "ROLES", "CurrentPrincipal", "LaStaff", "Ops", "PlatformOps",
           "Principal",
           "TokenVerifier", "current_principal", "mint_token", "principal_from_claims",
           "require_roles"]

class TokenVerifier:
    """Bearer tokens checked once, then remembered until they expire or for `remember_s`
    (whichever is sooner): a client sends the same token with every request, and checking
    the signature and claims again each time cost about 0.3 ms (bench/write_path.py).
    `remember_s` bounds how long a key withdrawn from the JWKS goes on being honoured."""

    def __init__(self, settings: Settings, *, remember_s: float = 300.0,
                 remember_at_most: int = 10_000,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self._settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url) if settings.jwks_url else None
        self._remember_s = remember_s
        self._remember_at_most = remember_at_most
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        # token -> (principal, expires at (wall clock), forget at (monotonic))
        self._verified: dict[str, tuple[Principal, float, float]] = {}

    @property
    def uses_jwks(self) -> bool:
        return self._jwks is not None

    def _key(self, token: str) -> Any:
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key
        return self._settings.jwt_secret.get_secret_value()

    def verify(self, token: str) -> Principal:
        remembered = self.remembered(token)
        return remembered if remembered is not None else self._check(token)

    def remembered(self, token: str) -> Principal | None:
        """The principal of a token checked before, if it is still to be honoured."""
        remembered = self._verified.get(token)
        if remembered is None:
            return None
        principal, expires_at, forget_at = remembered
        if self._wall_clock() < expires_at and self._monotonic() < forget_at:
            return principal
        self._verified.pop(token, None)
        return None

    def _check(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token, self._key(token), algorithms=self._settings.jwt_algorithms,
                audience=self._settings.jwt_audience, issuer=self._settings.jwt_issuer,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise Problem(401, f"The bearer token was refused: {exc}", kind="invalid-token",
                          headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from exc
        principal = principal_from_claims(claims)
        if len(self._verified) >= self._remember_at_most:
            self._verified.pop(next(iter(self._verified)))  # the oldest
        self._verified[token] = (principal, float(claims["exp"]),
                                 self._monotonic() + self._remember_s)
        return principal


# The longest claims the tables hold: a subject is stored with its LA (`idempotency_record.
# principal`, 200) and with its organisation (`issued_by`, 200); organisation codes in
# columns of 20; case ids are UUIDs (36). A token claiming more is refused, not truncated.
SUBJECT_MAX = 150
ORG_CODE_MAX = 20
CASE_ID_MAX = 36
CASE_IDS_MAX = 1000


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    la_code = str(claims.get("la", ""))
    roles = frozenset(r for r in _listed(claims.get("roles")) if r in ROLES)
    if len(la_code) != 3 or not la_code.isdigit() or not roles:
        raise _refused("The token carries no LA code or no known role")
    subject, org = claims["sub"], claims.get("org")
    case_ids = frozenset(map(str, _listed(claims.get("cases"))))
    if not isinstance(subject, str) or not 0 < len(subject) <= SUBJECT_MAX:
        raise _refused(f"The token's subject must be 1-{SUBJECT_MAX} characters")
    if org is not None and (not isinstance(org, str) or not 0 < len(org) <= ORG_CODE_MAX):
        raise _refused(f"The token's organisation code must be 1-{ORG_CODE_MAX} characters")
    if len(case_ids) > CASE_IDS_MAX or any(len(c) > CASE_ID_MAX for c in case_ids):
        raise _refused(f"The token names more than {CASE_IDS_MAX} cases or a case id "
                       f"longer than {CASE_ID_MAX} characters")
    if "\x00" in subject + (org or "") + "".join(case_ids):
        raise _refused("The token's claims contain a NUL character")
    return Principal(subject=subject, la_code=la_code, roles=roles, case_ids=case_ids,
                     org_code=org)


def _listed(claim: object) -> list[Any]:
    return list(claim) if isinstance(claim, list) else []


def _refused(detail: str) -> Problem:
    return Problem(401, detail, kind="invalid-token",
                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def mint_token(settings: Settings, *, la_code: str, roles: Iterable[str], subject: str = "dev",
               case_ids: Iterable[str] = (), org_code: str | None = None,
               now: datetime, lifetime: timedelta = timedelta(hours=8)) -> str:
    """A signed HS256 token with the shared secret (dev, tests and LA gateways using HS256)."""
    claims: dict[str, Any] = {
        "sub": subject, "la": la_code, "roles": sorted(roles), "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience, "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    if case_ids:
        claims["cases"] = sorted(case_ids)
    if org_code:
        claims["org"] = org_code
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


async def current_principal(request: Request) -> Principal:
    # async: FastAPI runs a plain `def` dependency in the thread pool, two thread hops
    # per request for nothing (bench/write_path.py)
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Problem(401, "A bearer token is required", kind="not-authenticated",
                      headers={"WWW-Authenticate": "Bearer"})
    verifier: TokenVerifier = request.app.state.token_verifier
    if verifier.uses_jwks:  # the key fetch (cached) is blocking I/O: keep it off the loop
        remembered = verifier.remembered(token)
        return remembered if remembered is not None else await asyncio.to_thread(
            verifier.verify, token)
    return verifier.verify(token)


def require_roles(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency that admits a principal holding any of `roles`."""

    async def dependency(principal: Annotated[Principal, Depends(current_principal)]
                         ) -> Principal:
        if not principal.has_any(roles):
            raise Problem(403, f"This needs one of the roles: {', '.join(roles)}",
                          kind="forbidden-role")
        return principal

    return dependency


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
LaStaff = Annotated[Principal, Depends(require_roles(*LA_STAFF))]
Ops = Annotated[Principal, Depends(require_roles("ops", "la_manager", PLATFORM_OPS))]
PlatformOps = Annotated[Principal, Depends(require_roles(PLATFORM_OPS))]
