"""Schemathesis hooks for the fuzz run (loaded by schemathesis itself: `hooks` in schemathesis.toml).

- Who calls each operation: the credentials come from the environment the test (or `make fuzz`)
  prepared — a tenant super_admin, a platform operator, a producer's service key — and each
  operation gets the one its `x-permission` (the gateway's route table, as the merged document
  publishes it) is meant for, so the fuzzer reaches the route's own logic instead of a 403.
- Schema-valid requests are accepted, except for a 422 naming only fields whose rules the
  operation documents in `x-input-rules` (rules JSON Schema cannot state).
- Stripe webhooks are signed as Stripe signs them, so the event handling behind the signature is fuzzed.
- The platform's shared model registry is left alone: the fuzzer changes only its own `fuzz-` models.
- So is the plan catalogue: the fuzzer's plans are its own (`fuzz-…`) and never the default plan, and
  the exchange rates it sets are for X-prefixed currency codes no tenant is billed in.
- A 429 from the rate limiter is no answer to the probes of missing or invalid credentials.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import hmac
import os
import re
import threading
import time
from typing import Any

import schemathesis
from requests.compat import json as requests_json
from schemathesis import AuthContext, Case
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

# CPython 3.11 keeps ast.parse's recursion counter in per-interpreter state, so two worker threads
# parsing at once (hypothesis parses a lambda's source to describe a strategy) can trip
# "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905, fixed in later
# releases); a fresh-clone run failed on it. One parse at a time in this process avoids the race.
_AST_PARSE_LOCK = threading.RLock()
_parse_ast = ast.parse


def _parse_one_at_a_time(*args: Any, **kwargs: Any) -> Any:
    with _AST_PARSE_LOCK:
        return _parse_ast(*args, **kwargs)


ast.parse = _parse_one_at_a_time

SAAS = "/api/v2/saas/"
STRIPE_WEBHOOK = ("POST", "/api/v2/billing/webhooks/stripe")
LAGO_WEBHOOK = ("POST", "/api/v2/billing/webhooks/lago")


def principal_for(operation: schemathesis.APIOperation) -> str | None:
    """The environment variable holding the credential for this operation (None: public route)."""
    definition = operation.definition.raw
    permission = definition.get("x-permission")
    if permission is None:
        return None
    if permission.startswith("saas:") or operation.path.startswith(SAAS):
        return "FUZZ_OPERATOR_TOKEN"
    if permission in ("usage:write", "quota:read"):  # the producer scopes (SERVICE_SCOPES)
        return "FUZZ_SERVICE_KEY"
    return "FUZZ_TENANT_TOKEN"


# Static credentials, read per call (no cache shared across principals); a 401 is an answer to
# check, not a reason to log in again.
@schemathesis.auth(refresh_interval=None, retry_on=[])
class RadiantPrincipals:
    def get(self, case: Case, context: AuthContext) -> str | None:
        variable = principal_for(context.operation)
        return os.environ[variable] if variable else None

    def set(self, case: Case, data: str | None, context: AuthContext) -> None:
        if data is not None:
            case.headers = case.headers or {}
            case.headers["Authorization"] = f"Bearer {data}"


# A schema-valid request may be refused only for a rule the document states next to the schema:
# `x-input-rules` (radiant_platform.openapi.input_rules) names, per operation, the fields whose
# cross-field or time-relative rules JSON Schema cannot express (`endDate` not before `startDate`,
# a period of at most 366 days, an expiry in the future). The built-in check is replaced by this
# one (schemathesis.toml): any other refusal of valid input fails as before, and so does a 422
# naming an undocumented field next to a documented one.
@schemathesis.check
def schema_valid_requests_accepted_unless_a_documented_rule(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: Case
) -> bool | None:
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 422 and _only_documented_fields(case, response):
            return None
        raise


def _only_documented_fields(case: Case, response: schemathesis.Response) -> bool:
    documented = {rule["field"] for rule in case.operation.definition.raw.get("x-input-rules", [])}
    try:
        errors = response.json().get("errors") or []
    except (ValueError, AttributeError):
        return False
    return bool(errors) and all(_documented(str(error.get("field")), documented) for error in errors)


def _documented(field: str, documented: set[str]) -> bool:
    """Whether a 422's field is one a documented rule names: `*` stands for one segment
    (`rates.*.rate` names `rates.0.rate`), and a closing `.*` for the field and anything inside it
    (`catalogue.*` names `catalogue` and `catalogue.models.3.modelId`)."""
    return field in documented or any(_names(rule.split("."), field.split(".")) for rule in documented)


def _names(rule: list[str], field: list[str]) -> bool:
    if rule and rule[-1] == "*":
        head = rule[:-1]
        return len(field) >= len(head) and _segments_match(head, field[: len(head)])
    return len(rule) == len(field) and _segments_match(rule, field)


def _segments_match(rule: list[str], field: list[str]) -> bool:
    return all(r in ("*", f) for r, f in zip(rule, field, strict=True))


# The model registry is the platform's, shared with every other suite (they price usage against its
# models): the fuzzer changes only models of its own (`fuzz-…`), and imports catalogues as dry runs.
REGISTRY_MODEL = ("PUT", "/api/v2/metering/models/{model_id}")
CATALOGUE_IMPORT = ("POST", "/api/v2/saas/models/import")
OWN_MODELS = "fuzz-"
# Plans and exchange rates are as shared: every tenant's subscription and invoices stand on them.
PLAN_CATALOGUE = ("PUT", "/api/v2/saas/subscriptions")
EXCHANGE_RATES = ("PUT", "/api/v2/saas/billing/exchange-rates")
OWN_PLANS = re.compile(r"^[a-z0-9][a-z0-9_-]{0,58}$")


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: Case, kwargs: dict[str, Any]) -> None:
    operation = (case.method.upper(), case.operation.path)
    if operation == REGISTRY_MODEL:
        _keep_to_own_models(case)
    elif operation == CATALOGUE_IMPORT and isinstance(case.body, dict):
        case.body["dryRun"] = True
    elif operation == PLAN_CATALOGUE:
        _keep_to_own_plans(case.body)
    elif operation == EXCHANGE_RATES:
        _keep_to_own_currencies(case.body)
    elif operation == STRIPE_WEBHOOK:
        _sign_as_stripe(case)
    elif operation == LAGO_WEBHOOK:
        _sign_as_lago(case)


def _keep_to_own_models(case: Case) -> None:
    model_id = str((case.path_parameters or {}).get("model_id", ""))
    if not model_id.startswith(OWN_MODELS):
        case.path_parameters = {**(case.path_parameters or {}), "model_id": OWN_MODELS + model_id[:250]}


def _keep_to_own_plans(body: Any) -> None:
    """Plans the fuzzer writes are `fuzz-…` plans, and none of them is made the default plan (new
    tenants of the other suites would get it)."""
    for plan in _items(body, "plans"):
        plan_id = plan.get("id")
        if isinstance(plan_id, str) and OWN_PLANS.match(plan_id) and not plan_id.startswith(OWN_MODELS):
            plan["id"] = OWN_MODELS + plan_id
        plan.pop("default", None)


def _keep_to_own_currencies(body: Any) -> None:
    """ISO 4217 keeps X-prefixed codes for tests and non-currencies: no tenant is billed in one."""
    for rate in _items(body, "rates"):
        currency = rate.get("currency")
        if isinstance(currency, str) and len(currency) == 3 and currency.isalpha() and currency.isupper():
            rate["currency"] = "X" + currency[1:]


def _items(body: Any, key: str) -> list[dict[str, Any]]:
    items = body.get(key) if isinstance(body, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _sign_as_stripe(case: Case) -> None:
    """Stripe signs each webhook's raw body with the endpoint's secret; a generated request is signed
    the same way (unless its header is the deliberately invalid part), so the fuzzer reaches the
    event handling behind the verification instead of a 400 for every call."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        return
    if not (case.headers or {}).get("Stripe-Signature"):
        return  # the header left out on purpose
    case.headers["Stripe-Signature"] = stripe_signature(_body_as_sent(case.body))


