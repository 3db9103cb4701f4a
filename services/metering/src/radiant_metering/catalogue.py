"""Price catalogues the model registry imports (pure: parsing and conversion, no I/O).

Seed 000's "dynamic pricing sync" is an operator's import of a catalogue file, in one of two formats:

- the registry's own: what `GET /api/v2/metering/models` answers — `{"models": [{"modelId",
  "providerId", "modelName", "currentPrice": {"inputPricePerMillion", "outputPricePerMillion"}}, …]}`
  (other members of a listing, such as `status` or `priceHistory`, are read-only and ignored), so a
  registry exported from one platform imports into another;
- LiteLLM's published `model_prices_and_context_window.json`: `{"<model>": {"litellm_provider",
  "input_cost_per_token", "output_cost_per_token", …}, …}` — prices per token, which the registry keeps
  per million tokens. The document is read with every number as a `Decimal` (never a float), so
  `2.5e-06` per token is exactly `2.5` per million. Entries without both per-token prices (image,
  audio or per-character pricing) and LiteLLM's `sample_spec` are skipped, each with its reason.

A price the registry cannot hold exactly (more than six decimals per million, or beyond its range) is
skipped with its reason rather than rounded: an import never changes a price by rounding it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, Inexact, InvalidOperation, localcontext
from typing import Any, Literal

CatalogueFormat = Literal["registry", "litellm"]

#: Entries in one catalogue (LiteLLM's file has a few thousand).
MAX_ENTRIES = 20_000
MAX_LABEL = 255
#: The registry's price column: numeric(18, 6).
PRICE_DECIMALS = 6
PRICE_INTEGER_DIGITS = 12
PER_MILLION = Decimal(1_000_000)
_PRICE_QUANTUM = Decimal(1).scaleb(-PRICE_DECIMALS)
_EXACT_PRECISION = 200
LITELLM_IGNORED_KEYS = frozenset({"sample_spec"})


class CatalogueError(ValueError):
    """The document is not a catalogue in either format: `errors` name the fields."""

    def __init__(self, message: str, errors: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or [("catalogue", message)]


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    model_id: str
    provider_id: str
    model_name: str
    input_price_per_million: Decimal
    output_price_per_million: Decimal


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    model_id: str
    reason: str


@dataclass(slots=True)
class Catalogue:
    format: CatalogueFormat
    entries: list[CatalogueEntry] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)


def parse_catalogue_bytes(raw: bytes | str) -> Catalogue:
    """A catalogue file's content, numbers read exactly."""
    try:
        document = json.loads(raw, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise CatalogueError(f"The catalogue is not valid JSON: {exc}") from None
    return parse_catalogue(document)


def parse_catalogue(document: Any) -> Catalogue:
    """The entries of a parsed document, in whichever of the two formats it is."""
    if isinstance(document, dict) and isinstance(document.get("models"), list):
        return _registry_catalogue(document["models"])
    if isinstance(document, dict) and document and all(isinstance(v, dict) for v in document.values()):
        return _litellm_catalogue(document)
    raise CatalogueError(
        'Not a price catalogue: expected the registry\'s format ({"models": [...]}) '
        'or LiteLLM\'s model_prices_and_context_window.json ({"<model>": {...}})'
    )


def _check_size(count: int) -> None:
    if count > MAX_ENTRIES:
        raise CatalogueError(
            f"A catalogue holds at most {MAX_ENTRIES} models", [("catalogue", f"at most {MAX_ENTRIES}")]
        )


def _label(value: Any) -> str | None:
    if isinstance(value, str) and 0 < len(value.strip()) <= MAX_LABEL:
        return value.strip()
    return None


def _decimal(value: Any) -> Decimal | None:
    """A JSON number (read as Decimal or int) or a decimal string; never a bool."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _shown(value: Decimal) -> str:
    """A number for a reason an operator reads: in full when short, else in scientific notation."""
    text = f"{value:f}"
    return text if len(text) <= 40 else f"{value:.6e}"


def registry_price(value: Decimal) -> tuple[Decimal | None, str | None]:
    """The price as the registry stores it, or why it cannot be stored exactly."""
    if value < 0:
        return None, "a price cannot be negative"
    if value >= Decimal(10) ** PRICE_INTEGER_DIGITS:
        return None, f"{_shown(value)} per million is beyond the registry's range"
    with localcontext() as context:
        context.prec = PRICE_INTEGER_DIGITS + PRICE_DECIMALS
        context.traps[Inexact] = True  # quantizing must drop nothing but zeros
        try:
            return value.quantize(_PRICE_QUANTUM), None
        except (Inexact, InvalidOperation):
            return None, f"{_shown(value)} per million needs more than {PRICE_DECIMALS} decimal places"


def per_million(per_token: Decimal) -> Decimal:
    """A per-token price as a per-million one, exactly: `Inexact` if it cannot be (absurdly many digits)."""
    with localcontext() as context:
        context.prec = _EXACT_PRECISION
        context.traps[Inexact] = True
        return per_token * PER_MILLION


def _entry(
    model_id: str, provider: Any, name: Any, price_in: Any, price_out: Any, *, per_token: bool
) -> CatalogueEntry | SkippedEntry:
    provider_id, model_name = _label(provider), _label(name)
    if provider_id is None:
        return SkippedEntry(model_id, "no provider")
    if model_name is None:
        return SkippedEntry(model_id, "no model name")
    raw_in, raw_out = _decimal(price_in), _decimal(price_out)
    if raw_in is None or raw_out is None:
        unit = "per-token" if per_token else "per-million"
        return SkippedEntry(model_id, f"no {unit} input and output prices")
    prices = []
    for side, raw in (("input", raw_in), ("output", raw_out)):
        try:
            converted = per_million(raw) if per_token else raw
        except Inexact:
            return SkippedEntry(model_id, f"{side} price has too many digits to convert exactly")
        price, problem = registry_price(converted)
        if price is None:
            return SkippedEntry(model_id, f"{side} price: {problem}")
        prices.append(price)
    return CatalogueEntry(model_id, provider_id, model_name, prices[0], prices[1])


def _collect(catalogue: Catalogue, parsed: CatalogueEntry | SkippedEntry, seen: set[str]) -> None:
    if parsed.model_id in seen:
        catalogue.skipped.append(SkippedEntry(parsed.model_id, "listed more than once; the first entry counts"))
        return
    seen.add(parsed.model_id)
    if isinstance(parsed, CatalogueEntry):
        catalogue.entries.append(parsed)
    else:
        catalogue.skipped.append(parsed)


def _registry_catalogue(models: list[Any]) -> Catalogue:
    _check_size(len(models))
    catalogue = Catalogue("registry")
    seen: set[str] = set()
    errors = []
    for index, item in enumerate(models):
        model_id = _label(item.get("modelId")) if isinstance(item, dict) else None
        if model_id is None:
            errors.append((f"catalogue.models.{index}.modelId", "a model id (1-255 characters) is required"))
            continue
        price = item.get("currentPrice")
        price = price if isinstance(price, dict) else {}
        parsed = _entry(
            model_id,
            item.get("providerId"),
            item.get("modelName"),
            price.get("inputPricePerMillion"),
            price.get("outputPricePerMillion"),
            per_token=False,
        )
        _collect(catalogue, parsed, seen)
    if errors:
        raise CatalogueError("Some models of the catalogue have no id", errors[:50])
    return catalogue


def _litellm_catalogue(document: dict[str, Any]) -> Catalogue:
    _check_size(len(document))
    catalogue = Catalogue("litellm")
    seen: set[str] = set()
    for key, spec in document.items():
        if key in LITELLM_IGNORED_KEYS:
            continue
        model_id = _label(key)
        if model_id is None:
            catalogue.skipped.append(SkippedEntry(key[:MAX_LABEL], "model name longer than 255 characters"))
            continue
        parsed = _entry(
            model_id,
            spec.get("litellm_provider"),
            model_id,
            spec.get("input_cost_per_token"),
            spec.get("output_cost_per_token"),
            per_token=True,
        )
        _collect(catalogue, parsed, seen)
    return catalogue
