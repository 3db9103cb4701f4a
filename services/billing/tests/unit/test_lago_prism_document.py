"""The document Prism serves: Lago's, with its servers' base path in each path (Lago's clients call
`<api url>/api/v1/...`) and nothing else of the request contract changed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_base_path_goes_into_every_path_and_only_there() -> None:
    # The component imports the stack's package relatively; read its pure function from the source.
    source = (ROOT / "deploy/local/stack/components/prism.py").read_text()
    namespace: dict[str, object] = {}
    start = source.index("def with_base_path")
    end = source.index("class Prism")
    exec("import re\nBASE_PATH = '/api/v1'\n" + source[start:end], namespace)
    with_base_path = namespace["with_base_path"]
    document = "openapi: 3.1.0\npaths:\n  /customers:\n    post: {}\n  /events/batch:\n    post: {}\nwebhooks:\n  /x:\n    post: {}\n"
    served = with_base_path(document)  # type: ignore[operator]
    assert "  /api/v1/customers:\n" in served and "  /api/v1/events/batch:\n" in served
    assert "webhooks:\n  /x:\n" in served  # webhooks are not routes
    spec_copy = ROOT / "deploy/specs/lago-openapi.yaml"
    assert spec_copy.is_file(), "a fresh clone has Lago's document"
