"""The registry's two-person rule: activating a model and changing a model's provider are operator
approvals (`model_activation`, `provider_change`), filed here and decided by a second operator.

What stays a direct edit for an operator with `saas:write` (`PUT /metering/models/{id}`, the
catalogue import): registering a model new to the registry, renaming one, scheduling a price (never
retroactive), and taking a model out of service (inactive, deprecated). What a direct edit may not
do, because it changes what every tenant is routed to and billed by from one operator's hand alone:
bring an inactive or deprecated model back into service, or move a model to another provider. Those
are filed with `POST /api/v2/saas/approvals` and applied by metering's approval executor once another
operator approved them (`service.apply_approval`, which re-checks the model against the registry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import ModelActivation, ProviderChange
from radiant_contracts.problem import dotted_path
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, invalid_fields

from . import repository as repo
from .schemas import REGISTRY_DETAILS

if TYPE_CHECKING:
    from .deps import MeteringDeps
    from .schemas import RegistryApprovalRequest

#: The environment a registry change is filed in: the registry prices every tenant's production usage.
REGISTRY_ENVIRONMENT = "prod"
OUT_OF_SERVICE = ("inactive", "deprecated")


def direct_edit_refusal(
    current_status: str | None, current_provider: str | None, new_status: str | None, new_provider: str | None
) -> str | None:
    """Why a direct edit of an existing model must be an approval instead (None: it may be direct)."""
    if current_status is None:
        return None  # a model new to the registry: no tenant has been routed to it yet
    if new_status == "active" and current_status in OUT_OF_SERVICE:
        return (
            f"Bringing a {current_status} model back into service is a model_activation approval: "
            "file it with POST /api/v2/saas/approvals; another operator approves it"
        )
    if new_provider is not None and current_provider is not None and new_provider != current_provider:
        return (
            "Moving a model to another provider is a provider_change approval: file it with "
            "POST /api/v2/saas/approvals; another operator approves it"
        )
    return None


def _action(change: ModelActivation | ProviderChange) -> str:
    if isinstance(change, ModelActivation):
        return {"active": "activate_model", "inactive": "deactivate_model", "deprecated": "deprecate"}[
            change.status or "active"
        ]
    return "change_provider" if change.provider_id is not None else "change_model"


async def request_registry_change(
    session: AsyncSession, deps: MeteringDeps, ctx: RequestContext, body: RegistryApprovalRequest
) -> FiledApproval:
    """Check the change against the registry as the executor will, then file it for the operator."""
    change = _typed(body.type, body.details)
    assert change.model_id is not None  # required by the request's details
    model = await repo.get_model(session, change.model_id)
    if model is None:
        raise invalid_fields(
            ("details.modelId", "Not in the registry (a new model is registered with PUT /metering/models/{id})")
        )
    if isinstance(change, ModelActivation):
        change = change.model_copy(update={"status": change.status or "active"})
        if change.status == model.status:
            raise Conflict(f"The model is {model.status} already: nothing to approve", modelStatus=model.status)
    elif not _changes_anything(model.provider_id, model.model_name, change):
        raise Conflict("The change names the model's current provider and name and no price: nothing to approve")
    return await deps.approvals.file(
        ctx,
        change,
        action=_action(change),
        resource_type="model",
        resource_id=model.model_id,
        environment=REGISTRY_ENVIRONMENT,
        notes=body.notes,
        expires_in_hours=body.expires_in_hours,
    )


def _typed(approval_type: str, details: dict[str, Any]) -> ModelActivation | ProviderChange:
    """The typed change, or a 422 naming each field (`details.<field>`)."""
    try:
        given = REGISTRY_DETAILS[approval_type].model_validate(details)
        fields = given.model_dump(exclude_unset=approval_type == "provider_change")
        if approval_type == "model_activation":
            return ModelActivation(**fields)
        return ProviderChange(**fields)
    except ValidationError as exc:
        raise invalid_fields(
            *((_located(error["loc"]), error["msg"]) for error in exc.errors(include_url=False)),
            detail=f"The details are not a valid {approval_type} change",
        ) from None


def _located(loc: tuple[Any, ...]) -> str:
    """`details.<field>` as the request names it (camelCase), whichever model refused it."""
    return dotted_path(("details", *(to_camel(str(part)) if isinstance(part, str) else part for part in loc)))


def _changes_anything(provider_id: str, model_name: str, change: ProviderChange) -> bool:
    return (
        change.changes_price
        or (change.provider_id is not None and change.provider_id != provider_id)
        or (change.model_name is not None and change.model_name != model_name)
    )
