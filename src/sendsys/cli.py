"""The `sendsys` command."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from common.clock import SystemClock
from common.settings import Settings
from sendsys.services import DEFAULT_PORTS, SPECS, spec_for

ROOT = Path(__file__).resolve().parents[2]
ROLES_HELP = ("la_caseworker, la_manager (LA staff); parent, young_person (a family: give "
              "--case); health, provider, mediator (partners: give --org); "
              "ops (its own LA's dead letters and metrics); "
              "platform_ops (every LA's ops endpoints and the deadline sweep)")


def iso_date(text: str) -> date:
    """A date on the command line: YYYY-MM-DD only (03/12/2026 means different days to
    different readers)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r} is not a real date ({exc})") from None
    raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, "
                                     "e.g. 2026-12-03 for 3 December 2026")


def _settings(service: str = "") -> Settings:
    return Settings(service=service) if service else Settings()


def cmd_dev(args: argparse.Namespace) -> None:
    from common.logging import configure_logging
    from sendsys.dev import dev_ports, run_dev
    settings = _settings()
    if args.today is not None:
        settings = settings.model_copy(update={"dev_today": args.today})
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
    from common.web import create_metrics_app
    from sendsys import serving
    settings = _settings(args.service)
    app = create_service_app(spec_for(args.service), settings, SystemClock())
    companions = []
    if settings.metrics_port is not None:
        companions.append(serving.config(create_metrics_app(app), host=args.host,
                                         port=settings.metrics_port, log_config=None,
                                         access_log=False, lifespan="off"))
    serving.run(serving.config(app, **options), companions)


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
    specs = [spec_for(name) for name in SPECS]
    registries = [spec.registry for spec in specs]
    consumers = {spec.name: spec.consumes_from for spec in specs}
    document: Any = asyncapi_document(registries, "0.1.0", consumers) if args.asyncapi \
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
        if runtime.consumer is None:
            print(f"{args.service} consumes no events, so it has no dead letters")
            return
        for row in await runtime.dead_letters().list(include_replayed=args.all):
            print(json.dumps({k: row[k] for k in ("id", "topic", "offset", "event_id",
                                                  "event_type", "error", "attempts")},
                             default=str))

    async def replay(runtime: Any) -> None:
        if runtime.consumer is None:
            raise SystemExit(f"{args.service} consumes no events, so it has no dead letters")
        for dead_letter_id in args.ids:
            print(f"{dead_letter_id}: {await runtime.dead_letters().replay(dead_letter_id)}")

    asyncio.run(_with_runtime(args.service, list_letters if args.action == "list" else replay))


def cmd_sweep(args: argparse.Namespace) -> None:
    async def sweep(runtime: Any) -> None:
        as_of = args.as_of or runtime.clock.today()
        print(f"{args.service}: emitted {await runtime.sweep(as_of)} as of {as_of}")

    asyncio.run(_with_runtime(args.service, sweep))


def cmd_openapi(args: argparse.Namespace) -> None:
    from common.openapi import operation_gaps
    from common.web import create_service_app
    for name in ([args.service] if args.service else list(SPECS)):
        document = create_service_app(spec_for(name), _settings(name)).openapi()
        if not args.gaps:
            print(json.dumps(document, indent=2, sort_keys=True))
            continue
        operations = sum(len(item) for item in document["paths"].values())
        for gap, names in operation_gaps(document).items():
            print(f"{name}: {len(names)} of {operations} operations have {gap}")
            for operation in names if args.verbose else ():
                print(f"  {operation}")


def generated_files() -> dict[Path, str]:
    """Every file (or part of one) generated from the code: path -> its current text."""
    from sendsys import settings_reference as ref
    from sendsys.events_catalogue import events_markdown
    compose = ROOT / "docker-compose.yml"
    env_example = ROOT / ".env.example"
    env_text = env_example.read_text()
    return {
        ROOT / "docs" / "events.md": events_markdown(),
        ROOT / "docs" / "settings.md": ref.settings_markdown(),
        ROOT / "deploy" / "k8s" / "config.yaml": ref.k8s_configmap(),
        compose: ref.replace_between(compose.read_text(), ref.COMPOSE_BEGIN, ref.COMPOSE_END,
                                     ref.compose_settings_block()),
        env_example: ref.replace_between(env_text, ref.ENV_BEGIN, None,
                                         ref.env_example_tail(env_text.split(ref.ENV_BEGIN)[0])),
    }


def cmd_docs(args: argparse.Namespace) -> None:
    stale = []
    for path, text in generated_files().items():
        current = path.read_text() if path.exists() else ""
        if current == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    if args.check and stale:
        raise SystemExit("generated files are out of date: run `uv run sendsys docs write`")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sendsys", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dev", help="all five services in one process (SQLite, embedded bus)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--base-port", type=int, default=None, metavar="PORT",
                   help="serve the services on PORT, PORT+1, … in the order "
                        f"{', '.join(DEFAULT_PORTS)} (default: "
                        f"{min(DEFAULT_PORTS.values())}..{max(DEFAULT_PORTS.values())}); "
                        "use it when those ports are taken")
    p.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="dev only: run every service as if today were this day (time runs "
                        "on from 09:00 UTC of it); same as SENDSYS_DEV_TODAY")
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
    p = sub.add_parser("token", help="mint a dev bearer token",
                       description="Mint a bearer token signed with the dev secret (dev and "
                                   f"test only). Roles: {ROLES_HELP}.")
    p.add_argument("--la", required=True, help="the DfE three-digit LA code, e.g. 201")
    p.add_argument("--role", action="append", required=True,
                   help=f"repeat for several: {ROLES_HELP}")
    p.add_argument("--case", action="append", help="a case the family may see (repeat)")
    p.add_argument("--org", help="the partner's organisation code (health, provider)")
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
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_sweep)
    p = sub.add_parser("openapi", help="a service's OpenAPI document, or what it lacks")
    p.add_argument("service", nargs="?", choices=list(SPECS))
    p.add_argument("--gaps", action="store_true",
                   help="count operations without a description or examples")
    p.add_argument("-v", "--verbose", action="store_true", help="with --gaps: name them")
    p.set_defaults(func=cmd_openapi)
    p = sub.add_parser("docs", help="regenerate docs/events.md, docs/settings.md and the "
                                    "settings in deploy/ and .env.example")
    p.add_argument("action", choices=["write"])
    p.add_argument("--check", action="store_true", help="only say whether they are current")
    p.set_defaults(func=cmd_docs)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main(sys.argv[1:])