def _sign_as_lago(case: Case) -> None:
    """Lago signs each webhook's raw body; a generated one is signed as Lago's HMAC variant does
    (base64 HMAC-SHA256 with the stack's key), so the fuzzer reaches the handling behind it."""
    key = os.environ.get("BILLING_LAGO_WEBHOOK_HMAC_KEY")
    if not key or (case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)):
        return
    if not (case.headers or {}).get("X-Lago-Signature"):
        return  # the header left out on purpose
    digest = hmac.new(key.encode(), _body_as_sent(case.body), hashlib.sha256).digest()
    case.headers["X-Lago-Signature-Algorithm"] = "hmac"
    case.headers["X-Lago-Signature"] = base64.b64encode(digest).decode()


def stripe_signature(payload: bytes) -> str:
    secret = os.environ["FUZZ_STRIPE_WEBHOOK_SECRET"].encode()
    at = int(time.time())
    mac = hmac.new(secret, f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


def _body_as_sent(body: Any) -> bytes:
    """The bytes schemathesis' requests transport sends for a JSON body."""
    if isinstance(body, NotSet):
        return b""
    if isinstance(body, bytes):
        return body
    if body is None:
        return b"null"
    return requests_json.dumps(body, allow_nan=False).encode("utf-8")


# Calls without a valid token spend the client address's allowance (issue 12: guessing tokens is rate
# limited); the fuzzer makes thousands from one address, so once that allowance is spent the gateway
# answers 429 before it looks at the credentials. For the two checks that probe missing or invalid
# credentials (ST203, ST401) such a 429 says nothing about authentication: it is dropped, and only it.
RATE_LIMITED_AUTH_PROBES = frozenset({"ST203", "ST401"})


@schemathesis.hook
def filter_failure(
    context: schemathesis.HookContext, failure: Any, case: Case, response: schemathesis.Response
) -> bool:
    return not (failure.code in RATE_LIMITED_AUTH_PROBES and _probe_answered_429(failure))


def _probe_answered_429(failure: Any) -> bool:
    # The probe's own answer: ST203 carries its status; ST401 makes its own request and names the
    # answer only in its message (the case's response is the authenticated call's, not the probe's).
    if failure.code == "ST203":
        return getattr(failure, "status_code", None) == 429
    return "got `429 " in str(failure.message)
