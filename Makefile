# sendsys: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PG_VERSION ?= $(shell ls /etc/postgresql 2>/dev/null | sort -n | tail -1)

.PHONY: run test setup browser-setup postgres lint typecheck check-migrations test-only bench events-schema run-kafka clean

## make run: the whole system on the embedded default (SQLite, embedded bus, five services)
run: setup
	$(UV) run sendsys dev

## make test: all the set-up on a fresh machine, then lint, contracts, migrations and the tests
test: setup postgres lint typecheck check-migrations test-only

setup:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || \
		(python3 -m pip install --quiet --user uv || curl -LsSf https://astral.sh/uv/install.sh | sh)
	$(UV) sync --frozen --all-packages
	$(MAKE) --no-print-directory browser-setup

## localoffer's public pages serve GOV.UK Frontend themselves (copied from npm into their static
## folder); the browser tests drive Debian's Chromium and inject axe-core from npm
LO_STATIC := services/localoffer/src/localoffer/static
GOVUK := node_modules/govuk-frontend/dist/govuk
browser-setup:
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null)
	npm ci --no-audit --no-fund --loglevel=error
	cp $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.js $(LO_STATIC)/
	cp -r $(GOVUK)/assets/fonts $(GOVUK)/assets/images $(LO_STATIC)/
	@test -x /usr/bin/chromium || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || \
		(pg_ctlcluster --skip-systemctl-redirect $(PG_VERSION) main start && sleep 2)
	@pg_isready -h 127.0.0.1 -p 5432

lint:
	$(UV) run ruff check .
	$(UV) run lint-imports

typecheck:
	$(UV) run mypy libs/common/src

check-migrations: postgres
	@set -e; db=sendsys_check_$$$$; \
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" >/dev/null; \
	trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)" >/dev/null' EXIT; \
	export SENDSYS_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/$$db; \
	$(UV) run sendsys migrate >/dev/null && $(UV) run sendsys check-migrations

# The Kafka-protocol broker (librdkafka's mock cluster) is started by the test session
# itself (common.testing.kafka_broker), unless KAFKA_BOOTSTRAP_SERVERS names a real one.
test-only:
	$(UV) run pytest -q

bench: setup postgres
	$(UV) run python -m bench

events-schema:
	$(UV) run sendsys events schema --asyncapi --out var/asyncapi.json

run-kafka:
	$(UV) run python -m common.testing.kafka_broker

clean:
	rm -rf var .pytest_cache .ruff_cache .hypothesis
