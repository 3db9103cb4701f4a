"""The console's static files: every answer under the strict Content-Security-Policy, a page the
console routes itself answered with index.html, a missing asset a 404, nothing outside the build."""

from __future__ import annotations

import pytest

from radiant_gateway.console import CONTENT_SECURITY_POLICY, ConsoleFiles
from radiant_platform.errors import ProblemError


@pytest.fixture
def built(tmp_path):
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><script type=module src=/console/assets/app.js></script>")
    (root / "assets" / "app.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("outside the build")
    return root


def test_every_answer_carries_the_strict_policy(built):
    for path in ("", "assets/app.js", "members"):
        answer = ConsoleFiles(built).answer(path)
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


def test_assets_are_cached_for_good_and_pages_never(built):
    assert ConsoleFiles(built).answer("assets/app.js").headers["cache-control"].endswith("immutable")
    page = ConsoleFiles(built).answer("approvals")
    assert str(page.path) == str((built / "index.html").resolve()) and page.headers["cache-control"] == "no-store"


def test_a_missing_asset_is_a_404_not_the_page(built):
    with pytest.raises(ProblemError) as refused:
        ConsoleFiles(built).answer("assets/missing.js")
    assert refused.value.status == 404


@pytest.mark.parametrize("path", ["../secret.txt", "assets/../../secret.txt", "/etc/passwd", "a\x00b.js"])
def test_nothing_outside_the_build_is_served(built, path):
    try:
        answer = ConsoleFiles(built).answer(path)
    except ProblemError as refused:
        assert refused.status == 404
    else:  # a path with no file extension is a console page: index.html, never the file it names
        assert str(answer.path) == str((built / "index.html").resolve())


def test_an_unbuilt_console_is_a_503_saying_how_to_build_it(tmp_path):
    with pytest.raises(ProblemError) as refused:
        ConsoleFiles(tmp_path / "nothing").answer("")
    assert refused.value.status == 503 and "make up" in refused.value.detail
