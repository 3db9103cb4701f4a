"""Price catalogues (`radiant_metering.catalogue`) and the import's diff (`service.price_diff`): the two
formats, exact per-token → per-million conversion, what is skipped and why, what counts as a change."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from radiant_metering.catalogue import CatalogueError, parse_catalogue, parse_catalogue_bytes, registry_price
from radiant_metering.models import Model, ModelPrice
from radiant_metering.service import price_diff

# An excerpt of LiteLLM's model_prices_and_context_window.json, as published (numbers as written there).
LITELLM = b"""{
    "sample_spec": {"input_cost_per_token": 0.0, "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
                    "mode": "one of: chat, embedding, ...", "output_cost_per_token": 0.0},
    "1024-x-1024/dall-e-2": {"input_cost_per_pixel": 1.9e-08, "litellm_provider": "openai",
                             "mode": "image_generation", "output_cost_per_pixel": 0.0},
    "ai21.j2-mid-v1": {"input_cost_per_token": 1.25e-05, "litellm_provider": "bedrock", "max_tokens": 8191,
                       "mode": "chat", "output_cost_per_token": 1.25e-05},
    "amazon.nova-2-pro-preview-20251202-v1:0": {"cache_read_input_token_cost": 5.46875e-07,
        "input_cost_per_token": 2.1875e-06, "litellm_provider": "bedrock_converse", "mode": "chat",
        "output_cost_per_token": 1.75e-05},
    "amazon.nova-lite-v1:0": {"input_cost_per_token": 6e-08, "litellm_provider": "bedrock_converse",
                              "mode": "chat", "output_cost_per_token": 2.4e-07},
    "gpt-4o": {"input_cost_per_token": 2.5e-06, "litellm_provider": "openai", "mode": "chat",
               "output_cost_per_token": 0.00001},
    "text-embedding-3-small": {"input_cost_per_token": 2e-08, "litellm_provider": "openai", "mode": "embedding",
                               "output_cost_per_token": 0},
    "too-fine": {"input_cost_per_token": 1.5e-13, "litellm_provider": "x", "output_cost_per_token": 0}
}"""


def test_litellm_per_token_prices_become_exact_per_million_prices():
    catalogue = parse_catalogue_bytes(LITELLM)
    assert catalogue.format == "litellm"
    prices = {
        e.model_id: (e.provider_id, e.input_price_per_million, e.output_price_per_million) for e in catalogue.entries
    }
    assert prices == {
        "ai21.j2-mid-v1": ("bedrock", Decimal("12.5"), Decimal("12.5")),
        "amazon.nova-2-pro-preview-20251202-v1:0": ("bedrock_converse", Decimal("2.1875"), Decimal("17.5")),
        "amazon.nova-lite-v1:0": ("bedrock_converse", Decimal("0.06"), Decimal("0.24")),
        "gpt-4o": ("openai", Decimal("2.5"), Decimal("10")),
        "text-embedding-3-small": ("openai", Decimal("0.02"), Decimal("0")),
    }
    # exact, and as the registry stores them (six decimals)
    assert str(prices["amazon.nova-2-pro-preview-20251202-v1:0"][1]) == "2.187500"
    skipped = {s.model_id: s.reason for s in catalogue.skipped}
    assert set(skipped) == {"1024-x-1024/dall-e-2", "too-fine"}  # sample_spec is not a model at all
    assert "per-token" in skipped["1024-x-1024/dall-e-2"]
    assert "more than 6 decimal places" in skipped["too-fine"]


def test_floats_would_not_be_exact_which_is_why_numbers_are_read_as_decimals():
    # 3.3e-06 per token: as a float times a million it is 3.3000000000000003; read as a decimal, 3.3.
    assert json.loads("3.3e-06") * 1_000_000 != 3.3
    [entry] = parse_catalogue_bytes(
        b'{"m": {"litellm_provider": "p", "input_cost_per_token": 1.1e-06, "output_cost_per_token": 3.3e-06}}'
    ).entries
    assert (entry.input_price_per_million, entry.output_price_per_million) == (Decimal("1.1"), Decimal("3.3"))


def test_the_registrys_own_format_is_what_the_api_lists():
    listing = {
        "models": [
            {
                "modelId": "acme-1",
                "providerId": "acme",
                "modelName": "Acme 1",
                "status": "active",
                "unregistered": False,
                "currentPrice": {"inputPricePerMillion": "1.250000", "outputPricePerMillion": "5.000000"},
                "scheduledPrices": [],
            },
            {"modelId": "acme-2", "providerId": "acme", "modelName": "Acme 2", "currentPrice": None},
            {"modelId": "acme-1", "providerId": "acme", "modelName": "again", "currentPrice": {}},
            {
                "modelId": "neg",
                "providerId": "acme",
                "modelName": "Neg",
                "currentPrice": {"inputPricePerMillion": "-1", "outputPricePerMillion": "1"},
            },
        ]
    }
    catalogue = parse_catalogue(listing)
    assert catalogue.format == "registry"
    [entry] = catalogue.entries
    assert (entry.model_id, entry.input_price_per_million, entry.output_price_per_million) == (
        "acme-1",
        Decimal("1.25"),
        Decimal("5"),
    )
    reasons = {(s.model_id, s.reason) for s in catalogue.skipped}
    assert ("acme-2", "no per-million input and output prices") in reasons
    assert ("acme-1", "listed more than once; the first entry counts") in reasons
    assert ("neg", "input price: a price cannot be negative") in reasons


@pytest.mark.parametrize(
    "document",
    [[], "text", {"models": [{"providerId": "x"}]}, {"a": 1}, {}],
)
def test_what_is_not_a_catalogue_is_refused_with_field_errors(document):
    with pytest.raises(CatalogueError) as refused:
        parse_catalogue(document)
    assert refused.value.errors and all(field.startswith("catalogue") for field, _ in refused.value.errors)


def test_invalid_json_is_refused():
    with pytest.raises(CatalogueError, match="not valid JSON"):
        parse_catalogue_bytes(b'{"models": [')


def test_registry_prices_are_stored_exactly_or_not_at_all():
    assert registry_price(Decimal("2.5")) == (Decimal("2.500000"), None)
    assert registry_price(Decimal("0.0000015"))[0] is None
    assert registry_price(Decimal("1.00000000000000000000000000001"))[0] is None  # beyond 28 digits, too
    assert registry_price(Decimal("1e12"))[0] is None


NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _model(model_id: str, price_in: str | None, price_out: str | None = None) -> Model:
    model = Model(model_id=model_id, provider_id="openai", model_name=model_id.upper(), status="active")
    model.prices = (
        [
            ModelPrice(
                model_id=model_id,
                effective_from=datetime(2024, 1, 1, tzinfo=UTC),
                input_price_per_million=Decimal(price_in),
                output_price_per_million=Decimal(price_out or price_in),
            )
        ]
        if price_in
        else []
    )
    return model


def test_the_diff_has_versions_only_where_a_price_changed():
    catalogue = parse_catalogue_bytes(LITELLM)
    registry = {
        "gpt-4o": _model("gpt-4o", "2.500000", "10.000000"),  # the same price, written differently
        "ai21.j2-mid-v1": _model("ai21.j2-mid-v1", "10", "12.5"),  # input changed
        "amazon.nova-lite-v1:0": _model("amazon.nova-lite-v1:0", None),  # first seen in usage: no price yet
    }
    changes, unchanged, skipped = price_diff(catalogue, registry, NOW, create_missing=True)
    by_id = {c.model_id: c for c in changes}
    assert unchanged == 1 and "gpt-4o" not in by_id and skipped == []
    assert by_id["ai21.j2-mid-v1"].action == "reprice"
    assert by_id["ai21.j2-mid-v1"].before == (Decimal("10"), Decimal("12.5"))
    assert by_id["ai21.j2-mid-v1"].after == (Decimal("12.5"), Decimal("12.5"))
    assert by_id["ai21.j2-mid-v1"].model_name == "AI21.J2-MID-V1"  # an existing model keeps its name
    assert by_id["amazon.nova-lite-v1:0"].action == "reprice" and by_id["amazon.nova-lite-v1:0"].before is None
    assert {m for m, c in by_id.items() if c.action == "create"} == {
        "amazon.nova-2-pro-preview-20251202-v1:0",
        "text-embedding-3-small",
    }

    changes, unchanged, skipped = price_diff(catalogue, registry, NOW, create_missing=False)
    assert {c.action for c in changes} == {"reprice"}
    assert {s.model_id for s in skipped} == {"amazon.nova-2-pro-preview-20251202-v1:0", "text-embedding-3-small"}
