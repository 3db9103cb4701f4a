"""The bulk rollup read's request and answer (camelCase JSON, costs as decimal strings)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StrictStr

from radiant_contracts.api import ApiModel, InputModel
from radiant_contracts.fields import NonNegativeMoney

from ..schemas import InternalPeriod, ModelTotalsOut

#: Tenants per call: a month of 20 models for 500 tenants is ~10,000 rollup groups, well under a
#: second of SQL and a few MB of JSON; billing pages its tenants by this many (`BILLING_METERING_PAGE_SIZE`).
MAX_TENANTS_PER_CALL = 500
#: The longest period, as for the one-tenant read (a year of invoices and projections, and some slack).
MAX_PERIOD_DAYS = 400

TenantId = Annotated[StrictStr, Field(min_length=1, max_length=100)]


class BulkRollupsRequest(InputModel):
    """One period (dates inclusive) and up to 500 distinct tenants (the endpoint checks the period
    and the distinctness, naming the field)."""

    start: date
    end: date
    tenant_ids: list[TenantId] = Field(min_length=1, max_length=MAX_TENANTS_PER_CALL)


class TenantRollupsOut(ApiModel):
    tenant_id: str
    models: list[ModelTotalsOut]
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney


class BulkRollupsResponse(ApiModel):
    period: InternalPeriod
    currency: str = "USD"
    #: Every tenant asked for, in the order asked; a tenant without usage has no models.
    tenants: list[TenantRollupsOut]
