"""The operators' catalogue import (issue 11, seed 000's "dynamic pricing sync"): over the API
(`POST /api/v2/saas/models/import`) and as `radiant prices import FILE`; price versions only where a
price changed, a dry run that shows the diff and changes nothing, LiteLLM's per-token prices exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

from radiant_testing import bearer, event_json, tail_topic

IMPORT = "/api/v2/saas/models/import"
ROOT = Path(__file__).resolve().parents[4]


def _ids(prefix: str, n: int) -> list[str]:
    run = uuid.uuid4().hex[:8]
    return [f"{prefix}-{run}-{i}" for i in range(n)]


async def _versions(h, platform, model_ids: list[str]) -> dict[str, list[tuple[Decimal, Decimal]]]:
    rows = await h.fetch(
        platform,
        "SELECT model_id, input_price_per_million AS i, output_price_per_million AS o FROM metering.model_prices "
        "WHERE model_id = ANY($1::text[]) ORDER BY model_id, effective_from",
        model_ids,
    )
    versions: dict[str, list[tuple[Decimal, Decimal]]] = {m: [] for m in model_ids}
    for r in rows:
        versions[r["model_id"]].append((r["i"], r["o"]))
    return versions


def _registry_entry(model_id: str, price_in: str, price_out: str) -> dict:
    return {
        "modelId": model_id,
        "providerId": "acme",
        "modelName": model_id.upper(),
        "currentPrice": {"inputPricePerMillion": price_in, "outputPricePerMillion": price_out},
    }


async def _seed(gateway, operator, model_id: str, price_in: str, price_out: str) -> None:
    r = await gateway.put(
        f"/api/v2/metering/models/{model_id}",
        json={
            "providerId": "acme",
            "modelName": "Acme",
            "inputPricePerMillion": price_in,
            "outputPricePerMillion": price_out,
        },
        headers=operator,
    )
    assert r.status_code == 200, r.text


async def test_an_import_versions_only_changed_prices_and_a_dry_run_changes_nothing(platform, gateway, make_token, h):
    operator = bearer(make_token(kind="operator"))
    same, changed, new = _ids("imp", 3)
    await _seed(gateway, operator, same, "1", "2")
    await _seed(gateway, operator, changed, "1", "2")
    catalogue = {
        "models": [
            _registry_entry(same, "1.000000", "2"),  # the same prices, written differently
            _registry_entry(changed, "1.5", "2"),
            _registry_entry(new, "0.25", "0.75"),
        ]
    }
    before = await _versions(h, platform, [same, changed, new])

    dry = await gateway.post(IMPORT, json={"dryRun": True, "catalogue": catalogue}, headers=operator)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert body["dryRun"] is True and body["format"] == "registry"
    assert body["summary"] == {"created": 1, "repriced": 1, "unchanged": 1, "skipped": 0}
    by_id = {c["modelId"]: c for c in body["changes"]}
    assert by_id[changed]["action"] == "reprice"
    assert by_id[changed]["before"] == {"inputPricePerMillion": "1.000000", "outputPricePerMillion": "2.000000"}
    assert by_id[changed]["after"] == {"inputPricePerMillion": "1.500000", "outputPricePerMillion": "2.000000"}
    assert by_id[new]["action"] == "create" and by_id[new]["before"] is None and same not in by_id
    assert await _versions(h, platform, [same, changed, new]) == before  # nothing written
    assert not await h.fetch(platform, "SELECT 1 FROM metering.models WHERE model_id = $1", new)

    async with tail_topic(platform, "audit-events") as audit:
        applied = await gateway.post(IMPORT, json={"catalogue": catalogue}, headers=operator)
        assert applied.status_code == 200, applied.text
        [recorded] = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["action"] == "model.import"
                and any(c["model_id"] == new for c in event_json(r)["data"]["details"]["changes"])
            )
        )
    assert applied.json()["summary"] == body["summary"] and applied.json()["dryRun"] is False
    after = await _versions(h, platform, [same, changed, new])
    assert after[same] == before[same]  # no new version where the price did not change
    assert after[changed] == [*before[changed], (Decimal("1.5"), Decimal("2"))]
    assert after[new] == [(Decimal("0.25"), Decimal("0.75"))]
    audit_event = event_json(recorded)
    assert audit_event["tenantid"] == "platform" and audit_event["data"]["actor"]["type"] == "operator"
    assert audit_event["data"]["details"]["repriced"] == 1 and audit_event["data"]["details"]["created"] == 1

    again = await gateway.post(IMPORT, json={"catalogue": catalogue}, headers=operator)
    assert again.json()["summary"] == {"created": 0, "repriced": 0, "unchanged": 3, "skipped": 0}
    assert await _versions(h, platform, [same, changed, new]) == after


async def test_litellm_prices_per_token_are_imported_exactly_per_million(platform, gateway, make_token, h):
    operator = bearer(make_token(kind="operator"))
    nova, embed, image, known = _ids("litellm", 4)
    await _seed(gateway, operator, known, "9", "9")
    # LiteLLM's own layout and number spellings (a float would make 3.3e-06 × 10⁶ = 3.3000000000000003)
    raw = (
        '{"catalogue": {"sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0,'
        ' "litellm_provider": "one of https://docs.litellm.ai/docs/providers"},'
        f' "{nova}": {{"input_cost_per_token": 2.1875e-06, "output_cost_per_token": 1.75e-05,'
        ' "litellm_provider": "bedrock_converse", "mode": "chat", "max_tokens": 64000},'
        f' "{embed}": {{"input_cost_per_token": 3.3e-06, "output_cost_per_token": 0, "litellm_provider": "openai",'
        ' "mode": "embedding"},'
        f' "{image}": {{"output_cost_per_image": 0.04, "litellm_provider": "bedrock", "mode": "image_generation"}},'
        f' "{known}": {{"input_cost_per_token": 9e-06, "output_cost_per_token": 9e-06, "litellm_provider": "acme"}}'
        "}}"
    )
    r = await gateway.post(IMPORT, content=raw, headers={**operator, "content-type": "application/json"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["format"] == "litellm"
    assert body["summary"] == {"created": 2, "repriced": 0, "unchanged": 1, "skipped": 1}
    assert body["skipped"] == [{"modelId": image, "reason": "no per-token input and output prices"}]
    versions = await _versions(h, platform, [nova, embed])
    assert versions[nova] == [(Decimal("2.187500"), Decimal("17.500000"))]
    assert versions[embed] == [(Decimal("3.300000"), Decimal("0"))]
    r = await gateway.get(f"/api/v2/saas/models/{nova}", headers=operator)
    assert r.json()["providerId"] == "bedrock_converse" and r.json()["status"] == "active"


async def test_only_operators_with_saas_write_import(platform, gateway, make_token):
    catalogue = {"models": [_registry_entry(_ids("denied", 1)[0], "1", "1")]}
    support = bearer(make_token(kind="operator", role="platform_support"))
    assert (await gateway.post(IMPORT, json={"catalogue": catalogue}, headers=support)).status_code == 403
    assert (await gateway.get("/api/v2/saas/models", headers=support)).status_code == 200  # but reads
    admin = bearer(make_token(role="super_admin"))
    assert (await gateway.post(IMPORT, json={"catalogue": catalogue}, headers=admin)).status_code == 403
    assert (await gateway.get("/api/v2/saas/models", headers=admin)).status_code == 403


async def test_a_document_that_is_no_catalogue_is_refused_with_field_errors(platform, gateway, make_token):
    operator = bearer(make_token(kind="operator"))
    for catalogue, field in (({"models": [{"providerId": "x"}]}, "catalogue.models.0.modelId"), ({}, "catalogue")):
        r = await gateway.post(IMPORT, json={"catalogue": catalogue}, headers=operator)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["errors"][0]["field"] == field
    r = await gateway.post(
        IMPORT, json={"catalogue": {"models": []}, "effectiveFrom": "2020-01-01T00:00:00Z"}, headers=operator
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "effectiveFrom"


def _radiant(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("radiant")), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT, check=False)


async def test_radiant_prices_import_from_the_command_line(platform, h, tmp_path):
    first, new = _ids("cli", 2)
    catalogue = {"models": [_registry_entry(first, "3", "4"), _registry_entry(new, "0.5", "1")]}
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue))
    env = {**os.environ}

    dry = _radiant("prices", "import", str(path), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["summary"] == {"created": 2, "repriced": 0, "unchanged": 0, "skipped": 0}
    assert "dry run" in dry.stderr
    assert await _versions(h, platform, [first, new]) == {first: [], new: []}

    async with tail_topic(platform, "audit-events") as audit:
        done = _radiant("prices", "import", str(path), env=env)
        assert done.returncode == 0, done.stderr
        [recorded] = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["action"] == "model.import"
                and any(c["model_id"] == new for c in event_json(r)["data"]["details"]["changes"])
            )
        )
    assert json.loads(done.stdout)["dryRun"] is False
    assert await _versions(h, platform, [first, new]) == {
        first: [(Decimal("3"), Decimal("4"))],
        new: [(Decimal("0.5"), Decimal("1"))],
    }
    actor = event_json(recorded)["data"]["actor"]
    assert event_json(recorded)["tenantid"] == "platform" and actor["type"] == "system"
    assert actor["id"].startswith("radiant-cli:")

    broken = tmp_path / "broken.json"
    broken.write_text('{"models": [')
    refused = _radiant("prices", "import", str(broken), env=env)
    assert refused.returncode != 0 and "not valid JSON" in refused.stderr


async def test_a_catalogue_the_size_of_litellms_passes_the_body_limits(platform, gateway, make_token):
    """LiteLLM's file is ~1.6 MB with ~40,000 members: past the default body limits (1 MiB, 5,000)."""
    operator = bearer(make_token(kind="operator"))
    run = uuid.uuid4().hex[:8]
    spec = {
        "litellm_provider": "bulk",
        "mode": "chat",
        "max_input_tokens": 128000,
        "max_output_tokens": 16384,
        "input_cost_per_token": 1.5e-06,
        "output_cost_per_token": 6e-06,
        "supports_function_calling": True,
        "supports_vision": False,
        "supported_regions": ["global", "us-west-2", "eu-west-1"],
        "source": "https://docs.litellm.ai/docs/providers",
    }
    catalogue = {f"bulk-{run}-{i:05d}": spec for i in range(3500)}
    body = json.dumps({"dryRun": True, "catalogue": catalogue})
    assert len(body) > 1024 * 1024
    r = await gateway.post(IMPORT, content=body, headers={**operator, "content-type": "application/json"})
    assert r.status_code == 200, r.text[:500]
    assert r.json()["summary"] == {"created": 3500, "repriced": 0, "unchanged": 0, "skipped": 0}
