"""The document a service serves is true to what it answers: errors as problem+json, and the input
rules a JSON Schema cannot state named where a client (and the fuzzer) reads them."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI

from radiant_platform.openapi import INPUT_RULES, input_rules, install_openapi


def _document() -> dict:
    app = FastAPI()

    @app.get(
        "/rollups",
        openapi_extra=input_rules(("query.endDate", "not before startDate"), ("query.startDate", "366 days at most")),
    )
    async def rollups(startDate: date, endDate: date) -> dict:
        return {}

    @app.post("/generate", status_code=201, responses={409: {"description": "Already generated"}})
    async def generate() -> dict:
        return {}

    install_openapi(app)
    return app.openapi()


def test_rules_the_schema_cannot_state_are_listed_with_the_422_they_answer():
    operation = _document()["paths"]["/rollups"]["get"]
    assert operation[INPUT_RULES] == [
        {"field": "query.endDate", "rule": "not before startDate"},
        {"field": "query.startDate", "rule": "366 days at most"},
    ]
    invalid = operation["responses"]["422"]
    assert list(invalid["content"]) == ["application/problem+json"]
    assert "`query.endDate`: not before startDate" in invalid["description"]
    assert "`query.startDate`: 366 days at most" in invalid["description"]


def test_a_declared_conflict_is_documented_as_problem_json():
    responses = _document()["paths"]["/generate"]["post"]["responses"]
    assert list(responses["409"]["content"]) == ["application/problem+json"]
    assert responses["409"]["description"] == "Already generated"
    assert "422" not in responses  # no input, no rules: nothing to refuse
