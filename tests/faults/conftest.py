"""The fault suite (`make test-faults`, issue 18): kills and restarts dependencies and services of a
stack of its own (`radiant_testing.fault_stack`: own state directory `.local/faults`, every port
shifted by `FAULTS_PORT_OFFSET`, default 20000), never the shared dev stack.

Each case records one line of figures (case, events sent, found in rollups/log, lost, counted twice,
time to recover), printed together at the end of the run. Not collected by `make test` (it would
not fit its budget): only when `RADIANT_FAULTS=1`, as `make test-faults` sets it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from radiant_contracts import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_contracts.topics import USAGE_EVENTS
from radiant_testing import service_db
from radiant_testing.fault_stack import FaultStack, Figures, Stopwatch  # noqa: F401 - the cases import them from here
from radiant_testing.onboarding import invite, login, onboard  # noqa: F401 - pytest registers fixtures found here
from radiant_testing.stack import StackEnv

ROOT = Path(__file__).resolve().parents[2]
FIGURES = Figures("fault")

if os.environ.get("RADIANT_FAULTS") != "1":
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def fault_stack() -> Iterator[FaultStack]:
    state = Path(os.environ.get("FAULTS_STATE_DIR", str(ROOT / ".local" / "faults")))
    faults = FaultStack(state, offset=int(os.environ.get("FAULTS_PORT_OFFSET", "20000")))
    with faults.running(keep=os.environ.get("FAULTS_KEEP_STACK") == "1"):
        yield faults


@pytest.fixture(scope="session")
def stack(fault_stack: FaultStack) -> StackEnv:
    """The plugin's `stack`, pointed at the fault stack: every fixture (gateway, make_token, inbox,
    onboarding) and every settings class built in a test talks to it."""
    env = fault_stack.env()
    os.environ.update(env)
    return StackEnv(env)


@pytest.fixture(autouse=True)
def everything_running_again(fault_stack: FaultStack) -> Iterator[None]:
    """A case that failed half-way must not leave the next one without its PostgreSQL or a service."""
    yield
    fault_stack.heal()


@pytest.fixture
def figures() -> Figures:
    return FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    FIGURES.summarize(terminalreporter)


# --- usage events and what metering stored of them (test modules cannot import this file) ----------


@dataclass
class UsageBatch:
    """Serialised events (key, value) and, per tenant, how many requests and input tokens they hold."""

    records: list[tuple[bytes, bytes]]
    requests: Counter[str]
    input_tokens: Counter[str]

    @property
    def tenants(self) -> list[str]:
        return sorted(self.requests)


def usage_batch(count: int, *, tenants: int = 20, seed: int = 18) -> UsageBatch:
    rnd = random.Random(seed)
    run = uuid.uuid4().hex[:8]
    names = [f"t-fault-{run}-{i}" for i in range(tenants)]
    now = datetime.now(UTC)
    records: list[tuple[bytes, bytes]] = []
    requests: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for _ in range(count):
        tenant = rnd.choice(names)
        input_tokens = rnd.randint(1, 4000)
        payload = UsageRecorded(
            request_id=str(uuid.uuid4()),
            provider_id="openai",
            model_id="gpt-4o",
            model_name="gpt-4o",
            request_type="chat",
            input_tokens=input_tokens,
            output_tokens=rnd.randint(0, 500),
            latency_ms=100,
            app_id="fault-suite",
            environment="dev",
            occurred_at=now,
        )
        event = make_event(payload, tenant_id=tenant, source=USAGE_PRODUCER)
        records.append((event.kafka_key(), event.to_bytes()))
        requests[tenant] += 1
        tokens[tenant] += input_tokens
    return UsageBatch(records, requests, tokens)


def usage_for(tenant: str, count: int, *, input_tokens: int, output_tokens: int = 0) -> list[tuple[bytes, bytes]]:
    """`count` events of one tenant, each with these tokens."""
    now = datetime.now(UTC)
    records = []
    for _ in range(count):
        payload = UsageRecorded(
            request_id=str(uuid.uuid4()),
            provider_id="openai",
            model_id="gpt-4o",
            model_name="gpt-4o",
            request_type="chat",
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            latency_ms=100,
            app_id="fault-suite",
            environment="dev",
            occurred_at=now,
        )
        event = make_event(payload, tenant_id=tenant, source=USAGE_PRODUCER)
        records.append((event.kafka_key(), event.to_bytes()))
    return records


async def send(producer: AIOKafkaProducer, records: list[tuple[bytes, bytes]], topic: str = USAGE_EVENTS) -> None:
    for key, value in records:
        await producer.send(topic, value, key=key)
    await producer.flush()


async def stored(stack: StackEnv, tenants: list[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per tenant: requests and input tokens in the daily rollups, requests in month-to-date."""
    async with service_db(stack, "metering") as conn:
        rollups = await conn.fetch(
            "SELECT tenant_id, sum(request_count) AS n, sum(input_tokens) AS i FROM metering.usage_rollups"
            " WHERE tenant_id = ANY($1::text[]) GROUP BY tenant_id",
            tenants,
        )
        mtd = await conn.fetch(
            "SELECT tenant_id, sum(request_count) AS n FROM metering.usage_month_to_date"
            " WHERE tenant_id = ANY($1::text[]) GROUP BY tenant_id",
            tenants,
        )
    return (
        Counter({r["tenant_id"]: int(r["n"]) for r in rollups}),
        Counter({r["tenant_id"]: int(r["i"]) for r in rollups}),
        Counter({r["tenant_id"]: int(r["n"]) for r in mtd}),
    )


