"""The revenue report (`GET /api/v2/saas/billing/revenue`): from the invoices and the subscription
ledger billing owns, per currency, exact to the minor unit.

- invoiced: the totals of the invoices whose billing period starts in the report's period
  (cancelled invoices are not revenue); collected: those of them that are paid; outstanding: the
  rest. By plan and by tenant they add up to the currency's figures, and the currency's `invoiced`
  is exactly the sum of those invoices' totals.
- MRR: the monthly prices of the subscriptions in force (the ledger of applied changes) on the day
  before the period and on its last day; each tenant's net change is counted once as new, expansion,
  contraction or churn (`pricing.mrr_movement`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..calculations import round_money
from . import repository as repo
from .pricing import TenantMrr, mrr_movement
from .schemas import CurrencyRevenue, MrrOut, PlanRevenue, RevenueOut, TenantRevenue


def _sums(invoiced: Decimal, collected: Decimal, currency: str) -> dict[str, Decimal]:
    return {
        "invoiced": round_money(invoiced, currency),
        "collected": round_money(collected, currency),
        "outstanding": round_money(invoiced - collected, currency),
    }


async def revenue(session: AsyncSession, start: date, end: date, tenant_limit: int) -> RevenueOut:
    sums = await repo.invoice_sums(session, start, end)
    before = {p.tenant_id: p for p in await repo.mrr_as_of(session, start - timedelta(days=1))}
    after = {p.tenant_id: p for p in await repo.mrr_as_of(session, end)}
    currencies = sorted({s.currency for s in sums} | {p.currency for p in (*before.values(), *after.values())})
    out = []
    for currency in currencies:
        rows = [s for s in sums if s.currency == currency]
        by_plan: dict[str | None, list[Decimal | int]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
        by_tenant: dict[str, list[Decimal | int]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
        for r in rows:
            for bucket in (by_plan[r.plan_id], by_tenant[r.tenant_id]):
                bucket[0] += r.invoiced
                bucket[1] += r.collected
                bucket[2] += r.count
        invoiced = sum((r.invoiced for r in rows), Decimal(0))
        collected = sum((r.collected for r in rows), Decimal(0))
        tenants = sorted(by_tenant.items(), key=lambda kv: (-Decimal(kv[1][0]), kv[0]))
        out.append(
            CurrencyRevenue(
                currency=currency,
                **_sums(invoiced, collected, currency),
                invoice_count=sum(r.count for r in rows),
                by_plan=[
                    PlanRevenue(plan=plan, **_sums(Decimal(b[0]), Decimal(b[1]), currency), invoice_count=int(b[2]))
                    for plan, b in sorted(by_plan.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
                ],
                by_tenant=[
                    TenantRevenue(tenant_id=t, **_sums(Decimal(b[0]), Decimal(b[1]), currency), invoice_count=int(b[2]))
                    for t, b in tenants[:tenant_limit]
                ],
                tenants_total=len(tenants),
                mrr=_mrr(currency, before, after),
            )
        )
    return RevenueOut(period_start=start, period_end=end, currencies=out)


def _mrr(currency: str, before: dict[str, repo.LedgerPoint], after: dict[str, repo.LedgerPoint]) -> MrrOut:
    """A tenant whose MRR moved to another currency churns in the old one and is new in the other."""

    def in_currency(point: repo.LedgerPoint | None) -> Decimal:
        return point.mrr if point is not None and point.currency == currency else Decimal(0)

    tenants = [TenantMrr(t, in_currency(before.get(t)), in_currency(after.get(t))) for t in sorted({*before, *after})]
    m = mrr_movement(tenants)

    def r(amount: Decimal) -> Decimal:
        return round_money(amount, currency)

    return MrrOut(
        start=r(m.start),
        end=r(m.end),
        new=r(m.new),
        expansion=r(m.expansion),
        contraction=r(m.contraction),
        churn=r(m.churn),
        change=r(m.end - m.start),
        paying_tenants=sum(1 for t in tenants if t.end > 0),
    )
