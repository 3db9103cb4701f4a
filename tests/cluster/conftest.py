"""The cluster suite (`make test-cluster`, issue 18): the platform on a three-broker KRaft Kafka cluster
on loopback, and two instances per consumer group.

Everything runs against a stack of its own (`radiant_testing.fault_stack` with `KAFKA_BROKERS=3`: own
state directory `.local/cluster`, every port shifted by `CLUSTER_PORT_OFFSET`, default 22000, so its
Kafka nodes listen on 31092, 31102 and 31112), never the shared dev stack. The cluster's topics are
replicated on the three nodes with `min.insync.replicas=2`; the services' producers (the outbox relay)
and the test's send with `acks=all`.

Each case prints one line of figures (events sent, in rollups or log, lost, counted twice, time to
recover), gathered again at the end of the run. Event counts are moderate (the machine is shared):
`CLUSTER_USAGE_EVENTS` (default 50,000) and `CLUSTER_AUDIT_EVENTS` (default 10,000). Not collected by
`make test`: only when `RADIANT_CLUSTER=1`, as `make test-cluster` sets it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from radiant_testing.fault_stack import FaultStack, Figures, Stopwatch  # noqa: F401 - the cases import them from here
from radiant_testing.stack import StackEnv

ROOT = Path(__file__).resolve().parents[2]
FIGURES = Figures("cluster")

if os.environ.get("RADIANT_CLUSTER") != "1":
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def cluster_stack() -> Iterator[FaultStack]:
    state = Path(os.environ.get("CLUSTER_STATE_DIR", str(ROOT / ".local" / "cluster")))
    cluster = FaultStack(
        state,
        offset=int(os.environ.get("CLUSTER_PORT_OFFSET", "22000")),
        ready_timeout=400,  # three Kafka nodes and six services on a shared machine
        extra_env={"KAFKA_BROKERS": "3"},
    )
    with cluster.running(keep=os.environ.get("CLUSTER_KEEP_STACK") == "1"):
        yield cluster


@pytest.fixture(scope="session")
def stack(cluster_stack: FaultStack) -> StackEnv:
    """The plugin's `stack`, pointed at the cluster's stack: every fixture (gateway, make_token,
    kafka_producer) and every settings class built in a test talks to it."""
    env = cluster_stack.env()
    os.environ.update(env)
    return StackEnv(env)


@pytest.fixture(autouse=True)
def everything_running_again(cluster_stack: FaultStack) -> Iterator[None]:
    """A case that failed half-way must not leave the next one without a Kafka node or a service."""
    yield
    cluster_stack.heal()


@pytest.fixture
def figures() -> Figures:
    return FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    FIGURES.summarize(terminalreporter)
