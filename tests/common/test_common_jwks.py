"""RS256 bearer tokens verified against an identity provider's JWKS endpoint (a real HTTP
server on 127.0.0.1), as an LA's gateway would issue them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from common.auth import TokenVerifier
from common.problems import Problem
from common.settings import Settings

KID = "la-201-signing-1"


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url(signing_key: rsa.RSAPrivateKey) -> Iterator[str]:
    public = json.loads(RSAAlgorithm.to_jwk(signing_key.public_key()))
    document = json.dumps({"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]})

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's hook name
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(document.encode())

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Jwks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()


def rs256_token(key: rsa.RSAPrivateKey, kid: str = KID, **overrides: object) -> str:
    now = datetime.now(UTC)
    claims = {"sub": "cw-17", "la": "201", "roles": ["la_caseworker"], "iss": "sendsys",
              "aud": "sendsys", "iat": now, "exp": now + timedelta(minutes=5), **overrides}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def test_rs256_token_from_the_jwks_is_accepted(signing_key: rsa.RSAPrivateKey,
                                               jwks_url: str) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_algorithms=["RS256"], jwks_url=jwks_url))
    principal = verifier.verify(rs256_token(signing_key))
    assert (principal.la_code, principal.roles) == ("201", frozenset({"la_caseworker"}))


def test_rs256_token_signed_by_another_key_is_refused(jwks_url: str) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_algorithms=["RS256"], jwks_url=jwks_url))
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(Problem) as refused:
        verifier.verify(rs256_token(stranger))
    assert refused.value.status == 401


def test_hs256_token_is_refused_when_only_rs256_is_allowed(jwks_url: str) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_algorithms=["RS256"], jwks_url=jwks_url))
    forged = jwt.encode({"sub": "x", "la": "201", "roles": ["ops"], "iss": "sendsys",
                         "aud": "sendsys", "exp": datetime.now(UTC) + timedelta(minutes=5)},
                        "a-shared-secret-that-is-long-enough-32b", algorithm="HS256",
                        headers={"kid": KID})
    with pytest.raises(Problem) as refused:
        verifier.verify(forged)
    assert refused.value.status == 401
