"""Tiered margins (seed 000 `margin_type: tiered`; issue 14): applied as the tiers say, graduated over
the month's provider spend, from the settings' effective time, exact to 1e-10."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from radiant_contracts import make_event
from radiant_contracts.events.billing import BillingSettingsUpdated, MarginTier
from radiant_testing import eventually


async def _send(producer, event) -> None:
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


async def test_tiers_price_each_part_of_the_months_spend_at_its_own_margin(platform, kafka_producer, tenant, h):
    change_at = datetime.now(UTC) - timedelta(minutes=10)
    settings = BillingSettingsUpdated(
        margin_percent=Decimal("20.00"),
        margin_mode="tiered",
        tiers=[
            MarginTier(up_to=Decimal("0.01"), margin_percent=Decimal("30.00")),
            MarginTier(up_to=Decimal("0.02"), margin_percent=Decimal("20.00")),
            MarginTier(up_to=None, margin_percent=Decimal("10.00")),
        ],
        effective_at=change_at,
    )
    await _send(kafka_producer, make_event(settings, tenant_id=tenant, source="radiant/billing"))
    await eventually(
        lambda: h.fetch(
            platform, "SELECT 1 FROM metering.tenant_margins WHERE tenant_id = $1 AND margin_mode = 'tiered'", tenant
        )
    )
    # gpt-4o input is 2.50 per million: 1,600 input tokens cost exactly 0.004 each.
    tiered = [
        h.usage_event(tenant, input_tokens=1600, output_tokens=0, occurred_at=change_at + timedelta(seconds=i + 1))
        for i in range(6)
    ]
    # Before the tiered version took effect: the fixed margin (the tenant's default, 20 %), sent last.
    before = h.usage_event(tenant, input_tokens=1600, output_tokens=0, occurred_at=change_at - timedelta(minutes=1))
    for event in (*tiered, before):
        await _send(kafka_producer, event)
    await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n == 7)
    rows = await h.fetch(
        platform,
        "SELECT request_id, provider_cost, billed_cost, margin_percent FROM metering.usage_events WHERE tenant_id = $1",
        tenant,
    )
    by_request = {r["request_id"]: r for r in rows}
    billed = [by_request[e.data.request_id]["billed_cost"] for e in tiered]
    assert all(by_request[e.data.request_id]["provider_cost"] == Decimal("0.004") for e in (*tiered, before))
    assert billed == [
        Decimal("0.0052000000"),  # spend 0 → 0.004, all at 30 %
        Decimal("0.0052000000"),  # 0.004 → 0.008 at 30 %
        Decimal("0.0050000000"),  # 0.008 → 0.012: 0.002 at 30 % + 0.002 at 20 %
        Decimal("0.0048000000"),  # 0.012 → 0.016 at 20 %
        Decimal("0.0048000000"),  # 0.016 → 0.020 at 20 %
        Decimal("0.0044000000"),  # 0.020 → 0.024 at 10 % (the unbounded tier)
    ]
    assert [by_request[e.data.request_id]["margin_percent"] for e in tiered] == [
        Decimal("30.00"),
        Decimal("30.00"),
        Decimal("20.00"),  # the margin of the tier its spend ends in
        Decimal("20.00"),
        Decimal("20.00"),
        Decimal("10.00"),
    ]
    assert by_request[before.data.request_id]["billed_cost"] == Decimal("0.0048000000")  # 0.004 × 1.20
    # The month as the tiers say: 0.01 × 1.3 + 0.01 × 1.2 + 0.004 × 1.1, plus the fixed event.
    [rollup] = await h.fetch(
        platform,
        "SELECT sum(billed_cost) AS billed, sum(provider_cost) AS provider FROM metering.usage_rollups WHERE tenant_id = $1",
        tenant,
    )
    assert rollup["provider"] == Decimal("0.0280000000")
    assert rollup["billed"] == Decimal("0.0294000000") + Decimal("0.0048000000")
