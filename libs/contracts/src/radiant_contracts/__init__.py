"""Radiant's shared contracts: CloudEvents envelope, v1 event payloads, topics, DLQ, problem details.

Service code usually needs only:

    from radiant_contracts import make_event, decode_event, parse_event, EventDecodeError
    from radiant_contracts.events import UsageRecorded, AuditRecorded, Actor, ...
    from radiant_contracts.approvals import APPROVAL_PAYLOADS, UserRoleChange, parse_approval_details
    from radiant_contracts.topics import USAGE_EVENTS, TOPICS, all_topics
    from radiant_contracts.dlq import dlq_headers, dlq_topic
    from radiant_contracts.problem import ProblemDetails, validation_problem
    from radiant_contracts.permissions import has_permission, can_manage_role
"""

from radiant_contracts.envelope import (
    STRUCTURED_CONTENT_TYPE,
    CloudEvent,
    decode_event,
    envelope_model,
    make_event,
    parse_event,
    service_source,
    validate_event,
)
from radiant_contracts.errors import EventDecodeError, InvalidEvent, MalformedEvent, UnknownEventType
from radiant_contracts.fields import Money, NonNegativeMoney, Percent
from radiant_contracts.payload import EventPayload
from radiant_contracts.problem import PROBLEM_CONTENT_TYPE, FieldError, ProblemDetails, validation_problem
from radiant_contracts.registry import EVENT_TYPES, event_types_for_topic, payload_model_for, topic_for

__all__ = [
    "EVENT_TYPES",
    "PROBLEM_CONTENT_TYPE",
    "STRUCTURED_CONTENT_TYPE",
    "CloudEvent",
    "EventDecodeError",
    "EventPayload",
    "FieldError",
    "InvalidEvent",
    "MalformedEvent",
    "Money",
    "NonNegativeMoney",
    "Percent",
    "ProblemDetails",
    "UnknownEventType",
    "decode_event",
    "envelope_model",
    "event_types_for_topic",
    "make_event",
    "parse_event",
    "payload_model_for",
    "service_source",
    "topic_for",
    "validate_event",
    "validation_problem",
]
