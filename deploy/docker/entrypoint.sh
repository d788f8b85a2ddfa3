#!/usr/bin/env bash
# Entrypoint of the sendsys image. SERVICE (set at build time) picks the service.
#   serve [args]    (default) sendsys serve "$SERVICE" --host 0.0.0.0 --port 8000 [args]
#   migrate [args]  sendsys migrate "$SERVICE" [args]: apply its Alembic migrations, exit
#   <cmd> [args]    exec'd as given (e.g. `bash`, `python -m ...`)
set -euo pipefail

readonly SERVICES="assessment localoffer budgets mediation notifications"

case "${SERVICE:-}" in
  assessment | localoffer | budgets | mediation | notifications) ;;
  "")
    echo "entrypoint: SERVICE is not set (expected one of: ${SERVICES})" >&2
    exit 64
    ;;
  *)
    echo "entrypoint: unknown SERVICE '${SERVICE}' (expected one of: ${SERVICES})" >&2
    exit 64
    ;;
esac

command="serve"
if [[ $# -gt 0 ]]; then
  command="$1"
  shift
fi

case "${command}" in
  serve) exec sendsys serve "${SERVICE}" --host 0.0.0.0 --port 8000 "$@" ;;
  migrate) exec sendsys migrate "${SERVICE}" "$@" ;;
  *) exec "${command}" "$@" ;;
esac
