"""`GET /admin/usage`: the usage screen's answer (camelCase JSON)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from radiant_contracts.api import ApiModel
from radiant_contracts.fields import NonNegativeMoney

from .service import Figures, Series, UsageDashboard


class FiguresOut(ApiModel):
    requests: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    #: What the tenant is charged (provider cost with its margin), exact.
    billed_cost: NonNegativeMoney


class DayOut(FiguresOut):
    date: date


class DayByModelOut(DayOut):
    model_id: str


class DayByAgentOut(DayOut):
    #: null: usage whose producer named no agent.
    agent_id: str | None


class HourOut(FiguresOut):
    hour: datetime


class HourByModelOut(HourOut):
    model_id: str


class HourByAgentOut(HourOut):
    agent_id: str | None


class ModelTotalOut(FiguresOut):
    model_id: str


class AgentTotalOut(FiguresOut):
    agent_id: str | None


class Period(ApiModel):
    start_date: date
    end_date: date


class DailySeries(ApiModel):
    period: Period
    totals: FiguresOut
    #: Every day of the period, zero when nothing was used.
    daily: list[DayOut]
    daily_by_model: list[DayByModelOut]
    daily_by_agent: list[DayByAgentOut]
    by_model: list[ModelTotalOut]
    by_agent: list[AgentTotalOut]


class HourlySeries(ApiModel):
    #: The 48 whole UTC hours up to and including the current one: [from, to).
    from_: datetime = Field(alias="from")
    to: datetime
    totals: FiguresOut
    hourly: list[HourOut]
    hourly_by_model: list[HourByModelOut]
    hourly_by_agent: list[HourByAgentOut]
    by_model: list[ModelTotalOut]
    by_agent: list[AgentTotalOut]


class UsageDashboardOut(ApiModel):
    days: DailySeries
    last48_hours: HourlySeries


def _figures(f: Figures) -> dict[str, object]:
    return {
        "requests": f.requests,
        "input_tokens": f.input_tokens,
        "output_tokens": f.output_tokens,
        "total_tokens": f.total_tokens,
        "billed_cost": f.billed_cost,
    }


def _models(series: Series) -> list[ModelTotalOut]:
    return [ModelTotalOut(model_id=m, **_figures(f)) for m, f in sorted(series.models.items())]


def _agents(series: Series) -> list[AgentTotalOut]:
    ordered = sorted(series.agents.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [AgentTotalOut(agent_id=a, **_figures(f)) for a, f in ordered]


def dashboard_out(d: UsageDashboard) -> UsageDashboardOut:
    days, hours = d.days, d.hours
    return UsageDashboardOut(
        days=DailySeries(
            period=Period(start_date=d.start, end_date=d.end),
            totals=FiguresOut(**_figures(days.totals)),
            daily=[DayOut(date=day, **_figures(days.total[day])) for day in days.buckets],
            daily_by_model=[DayByModelOut(date=k[0], model_id=k[1], **_figures(f)) for k, f in days.by_model.items()],
            daily_by_agent=[DayByAgentOut(date=k[0], agent_id=k[1], **_figures(f)) for k, f in days.by_agent.items()],
            by_model=_models(days),
            by_agent=_agents(days),
        ),
        last48_hours=HourlySeries(
            from_=d.hours_from,
            to=d.hours_to,
            totals=FiguresOut(**_figures(hours.totals)),
            hourly=[HourOut(hour=h, **_figures(hours.total[h])) for h in hours.buckets],
            hourly_by_model=[
                HourByModelOut(hour=k[0], model_id=k[1], **_figures(f)) for k, f in hours.by_model.items()
            ],
            hourly_by_agent=[
                HourByAgentOut(hour=k[0], agent_id=k[1], **_figures(f)) for k, f in hours.by_agent.items()
            ],
            by_model=_models(hours),
            by_agent=_agents(hours),
        ),
    )
