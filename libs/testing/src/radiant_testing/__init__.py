"""Radiant's test support (never shipped with a service): the pytest plugin's fixtures live in
`radiant_testing.plugin`; the helpers tests import come from here.

    from radiant_testing import bearer, eventually, event_json, service_db, tail_topic
"""

from radiant_testing.databases import admin_connection, service_db
from radiant_testing.inbox import Inbox
from radiant_testing.kafka import (
    TopicTail,
    event_json,
    kafka_client_kwargs,
    kafka_login_env,
    kafka_security,
    new_topic,
    producer_as,
    tail_topic,
)
from radiant_testing.node import ensure_node_packages, node_executable
from radiant_testing.polling import eventually
from radiant_testing.stack import StackEnv, resolve_stack, wait_until_ready
from radiant_testing.tokens import TokenFactory, bearer

__all__ = [
    "Inbox",
    "StackEnv",
    "TokenFactory",
    "TopicTail",
    "admin_connection",
    "bearer",
    "ensure_node_packages",
    "event_json",
    "eventually",
    "kafka_client_kwargs",
    "kafka_login_env",
    "kafka_security",
    "new_topic",
    "node_executable",
    "producer_as",
    "resolve_stack",
    "service_db",
    "tail_topic",
    "wait_until_ready",
]
