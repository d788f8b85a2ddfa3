"""The `sendsys` command."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import date
from typing import Any

from common.clock import SystemClock
from common.settings import Settings
from sendsys.services import SPECS, spec_for


def _settings(service: str = "") -> Settings:
    return Settings(service=service) if service else Settings()


def cmd_dev(args: argparse.Namespace) -> None:
    from common.logging import configure_logging
    from sendsys.dev import dev_ports, run_dev
    settings = _settings()
    configure_logging(settings.log_level)
    try:
        asyncio.run(run_dev(args.host, dev_ports(args.base_port), settings))
    except KeyboardInterrupt:
        pass


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from common.web import create_service_app
    options = {"host": args.host, "port": args.port, "log_config": None,
               "proxy_headers": True, "access_log": args.access_log}
    if args.workers > 1:
        # each worker process runs the whole runtime; the relay's advisory lock keeps one
        # relay active per service, and the sweep and consumers are safe on many replicas
        uvicorn.run(f"{args.service}.main:app", workers=args.workers, **options)
        return
    settings = _settings(args.service)
    app = create_service_app(spec_for(args.service), settings, SystemClock())
    uvicorn.run(app, **options)


def cmd_migrate(args: argparse.Namespace) -> None:
    from common.db.migrations import upgrade
    for name in ([args.service] if args.service else list(SPECS)):
        upgrade(name, spec_for(name).service_root, _settings(name), args.revision)
        print(f"migrated {name} to {args.revision}")


def cmd_check_migrations(args: argparse.Namespace) -> None:
    from common.db.migrations import check
    for name in ([args.service] if args.service else list(SPECS)):
        check(name, spec_for(name).service_root, _settings(name))
        print(f"{name}: tables and migrations agree")


def cmd_makemigration(args: argparse.Namespace) -> None:
    from common.db.migrations import revision, upgrade
    spec = spec_for(args.service)
    settings = _settings(args.service)
    upgrade(args.service, spec.service_root, settings)
    revision(args.service, spec.service_root, settings, args.message, args.rev_id)


def cmd_token(args: argparse.Namespace) -> None:
    from common.auth import ROLES, mint_token
    settings = _settings()
    if not settings.uses_dev_secret and not args.force:
        raise SystemExit("refusing: dev tokens are only minted with the dev secret "
                         "(SENDSYS_JWT_SECRET is set to something else)")
    unknown = set(args.role) - ROLES
    if unknown:
        raise SystemExit(f"unknown role(s): {', '.join(sorted(unknown))}")
    print(mint_token(settings, la_code=args.la, roles=args.role, subject=args.subject,
                     case_ids=args.case or (), org_code=args.org, now=SystemClock().now()))


def cmd_events_schema(args: argparse.Namespace) -> None:
    from common.messaging.asyncapi import asyncapi_document
    from common.messaging.registry import json_schemas
    registries = [spec_for(name).registry for name in SPECS]
    document: Any = asyncapi_document(registries, "0.1.0") if args.asyncapi \
        else json_schemas(registries)
    text = json.dumps(document, indent=2, sort_keys=True, default=str)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)


async def _with_runtime(service: str, action: Any) -> Any:
    from common.runtime import ServiceRuntime
    runtime = ServiceRuntime(spec_for(service), _settings(service), SystemClock())
    try:
        return await action(runtime)
    finally:
        await runtime.stop()


def cmd_dlq(args: argparse.Namespace) -> None:
    async def list_letters(runtime: Any) -> None:
        for row in await runtime.dead_letters().list(include_replayed=args.all):
            print(json.dumps({k: row[k] for k in ("id", "topic", "offset", "event_id",
                                                  "event_type", "error", "attempts")},
                             default=str))

    async def replay(runtime: Any) -> None:
        for dead_letter_id in args.ids:
            print(f"{dead_letter_id}: {await runtime.dead_letters().replay(dead_letter_id)}")

    asyncio.run(_with_runtime(args.service, list_letters if args.action == "list" else replay))


def cmd_sweep(args: argparse.Namespace) -> None:
    async def sweep(runtime: Any) -> None:
        as_of = args.as_of or runtime.clock.today()
        print(f"{args.service}: emitted {await runtime.sweep(as_of)} as of {as_of}")

    asyncio.run(_with_runtime(args.service, sweep))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sendsys", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dev", help="all five services in one process (SQLite, embedded bus)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--base-port", type=int, default=None,
                   help="first port (default: 8001..8005)")
    p.set_defaults(func=cmd_dev)
    p = sub.add_parser("serve", help="one service")
    p.add_argument("service", choices=list(SPECS))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="worker processes (Postgres only)")
    p.add_argument("--access-log", action="store_true",
                   help="log every request (latency is in /metrics either way)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("migrate", help="apply migrations (one service or all)")
    p.add_argument("service", nargs="?", choices=list(SPECS))
    p.add_argument("--revision", default="head")
    p.set_defaults(func=cmd_migrate)
    p = sub.add_parser("check-migrations", help="alembic check per service")
    p.add_argument("service", nargs="?", choices=list(SPECS))
    p.set_defaults(func=cmd_check_migrations)
    p = sub.add_parser("makemigration", help="autogenerate a revision")
    p.add_argument("service", choices=list(SPECS))
    p.add_argument("-m", "--message", required=True)
    p.add_argument("--rev-id", required=True)
    p.set_defaults(func=cmd_makemigration)
    p = sub.add_parser("token", help="mint a dev bearer token")
    p.add_argument("--la", required=True)
    p.add_argument("--role", action="append", required=True)
    p.add_argument("--case", action="append")
    p.add_argument("--org")
    p.add_argument("--subject", default="dev-user")
    p.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_token)
    p = sub.add_parser("events", help="event contracts")
    events = p.add_subparsers(dest="events_command", required=True)
    p = events.add_parser("schema", help="JSON Schema (or AsyncAPI 3) of every event")
    p.add_argument("--asyncapi", action="store_true")
    p.add_argument("--out")
    p.set_defaults(func=cmd_events_schema)
    p = sub.add_parser("dlq", help="dead letters")
    p.add_argument("action", choices=["list", "replay"])
    p.add_argument("service", choices=list(SPECS))
    p.add_argument("ids", nargs="*", type=int)
    p.add_argument("--all", action="store_true", help="include replayed ones")
    p.set_defaults(func=cmd_dlq)
    p = sub.add_parser("sweep", help="run a service's deadline sweep")
    p.add_argument("service", choices=list(SPECS))
    p.add_argument("--as-of", type=date.fromisoformat)
    p.set_defaults(func=cmd_sweep)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main(sys.argv[1:])
