# Local development and CI entry points. Everything runs without Docker; see deploy/local/README.md.
#   make up        install what is missing, start infra + services, wait until ready
#   make test      up, then the whole pytest suite (PYTEST_ARGS="-x -k foo" to narrow)
#   make lint      ruff (lint + format check), mypy, import-linter's layering contracts
#   make fuzz      schemathesis over the gateway's merged OpenAPI, longer than in `make test`
#   make console-client | console-screenshots   the admin console's typed client / a picture of each screen
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION  := 0.13.8
# `uv` from PATH, else the one pip installed for python3 (it may not be on PATH).
UV           = $(shell command -v uv 2>/dev/null || echo python3 -m uv)
STACK        = $(UV) run --frozen python deploy/local/stack
STATE_DIR   ?= $(or $(RADIANT_STATE_DIR),.local)
PYTEST_ARGS ?=
UP_ARGS     ?=

.PHONY: help lint format uv sync install up up-infra restart down bench-gateway bench-metering bench-quota bench-audit bench-billing status env logs test test-unit test-faults test-cluster fuzz clean

help:
	@echo "make up | up-infra | down | status | env | logs | install | test | test-unit | fuzz | lint | format | clean"
	@echo "  PYTEST_ARGS='...' for test/test-unit; UP_ARGS=--infra-only for up"

# Every Python package of the tree, for the type checker (strict for libs/, see mypy.ini).
PACKAGES := radiant_contracts radiant_platform radiant_testing $(patsubst services/%,radiant_%,$(wildcard services/*))

lint: sync
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy $(addprefix -p ,$(PACKAGES))
	$(UV) run --frozen lint-imports

# Apply the formatter and the safe lint fixes.
format: sync
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
	  python3 -m pip install --quiet uv==$(UV_VERSION) 2>/dev/null || \
	  python3 -m pip install --quiet --break-system-packages uv==$(UV_VERSION)

sync: uv
	$(UV) sync --frozen --all-packages

install: sync
	$(STACK) install

up: sync
	$(STACK) up $(UP_ARGS)

up-infra: sync
	$(STACK) up --infra-only

# make restart SERVICES="identity gateway"  (all six when SERVICES is empty)
restart: sync
	$(STACK) restart $(SERVICES)

down: uv
	$(STACK) down

status: uv
	$(STACK) status

env: uv
	@$(STACK) env

logs:
	@ls $(STATE_DIR)/logs/*.log >/dev/null 2>&1 || { echo "no logs in $(STATE_DIR)/logs"; exit 1; }
	tail -n 20 -F $(STATE_DIR)/logs/*.log

# Tests get the stack's computed environment (KAFKA_BOOTSTRAP_SERVERS, *_DATABASE_URL, ...).
test: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen pytest $(PYTEST_ARGS)

# The fuzz test of `make test` (tests/fuzz), with a larger budget: FUZZ_MAX_EXAMPLES per operation and
# phase, FUZZ_MAX_TIME seconds over which fuzzing and stateful sequences repeat, FUZZ_SEED for other cases.
FUZZ_MAX_EXAMPLES ?= 100
FUZZ_MAX_TIME     ?= 900
FUZZ_PHASES       ?= examples,coverage,fuzzing,stateful
fuzz: up
	set -a && . $(STATE_DIR)/stack.env && set +a && \
	  FUZZ_MAX_EXAMPLES=$(FUZZ_MAX_EXAMPLES) FUZZ_MAX_TIME=$(FUZZ_MAX_TIME) FUZZ_PHASES=$(FUZZ_PHASES) $(if $(FUZZ_SEED),FUZZ_SEED=$(FUZZ_SEED)) \
	  $(UV) run --frozen pytest tests/fuzz -s $(PYTEST_ARGS)

# The fault suite (tests/faults, issue 18): kills and restarts PostgreSQL, Redis, Kafka and services of a
# stack of its own (.local/faults, every port shifted by FAULTS_PORT_OFFSET), never the dev stack's.
# Not part of `make test` (its budget); `.ci/run` runs it after. One line of figures per case.
# `install` first: the suite links the shared installs, and installing inside its stack's start-up
# would spend that start-up's time limit on downloads (a fresh clone's first run timed out so).
FAULTS_PORT_OFFSET ?= 20000
test-faults: install
	RADIANT_FAULTS=1 FAULTS_PORT_OFFSET=$(FAULTS_PORT_OFFSET) $(UV) run --frozen pytest tests/faults $(PYTEST_ARGS)

# The cluster suite (tests/cluster, issue 18): metering and audit ingest on a three-broker KRaft Kafka
# cluster (a broker killed and brought back) and with two instances per consumer group, on a stack of
# its own (.local/cluster, ports shifted by CLUSTER_PORT_OFFSET; KAFKA_BROKERS=3). Not part of `make test`;
# `.ci/run` runs it after. CLUSTER_USAGE_EVENTS / CLUSTER_AUDIT_EVENTS size it. One line of figures per case.
CLUSTER_PORT_OFFSET ?= 22000
test-cluster: install
	RADIANT_CLUSTER=1 CLUSTER_PORT_OFFSET=$(CLUSTER_PORT_OFFSET) $(UV) run --frozen pytest tests/cluster $(PYTEST_ARGS)

test-unit: sync
	$(UV) run --frozen pytest libs services -m "not integration" $(PYTEST_ARGS)

# Benchmarks against the running local stack; each prints its figures, the last line is JSON.
bench-gateway: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen python services/gateway/benchmarks/bench_gateway.py

bench-metering: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen python services/metering/benchmarks/bench_metering.py

bench-quota: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen python services/metering/benchmarks/bench_quota.py

bench-audit: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen python services/audit/benchmarks/bench_audit.py

bench-billing: up
	set -a && . $(STATE_DIR)/stack.env && set +a && $(UV) run --frozen python services/billing/benchmarks/bench_billing.py

# The admin console (console/, built by `make up`): regenerate its typed API client from the running
# gateway's merged OpenAPI (commit console/src/api/schema.d.ts; the suite fails when it drifts), and
# take a full-page screenshot of every screen its browser suite visits, into $(STATE_DIR)/console-screenshots/.
.PHONY: console-client console-screenshots
console-client:
	set -a && . $(STATE_DIR)/stack.env && set +a && cd console && node scripts/generate-client.mjs "$$GATEWAY_URL/openapi.json"

# Every console driver (tests/e2e/test_e2e_console*.py) runs, so every screen is pictured; each
# screen's render time goes to console-timings.jsonl, printed as a table at the end.
console-screenshots: up
	rm -f $(STATE_DIR)/console-timings.jsonl
	set -a && . $(STATE_DIR)/stack.env && set +a && CONSOLE_SCREENSHOTS=$(abspath $(STATE_DIR))/console-screenshots \
	  CONSOLE_TIMINGS=$(abspath $(STATE_DIR))/console-timings.jsonl \
	  $(UV) run --frozen pytest $(sort $(wildcard tests/e2e/test_e2e_console*.py)) -s $(PYTEST_ARGS)
	@echo "screenshots in $(STATE_DIR)/console-screenshots/, timings in $(STATE_DIR)/console-timings.jsonl"

# `deploy/local/stack down` needs only the standard library, so clean works even without a venv.
clean:
	python3 deploy/local/stack down
	rm -rf $(STATE_DIR)
