"""The local stack's Kafka with `KAFKA_BROKERS=3` (deploy/local/stack, issue 18): what each node's
server.properties says and what clients are told, rendered into a scratch state directory (nothing is
started). One node keeps the properties it always had."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

from stack.components.kafka import Kafka  # type: ignore[import-not-found]  # noqa: E402
from stack.config import Settings  # type: ignore[import-not-found]  # noqa: E402


def _props(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text().splitlines() if "=" in line and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def make(brokers: int) -> Settings:
        monkeypatch.setenv("RADIANT_STATE_DIR", str(tmp_path / f"state-{brokers}"))
        monkeypatch.setenv("KAFKA_BROKERS", str(brokers))
        monkeypatch.setenv("KAFKA_PORT", "39092")
        monkeypatch.setenv("KAFKA_CONTROLLER_PORT", "39093")
        monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
        # `make test` exports the dev stack's computed settings, which would win over what is computed here.
        for key in ("TOPIC_REPLICATION_FACTOR", "KAFKA_MIN_INSYNC_REPLICAS", "KAFKA_BOOTSTRAP_SERVERS", "RADIANT_HOST"):
            monkeypatch.delenv(key, raising=False)
        return Settings()

    return make


def test_three_nodes_vote_together_and_replicate_on_three_with_two_in_sync(settings) -> None:
    s = settings(3)
    first = Kafka(s)
    nodes = [first, *first.peers]
    for node in nodes:
        node._render_props()
    props = [_props(node.props) for node in nodes]
    voters = "1@127.0.0.1:39093,2@127.0.0.1:39103,3@127.0.0.1:39113"
    assert [p["node.id"] for p in props] == ["1", "2", "3"]
    assert {p["controller.quorum.voters"] for p in props} == {voters}
    assert [p["listeners"] for p in props] == [
        f"CLIENT://127.0.0.1:{client},CONTROLLER://127.0.0.1:{client + 1}" for client in (39092, 39102, 39112)
    ]
    assert len({p["log.dirs"] for p in props}) == 3  # each node its own data
    for p in props:
        assert (p["default.replication.factor"], p["min.insync.replicas"]) == ("3", "2")
        assert (p["offsets.topic.replication.factor"], p["transaction.state.log.min.isr"]) == ("3", "2")
    env = s.computed_env()
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:39092,127.0.0.1:39102,127.0.0.1:39112"
    assert env["TOPIC_REPLICATION_FACTOR"] == "3"


def test_one_node_is_its_own_quorum_with_nothing_replicated(settings) -> None:
    s = settings(1)
    kafka = Kafka(s)
    kafka._render_props()
    props = _props(kafka.props)
    assert kafka.peers == [] and kafka.props == s.state / "kafka" / "server.properties"
    assert props["node.id"] == "1" and props["controller.quorum.bootstrap.servers"] == "127.0.0.1:39093"
    assert "controller.quorum.voters" not in props
    assert (props["default.replication.factor"], props["min.insync.replicas"]) == ("1", "1")
    assert s.computed_env()["KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:39092"


def test_a_broker_count_the_stack_does_not_run_is_refused(settings) -> None:
    with pytest.raises(ValueError, match="1, 3 or 5"):
        _ = settings(2).kafka_brokers


def test_storage_is_formatted_with_a_cluster_id_that_starts_with_a_dash(settings) -> None:
    """A random cluster id starts with "-" one time in 64; Kafka's own StorageTool (the stack's jars)
    formats a scratch node with one. Passed as `-t <id>`, the tool took the id for an option."""
    classpath = Kafka(Settings()).classpath  # the jars `make up` installed, before the scratch settings
    node = Kafka(settings(1))
    node._render_props()
    cluster_id = "-voDtU0RRh2yerTI45btWA"
    command = node.storage_format_command(cluster_id)
    command[command.index("-cp") + 1] = classpath
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    meta = Path(_props(node.props)["log.dirs"]) / "meta.properties"
    assert _props(meta)["cluster.id"] == cluster_id
