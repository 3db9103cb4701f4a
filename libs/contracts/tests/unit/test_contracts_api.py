"""Shared API shapes: ISO date parameters mean what the document says."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from radiant_contracts.api import IsoDate, IsoDateTime


def test_an_iso_date_is_the_only_date_accepted() -> None:
    dates = TypeAdapter(IsoDate)
    assert str(dates.validate_python("2026-12-01")) == "2026-12-01"
    for not_a_date in ("0", 0, "1700000000", "01-12-2026"):
        with pytest.raises(ValidationError):
            dates.validate_python(not_a_date)


def test_an_instant_needs_its_offset() -> None:
    instants = TypeAdapter(IsoDateTime)
    assert instants.validate_python("2026-12-01T08:00:00Z").utcoffset() is not None
    with pytest.raises(ValidationError):
        instants.validate_python("2026-12-01T08:00:00")
    with pytest.raises(ValidationError):
        instants.validate_python(0)