def lost_and_twice(expected: Counter[str], found: Counter[str]) -> tuple[int, int]:
    """Events missing and events counted more than once, summed over tenants."""
    lost = sum(max(0, expected[t] - found[t]) for t in expected)
    twice = sum(max(0, found[t] - expected[t]) for t in found)
    return lost, twice


class Usage:
    """The helpers above, as a fixture."""

    batch = staticmethod(usage_batch)
    of_tenant = staticmethod(usage_for)
    send = staticmethod(send)
    stored = staticmethod(stored)
    lost_and_twice = staticmethod(lost_and_twice)


@pytest.fixture
def usage() -> Usage:
    return Usage()


# --- a SIEM receiver: the stack's syslog receiver is rsyslogd (services/audit/tests' SIEM tests) -------


RSYSLOG_TEMPLATE = "%protocol-version%|%syslogfacility%|%syslogseverity%|%app-name%|%msgid%|%structured-data%|%msg%\\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Rsyslog:
    """A private rsyslogd: imtcp on a loopback port, every message appended to one file; `stop()` and
    `start()` again on the same port, as a receiver restarted by its operator."""

    def __init__(self, work: Path, port: int) -> None:
        self.port = port
        self.dir = work / uuid.uuid4().hex[:12]
        self.dir.mkdir(parents=True)
        self.output = self.dir / "received.log"
        self.conf = self.dir / "rsyslog.conf"
        self.conf.write_text(
            f'global(workDirectory="{self.dir}" maxMessageSize="64k")\n'
            'module(load="imtcp")\n'
            f'template(name="radiant" type="string" string="{RSYSLOG_TEMPLATE}")\n'
            f'ruleset(name="r") {{ action(type="omfile" file="{self.output}" template="radiant") }}\n'
            f'input(type="imtcp" port="{port}" address="127.0.0.1" ruleset="r")\n'
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        rsyslogd = shutil.which("rsyslogd") or "/usr/sbin/rsyslogd"
        with open(self.dir / "rsyslogd.err", "ab") as errors:
            self.proc = subprocess.Popen(
                [rsyslogd, "-n", "-f", str(self.conf), "-i", str(self.dir / "rsyslogd.pid")],
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"rsyslogd did not listen on {self.port}: {(self.dir / 'rsyslogd.err').read_text()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=15)
        self.proc = None

    def received(self) -> dict[str, list[str]]:
        """Per tenant, the audit event ids in the order they arrived (repeats included)."""
        out: dict[str, list[str]] = {}
        if not self.output.exists():
            return out
        for line in self.output.read_text(encoding="utf-8").splitlines():
            fields = line.split("|", 6)
            if len(fields) < 7:
                continue
            body = json.loads(fields[6].lstrip("\ufeff"))
            if body.get("type") == "radiant.audit.recorded.v1":
                out.setdefault(body["tenantid"], []).append(body["id"])
        return out


@pytest.fixture
def rsyslog() -> Iterator[Rsyslog]:
    if shutil.which("rsyslogd") is None and not Path("/usr/sbin/rsyslogd").exists():
        subprocess.run(["apt-get", "install", "-y", "rsyslog"], check=True, capture_output=True)
    receiver = Rsyslog(ROOT / ".local" / "faults" / "rsyslog", free_port())
    receiver.start()
    try:
        yield receiver
    finally:
        receiver.stop()
        shutil.rmtree(receiver.dir, ignore_errors=True)


# --- audit events as identity publishes them, and what the audit log holds of them ----------------


def audit_records(tenants: list[str], count: int) -> list[tuple[bytes, bytes]]:
    """`audit.recorded` CloudEvents as identity publishes them, spread over the tenants."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    records = []
    for i in range(count):
        tenant = tenants[i % len(tenants)]
        event = {
            "specversion": "1.0",
            "id": str(uuid.uuid4()),
            "source": "radiant/identity",
            "type": "radiant.audit.recorded.v1",
            "time": now,
            "datacontenttype": "application/json",
            "tenantid": tenant,
            "subject": f"r-{i}",
            "data": {
                "actor": {"type": "admin", "id": "admin-1", "name": "Fault Admin", "ip": "203.0.113.1"},
                "action": "settings.update",
                "resource_type": "settings",
                "resource_id": f"r-{i}",
                "outcome": "success",
                "details": {"i": i},
                "environment": "dev",
            },
        }
        records.append((tenant.encode(), json.dumps(event).encode()))
    return records


async def audit_stored(stack, tenants: list[str]) -> tuple[Counter[str], int]:
    """Entries per tenant, and entries stored more than once (by event id)."""
    async with service_db(stack, "audit") as conn:
        rows = await conn.fetch(
            "SELECT tenant_id, count(*) AS n, count(*) - count(DISTINCT event_id) AS extra FROM audit.audit_log"
            " WHERE tenant_id = ANY($1::text[]) GROUP BY tenant_id",
            tenants,
        )
    return Counter({r["tenant_id"]: int(r["n"]) for r in rows}), sum(int(r["extra"]) for r in rows)


class AuditEvents:
    records = staticmethod(audit_records)
    stored = staticmethod(audit_stored)


@pytest.fixture
def audit() -> AuditEvents:
    return AuditEvents()
