"""The usage screen (issue 13, seed 004 §2.1 `GET /admin/usage`): usage per day, and per hour for the
last 48 hours, by model and by agent, with totals — the numbers exactly what was recorded. Usage
names its agent with the optional `agent_id` of `usage.recorded` (over HTTP with a service key, or
on Kafka)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from radiant_testing import bearer, eventually

API = "/api/v2/admin/usage"
BATCH = "/api/v2/metering/batch"


def _item(model: str, tokens_in: int, tokens_out: int, agent: str | None) -> dict:
    item = {
        "requestId": f"req-{model}-{tokens_in}-{agent}",
        "providerId": "openai",
        "modelId": model,
        "modelName": model,
        "requestType": "chat",
        "inputTokens": tokens_in,
        "outputTokens": tokens_out,
        "latencyMs": 50,
    }
    return item if agent is None else {**item, "agentId": agent}


def _hour(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _figures(rows) -> dict:
    return {
        "requests": len(rows),
        "inputTokens": sum(r["input_tokens"] for r in rows),
        "outputTokens": sum(r["output_tokens"] for r in rows),
        "totalTokens": sum(r["input_tokens"] + r["output_tokens"] for r in rows),
        "billedCost": sum((r["billed_cost"] for r in rows), Decimal(0)),
    }


def _shown(entry: dict) -> dict:
    return {k: Decimal(entry[k]) if k == "billedCost" else entry[k] for k in _FIGURES}


_FIGURES = ("requests", "inputTokens", "outputTokens", "totalTokens", "billedCost")


def _grouped(rows, key) -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {k: _figures(v) for k, v in groups.items()}


async def test_usage_series_by_day_hour_model_and_agent_are_exactly_what_was_recorded(
    platform, gateway, make_token, make_service_key, kafka_producer, tenant, h
):
    key = await make_service_key(tenant_id=tenant)
    recorded = await gateway.post(
        BATCH,
        json={
            "events": [
                _item("gpt-4o", 1000, 500, "agent-a"),
                _item("gpt-4o", 2000, 1000, "agent-b"),
                _item("gpt-4o-mini", 300, 100, None),
            ]
        },
        headers=key.headers,
    )
    assert recorded.status_code == 202, recorded.text
    now = datetime.now(UTC)
    for event in (
        h.usage_event(tenant, occurred_at=now - timedelta(hours=3), agent_id="agent-a", input_tokens=7),
        h.usage_event(tenant, occurred_at=now - timedelta(hours=30), agent_id="agent-b", model_id="gpt-4o-mini"),
        h.usage_event(tenant, occurred_at=now - timedelta(days=5), agent_id="agent-a", output_tokens=11),
        h.usage_event(tenant, occurred_at=now - timedelta(days=45)),  # before the period shown
    ):
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
    await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n == 7, what="7 events metered")

    # What metering stored, event by event: the expected numbers are summed from these.
    stored = await h.fetch(
        platform,
        "SELECT model_id, agent_id, occurred_at, input_tokens, output_tokens, billed_cost"
        " FROM metering.usage_events WHERE tenant_id = $1",
        tenant,
    )
    assert sorted(r["agent_id"] or "" for r in stored) == [
        "",
        "",
        "agent-a",
        "agent-a",
        "agent-a",
        "agent-b",
        "agent-b",
    ]

    answer = await gateway.get(API, headers=bearer(make_token(role="auditor", tenant_id=tenant)))
    assert answer.status_code == 200, answer.text
    body = answer.json()

    # --- per day: the last 30 days, today included, every day present ---------------------------
    days = body["days"]
    today = datetime.now(UTC).date()
    first_day = today - timedelta(days=29)
    assert days["period"] == {"startDate": first_day.isoformat(), "endDate": today.isoformat()}
    in_period = [r for r in stored if r["occurred_at"].astimezone(UTC).date() >= first_day]
    assert len(in_period) == 6
    assert _shown(days["totals"]) == _figures(in_period)
    assert [d["date"] for d in days["daily"]] == [(first_day + timedelta(days=i)).isoformat() for i in range(30)]
    per_day = _grouped(in_period, lambda r: r["occurred_at"].astimezone(UTC).date().isoformat())
    zero = _figures([])
    assert {d["date"]: _shown(d) for d in days["daily"]} == {
        d["date"]: per_day.get(d["date"], zero) for d in days["daily"]
    }
    assert {(d["date"], d["modelId"]): _shown(d) for d in days["dailyByModel"]} == _grouped(
        in_period, lambda r: (r["occurred_at"].astimezone(UTC).date().isoformat(), r["model_id"])
    )
    assert {(d["date"], d["agentId"]): _shown(d) for d in days["dailyByAgent"]} == _grouped(
        in_period, lambda r: (r["occurred_at"].astimezone(UTC).date().isoformat(), r["agent_id"])
    )
    assert {m["modelId"]: _shown(m) for m in days["byModel"]} == _grouped(in_period, lambda r: r["model_id"])
    assert [a["agentId"] for a in days["byAgent"]] == ["agent-a", "agent-b", None]
    assert {a["agentId"]: _shown(a) for a in days["byAgent"]} == _grouped(in_period, lambda r: r["agent_id"])

    # The same totals as the usage summary (the daily rollups billing invoices).
    period = {"startDate": first_day.isoformat(), "endDate": today.isoformat()}
    token = bearer(make_token(role="admin", tenant_id=tenant))
    summary = (await gateway.get("/api/v2/metering/summary", params=period, headers=token)).json()["totals"]
    assert Decimal(summary["billedCost"]) == Decimal(days["totals"]["billedCost"])
    assert summary["requests"] == days["totals"]["requests"]

    # --- per hour: the last 48 whole hours -------------------------------------------------------
    hours = body["last48Hours"]
    last_hour = _hour(datetime.fromisoformat(hours["to"])) - timedelta(hours=1)
    first_hour = last_hour - timedelta(hours=47)
    assert datetime.fromisoformat(hours["from"]) == first_hour
    assert [datetime.fromisoformat(x["hour"]) for x in hours["hourly"]] == [
        first_hour + timedelta(hours=i) for i in range(48)
    ]
    recent = [r for r in stored if _hour(r["occurred_at"]) >= first_hour]
    assert len(recent) == 5  # now (3), 3 hours ago, 30 hours ago
    assert _shown(hours["totals"]) == _figures(recent)
    per_hour = _grouped(recent, lambda r: _hour(r["occurred_at"]))
    assert {datetime.fromisoformat(x["hour"]): _shown(x) for x in hours["hourly"]} == {
        first_hour + timedelta(hours=i): per_hour.get(first_hour + timedelta(hours=i), zero) for i in range(48)
    }
    assert {(datetime.fromisoformat(x["hour"]), x["modelId"]): _shown(x) for x in hours["hourlyByModel"]} == (
        _grouped(recent, lambda r: (_hour(r["occurred_at"]), r["model_id"]))
    )
    assert {(datetime.fromisoformat(x["hour"]), x["agentId"]): _shown(x) for x in hours["hourlyByAgent"]} == (
        _grouped(recent, lambda r: (_hour(r["occurred_at"]), r["agent_id"]))
    )
    assert {a["agentId"]: _shown(a) for a in hours["byAgent"]} == _grouped(recent, lambda r: r["agent_id"])


async def test_the_usage_screen_by_role_and_period_rules(gateway, make_token, tenant):
    for role, status in (("super_admin", 200), ("admin", 200), ("operator", 200), ("auditor", 200), ("member", 403)):
        answer = await gateway.get(API, headers=bearer(make_token(role=role, tenant_id=tenant)))
        assert answer.status_code == status, (role, answer.text)
    token = bearer(make_token(role="admin", tenant_id=tenant))
    empty = (await gateway.get(API, params={"startDate": "2026-01-01", "endDate": "2026-01-07"}, headers=token)).json()
    assert [d["date"] for d in empty["days"]["daily"]] == [date(2026, 1, d).isoformat() for d in range(1, 8)]
    assert empty["days"]["totals"]["requests"] == 0 and empty["days"]["byAgent"] == []
    too_long = await gateway.get(API, params={"startDate": "2026-01-01", "endDate": "2026-04-01"}, headers=token)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "query.startDate"
    backwards = await gateway.get(API, params={"startDate": "2026-01-02", "endDate": "2026-01-01"}, headers=token)
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "query.endDate"
