"""deploy/k8s renders, validates and keeps the platform's rules — offline, no cluster.

Each overlay is rendered with the real `kustomize` (`go install`ed into the stack's bin by `make up`;
else `kubectl kustomize`), every core object is validated strictly against the Kubernetes schemas
`kubernetes-validate` ships, and KEDA's objects (a CRD, not in those schemas) are checked for the
fields KEDA requires. Then the rules: probes, resources, secrets only by reference, settings the
services really read, a PDB and NetworkPolicy per Deployment, a migration Job per database, and no
consumer group scaled past its topic's partitions.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from pydantic import AliasChoices

from radiant_contracts.topics import TOPICS

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("dev", "prod")
KUBERNETES_VERSION = "1.31.0"
SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")
DB_SERVICES = ("identity", "approval", "metering", "billing", "audit")
PORTS = {"gateway": 8000, "identity": 8001, "approval": 8002, "metering": 8003, "billing": 8004, "audit": 8005}
PARTITIONS = {t.name: t.partitions for t in TOPICS}
# The topics each service's consumer groups read (DESIGN.md §1 and each service's consumers.py): a
# replica past a topic's partitions would sit idle in that group.
CONSUMED = {
    "gateway": (),
    "identity": ("approval-decisions", "billing-events", "agent-events", "metering-events"),
    "approval": ("approval-decisions", "deployment-results", "tenant-events"),
    "metering": ("usage-events", "billing-events", "approval-decisions", "tenant-events"),
    "billing": ("approval-decisions", "tenant-events", "metering-events", "usage-events"),
    "audit": ("audit-events",),
}
KEDA_KINDS = {"ScaledObject", "TriggerAuthentication"}
# Names that hold a credential: their values come from a Secret, never from the manifests.
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|PEPPER|API_KEY|HMAC_KEY|DATABASE_URL|REDIS_URL|SIEM_SINKS")


def _kustomize() -> list[str]:
    state = Path(os.environ.get("RADIANT_STATE_DIR", ROOT / ".local"))
    state = state if state.is_absolute() else ROOT / state
    for candidate in (state / "bin" / "kustomize", shutil.which("kustomize")):
        if candidate and Path(candidate).is_file():
            return [str(candidate), "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    pytest.fail("no kustomize: `make install` go-installs it into the stack's bin (deploy/local/stack)")


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request) -> tuple[str, list[dict[str, Any]]]:
    out = subprocess.run(
        [*_kustomize(), str(K8S / "overlays" / request.param)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    return request.param, [doc for doc in yaml.safe_load_all(out.stdout) if doc]


def _of(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def _containers(pod: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from pod.get("initContainers", [])
    yield from pod["containers"]


def _pods(docs: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for d in docs:
        if d["kind"] in ("Deployment", "Job"):
            yield f"{d['kind']}/{d['metadata']['name']}", d["spec"]["template"]["spec"]


def _matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def test_every_core_object_is_valid_kubernetes(rendered):
    _, docs = rendered
    core = [d for d in docs if d["kind"] not in KEDA_KINDS]
    assert len(core) > 40
    for doc in core:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)  # raises on any error


def test_keda_objects_have_what_keda_requires(rendered):
    _, docs = rendered
    deployments = _of(docs, "Deployment")
    auths = _of(docs, "TriggerAuthentication")
    for name, so in _of(docs, "ScaledObject").items():
        assert so["apiVersion"] == "keda.sh/v1alpha1"
        spec = so["spec"]
        assert spec["scaleTargetRef"]["name"] in deployments, name
        assert isinstance(spec["minReplicaCount"], int) and isinstance(spec["maxReplicaCount"], int)
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
        assert spec["triggers"] and all(t["type"] and isinstance(t["metadata"], dict) for t in spec["triggers"])
        for trigger in spec["triggers"]:
            assert all(isinstance(v, str) for v in trigger["metadata"].values()), (name, trigger)  # map of strings
            if "authenticationRef" in trigger:
                assert trigger["authenticationRef"]["name"] in auths
    for auth in auths.values():
        assert all({"parameter", "name", "key"} <= set(ref) for ref in auth["spec"]["secretTargetRef"])


def test_each_service_is_a_deployment_with_probes_and_resources(rendered):
    _, docs = rendered
    deployments = _of(docs, "Deployment")
    assert set(deployments) == set(SERVICES)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        [app] = pod["containers"]
        assert app["args"] == [f"radiant_{name}", "serve"]
        assert app["ports"] == [{"name": "http", "containerPort": PORTS[name], "protocol": "TCP"}]
        assert app["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
        assert app["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}, name
        # An outage makes a pod unready, not restarted: liveness never asks for the dependencies.
        assert app["livenessProbe"]["httpGet"]["path"] != "/readyz"
        assert pod["securityContext"]["runAsNonRoot"] is True
    for where, pod in _pods(docs):
        for container in _containers(pod):
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources.get(bound, {})), (where, container["name"], bound)


def test_secrets_are_referenced_never_inline(rendered):
    _, docs = rendered
    assert not [d for d in docs if d["kind"] == "Secret"], "a Secret's values do not belong in the manifests"
    for where, pod in _pods(docs):
        for container in _containers(pod):
            for env in container.get("env", []):
                if SECRET_NAME.search(env["name"]):
                    assert "value" not in env and "secretKeyRef" in env["valueFrom"], (where, env["name"])
    for name, config in _of(docs, "ConfigMap").items():
        leaked = [key for key in config.get("data", {}) if SECRET_NAME.search(key)]
        assert not leaked, (name, leaked)


def _accepted_env(module: str) -> set[str]:
    """Every environment variable a settings class reads (its prefix + field, or the field's aliases)."""
    settings = importlib.import_module(module).Settings
    prefix = settings.model_config.get("env_prefix", "")
    names = set()
    for field_name, field in settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {str(choice) for choice in alias.choices}
        elif isinstance(alias, str):
            names.add(alias)
        else:
            names.add(f"{prefix}{field_name}".upper())
    return names


def test_config_maps_name_settings_the_services_read(rendered):
    _, docs = rendered
    configs = _of(docs, "ConfigMap")
    accepted = {svc: _accepted_env(f"radiant_{svc}.config") for svc in SERVICES}
    for svc in SERVICES:
        unknown = set(configs[f"{svc}-config"]["data"]) - accepted[svc]
        assert not unknown, (svc, unknown)
    # The shared settings: each is read by some service (a name no service reads configures nothing).
    everyone = set().union(*accepted.values())
    unknown = set(configs["radiant-common"]["data"]) - everyone
    assert not unknown, unknown
    for env in (e for _, pod in _pods(docs) for c in _containers(pod) for e in c.get("env", [])):
        assert env["name"] in everyone, env["name"]


def test_prod_runs_as_prod_over_tls(rendered):
    overlay, docs = rendered
    common = _of(docs, "ConfigMap")["radiant-common"]["data"]
    assert common["RADIANT_ENV"] == overlay
    if overlay == "prod":
        assert common["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"


def test_a_migration_job_per_database_runs_before_the_rollout(rendered):
    _, docs = rendered
    jobs = _of(docs, "Job")
    assert set(jobs) == {f"{svc}-migrate" for svc in DB_SERVICES}
    for svc in DB_SERVICES:
        job = jobs[f"{svc}-migrate"]
        [container] = job["spec"]["template"]["spec"]["containers"]
        assert container["args"] == [f"radiant_{svc}", "migrate"]
        annotations = job["metadata"]["annotations"]
        assert annotations["argocd.argoproj.io/hook"] == "PreSync"
        assert "pre-upgrade" in annotations["helm.sh/hook"]
        env = {e["name"] for e in container["env"]}
        assert f"{svc.upper()}_DATABASE_URL" in env
    audit_env = {e["name"] for e in jobs["audit-migrate"]["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert "AUDIT_MIGRATION_DATABASE_URL" in audit_env  # the schema owner migrates the append-only log


def test_a_disruption_budget_per_deployment(rendered):
    _, docs = rendered
    budgets = list(_of(docs, "PodDisruptionBudget").values())
    for name, deployment in _of(docs, "Deployment").items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert [b for b in budgets if _matches(b["spec"]["selector"], labels)], name


def _members_per_pod(docs: list[dict[str, Any]], svc: str) -> int:
    """Members of the scaled consumer group one pod runs (audit: AUDIT_INGEST_CONSUMERS)."""
    data = _of(docs, "ConfigMap")[f"{svc}-config"]["data"]
    return int(data.get("AUDIT_INGEST_CONSUMERS", "1")) if svc == "audit" else 1


def test_autoscaling_never_passes_the_partitions(rendered):
    _, docs = rendered
    hpas, scaled = _of(docs, "HorizontalPodAutoscaler"), _of(docs, "ScaledObject")
    for svc in SERVICES:
        # Exactly one autoscaler per Deployment (KEDA makes its own HPA; two would fight).
        targets = [o for o in (*hpas.values(), *scaled.values()) if o["spec"]["scaleTargetRef"]["name"] == svc]
        assert len(targets) == 1, svc
        [scaler] = targets
        maximum = scaler["spec"].get("maxReplicas", scaler["spec"].get("maxReplicaCount"))
        for topic in CONSUMED[svc]:
            assert maximum <= PARTITIONS[topic] or scaler["kind"] == "ScaledObject", (svc, topic)
        if scaler["kind"] == "ScaledObject":
            [kafka] = [t for t in scaler["spec"]["triggers"] if t["type"] == "kafka"]
            topic = kafka["metadata"]["topic"]
            assert topic in CONSUMED[svc]
            assert maximum * _members_per_pod(docs, svc) <= PARTITIONS[topic], (svc, topic)
            assert kafka["metadata"]["allowIdleConsumers"] == "false"
        if svc == "gateway":
            assert scaler["kind"] == "HorizontalPodAutoscaler"  # HTTP only: CPU
    # The consumer groups KEDA watches are the ones the services really join.
    from radiant_audit.consumers import INGEST_GROUP
    from radiant_metering.config import Settings as MeteringSettings

    groups = {so["spec"]["scaleTargetRef"]["name"]: so["spec"]["triggers"][0]["metadata"] for so in scaled.values()}
    assert groups["metering"]["consumerGroup"] == MeteringSettings.model_fields["ingest_group"].default
    assert groups["audit"]["consumerGroup"] == INGEST_GROUP


def test_network_policies_deny_by_default_and_admit_what_the_design_says(rendered):
    _, docs = rendered
    policies = _of(docs, "NetworkPolicy")
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    platform = {svc: _of(docs, "Deployment")[svc]["spec"]["template"]["metadata"]["labels"] for svc in SERVICES}
    for svc, labels in platform.items():
        own = [p for n, p in policies.items() if n == svc and _matches(p["spec"]["podSelector"], labels)]
        assert own, f"no NetworkPolicy for {svc}"
        [policy] = own
        for rule in policy["spec"]["ingress"]:
            assert [p["port"] for p in rule["ports"]] == [PORTS[svc]]
            if svc == "gateway":
                continue  # the one entry from outside (prod: the ingress controller only)
            # Everyone else is reached only from the platform's own pods, never from outside.
            assert rule.get("from"), svc
            for peer in rule["from"]:
                assert "ipBlock" not in peer and "namespaceSelector" not in peer, (svc, peer)
                assert any(_matches(peer["podSelector"], other) for other in platform.values()), (svc, peer)
    # A few of the design's calls, both ways: billing reads metering's rollups; nobody calls the gateway back.
    admitted = {
        svc: {
            peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
            for r in p["spec"]["ingress"]
            for peer in r.get("from", [])
        }
        for svc, p in policies.items()
        if svc in SERVICES
    }
    assert "billing" in admitted["metering"] and "gateway" in admitted["audit"]
    assert admitted["audit"] == {"gateway"}
    egress_ports = {svc: {p["port"] for r in policies[svc]["spec"]["egress"] for p in r["ports"]} for svc in SERVICES}
    assert 5432 not in egress_ports["gateway"]  # the gateway owns no data
    assert 443 in egress_ports["billing"] and 443 not in egress_ports["metering"]  # Stripe and Lago: billing only
    assert 6514 in egress_ports["audit"]  # the SIEM


def test_the_readme_names_every_secret_the_manifests_reference(rendered):
    _, docs = rendered
    readme = (K8S / "README.md").read_text()
    names = set()
    for _, pod in _pods(docs):
        for container in _containers(pod):
            names |= {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", []) if "valueFrom" in e}
        names |= {v["secret"]["secretName"] for v in pod.get("volumes", []) if "secret" in v}
    names |= {
        ref["name"] for auth in _of(docs, "TriggerAuthentication").values() for ref in auth["spec"]["secretTargetRef"]
    }
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, missing
