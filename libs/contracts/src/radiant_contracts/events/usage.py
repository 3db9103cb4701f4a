"""`usage-events`: one AI request's usage, as the seed's `recordUsageSchema` (snake_case here), and the
tenant's storage gauge (`storage.reported.v1`, added next to it: consumers of v1 usage skip a type
they do not take, so the topic stays compatible)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AwareDatetime, Field, StrictBool, StrictInt

from radiant_contracts.fields import Count, Environment, Id
from radiant_contracts.payload import EventPayload
from radiant_contracts.topics import USAGE_EVENTS

RequestType = Literal["chat", "embedding", "image", "audio", "video"]


class UsageRecorded(EventPayload):
    """A model call was made. Metering dedups on (tenant, request_id), so producers may retry freely.

    Required/optional/defaults follow the seed: the three flags default to false and `user_id` is
    optional. `app_id`, `environment` and `occurred_at` come from the seed's auth context and server
    clock; on the wire they are required so the event stands alone (the HTTP endpoint fills them).
    """

    event_type: ClassVar[str] = "radiant.usage.recorded.v1"
    topic: ClassVar[str] = USAGE_EVENTS
    subject_field: ClassVar[str | None] = "request_id"

    request_id: Id
    provider_id: Id
    model_id: Id
    model_name: Id
    request_type: RequestType
    input_tokens: Count
    output_tokens: Count
    latency_ms: Count
    cached: StrictBool = False
    phi_detected: StrictBool = False
    phi_sanitized: StrictBool = False
    user_id: Id | None = None
    #: The tenant's agent that made the call, when the producer names one (its id in identity's
    #: `/admin/agents`). Optional, so v1 stays compatible: older producers leave it out, and older
    #: consumers keep it as an unknown field (`ContractModel` tolerates them).
    agent_id: Id | None = None
    app_id: Id
    environment: Environment
    occurred_at: AwareDatetime

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


#: The largest storage gauge a producer may report (1 EiB): beyond it, it is a producer's bug.
MAX_STORAGE_BYTES = 2**60


class StorageReported(EventPayload):
    """A producer's gauge of the tenant's storage in use now (bytes, the total, not a delta).

    Metering keeps the newest report per tenant (by `reported_at`; an older one arriving late is
    ignored) and checks it against the plan's `max_storage_gb`. Reports may be repeated freely."""

    event_type: ClassVar[str] = "radiant.storage.reported.v1"
    topic: ClassVar[str] = USAGE_EVENTS

    bytes_used: Annotated[StrictInt, Field(ge=0, le=MAX_STORAGE_BYTES)]
    reported_at: AwareDatetime
    app_id: Id | None = None
