# sendsys: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PG_VERSION ?= $(shell ls /etc/postgresql 2>/dev/null | sort -n | tail -1)

REGISTRY ?= ghcr.io/your-council
TAG ?= 0.1.0
SERVICES := assessment localoffer budgets mediation notifications

LA ?= 201
ROLES ?= la_caseworker platform_ops
BASE_PORT ?=
CASE ?=
ORG ?=

.PHONY: images push-images token run test setup assets browser-setup setup-node postgres lint typecheck check-migrations test-only test-fast bench events-schema run-kafka clean

## make run: the whole system on the embedded default (SQLite, embedded bus, five services)
run: setup
	$(UV) run sendsys dev $(if $(BASE_PORT),--base-port $(BASE_PORT)) $(if $(TODAY),--today $(TODAY))

## make -s token ROLES="la_caseworker platform_ops" LA=201: a dev bearer token (dev secret only)
token:
	@$(UV) run --quiet sendsys token --la $(LA) $(foreach role,$(ROLES),--role $(role)) \
		$(if $(CASE),--case $(CASE)) $(if $(ORG),--org $(ORG))

## make test: all the set-up on a fresh machine, then lint, contracts, migrations and the tests
test: setup browser-setup postgres lint typecheck check-migrations test-only

setup:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || \
		(python3 -m pip install --quiet --user uv || curl -LsSf https://astral.sh/uv/install.sh | sh)
	$(UV) sync --frozen --all-packages
	$(MAKE) --no-print-directory assets
	@# letters and certificates embed Debian's DejaVu Sans (names beyond Latin-1)
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null)

## npm packages (package.json): GOV.UK Frontend, which localoffer's pages serve themselves
## (copied into their static folder; `make run` needs it), axe-core and @asyncapi/parser
LO_STATIC := services/localoffer/src/localoffer/static
GOVUK := node_modules/govuk-frontend/dist/govuk
assets:
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null)
	npm ci --no-audit --no-fund --loglevel=error
	cp $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.js $(LO_STATIC)/
	cp -r $(GOVUK)/assets/fonts $(GOVUK)/assets/images $(LO_STATIC)/

## the browser tests drive Debian's Chromium (never a downloaded browser)
browser-setup:
	@test -x /usr/bin/chromium || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

## kept for habit: the Node tools come with `make assets`
setup-node: assets

postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || \
		(pg_ctlcluster --skip-systemctl-redirect $(PG_VERSION) main start && sleep 2)
	@pg_isready -h 127.0.0.1 -p 5432

lint:
	$(UV) run ruff check .
	$(UV) run lint-imports

# mypy checks every source tree in one run (each src directory is a package root; one run,
# so each service is checked against common's real types, not an untyped import), then the
# tests as the `tests` package from the repository root.
MYPY_TARGETS ?= libs/common/src services/assessment/src services/localoffer/src services/budgets/src services/mediation/src services/notifications/src src
MYPY_TEST_TARGETS ?= tests

typecheck:
	$(UV) run mypy $(MYPY_TARGETS)
	$(UV) run mypy --explicit-package-bases $(MYPY_TEST_TARGETS)

check-migrations: postgres
	@set -e; db=sendsys_check_$$$$; \
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" >/dev/null; \
	trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)" >/dev/null' EXIT; \
	export SENDSYS_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/$$db; \
	$(UV) run sendsys migrate >/dev/null && $(UV) run sendsys check-migrations

# The Kafka-protocol broker (librdkafka's mock cluster) is started by the test session
# itself (common.testing.kafka_broker), unless KAFKA_BOOTSTRAP_SERVERS names a real one.
# In parallel: a pytest-xdist worker per core, each with its own Postgres database, Kafka
# mock broker and SMTP server (common.testing). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
test-only:
	$(UV) run pytest -q -n $(PYTEST_WORKERS)

## make test-fast: pure rules, use cases and contracts, no database (tests/conftest.py)
test-fast:
	$(UV) run pytest -q -m "not db and not kafka_cluster"

bench: setup postgres
	$(UV) run python -m bench

events-schema: setup-node
	@mkdir -p var
	$(UV) run sendsys events schema --asyncapi --out var/asyncapi.json
	node tests/interfaces/node/validate_asyncapi.cjs var/asyncapi.json

run-kafka:
	$(UV) run python -m common.testing.kafka_broker

## make images REGISTRY=registry.your-council.gov.uk/sendsys TAG=0.1.0: one image per service
images:
	for s in $(SERVICES); do \
		docker build -f deploy/docker/Dockerfile --build-arg SERVICE=$$s \
			-t $(REGISTRY)/sendsys-$$s:$(TAG) . || exit 1; done

## make push-images REGISTRY=... TAG=...: push them (after `docker login`)
push-images: images
	for s in $(SERVICES); do docker push $(REGISTRY)/sendsys-$$s:$(TAG) || exit 1; done

clean:
	rm -rf var .pytest_cache .ruff_cache .hypothesis
