"""The stack's settings: parsed as the local stack writes them; services and logins read from them."""

from __future__ import annotations

from pathlib import Path

from radiant_testing.containers import repoint, workspace_services
from radiant_testing.stack import StackEnv, parse_env_lines, repo_root


def test_env_lines_are_parsed_with_shell_quoting_undone():
    text = "# a comment\nA=1\nB='two words'\nC=\nD=x=y\nnot a setting\n"
    assert parse_env_lines(text) == {"A": "1", "B": "two words", "C": "", "D": "x=y"}


def test_database_services_are_those_with_their_own_login():
    env = StackEnv(
        {
            "IDENTITY_DATABASE_URL": "postgresql+asyncpg://identity:pw@h:5432/radiant",
            "AUDIT_DATABASE_URL": "postgresql+asyncpg://audit:pw@h:5432/radiant",
            "AUDIT_MIGRATION_DATABASE_URL": "postgresql+asyncpg://audit_owner:pw@h:5432/radiant",
            "GATEWAY_URL": "http://h:8000",
        }
    )
    assert env.database_services() == ["audit", "identity"]
    assert env.service_db_url("audit") == "postgresql://audit:pw@h:5432/radiant"


def test_repoint_keeps_credentials_database_and_query():
    url = "postgresql+asyncpg://audit_owner:s%40cret@127.0.0.1:5432/radiant?ssl=disable"
    expected = "postgresql+asyncpg://audit_owner:s%40cret@10.0.0.7:32768/radiant?ssl=disable"
    assert repoint(url, "10.0.0.7", 32768) == expected
    assert repoint("redis://127.0.0.1:6379/0", "h", 1) == "redis://h:1/0"


def test_workspace_services_are_found_from_the_layout(tmp_path: Path):
    for name in ("gateway", "billing"):
        package = tmp_path / "services" / name / "src" / f"radiant_{name}"
        package.mkdir(parents=True)
        (package / "__main__.py").write_text("")
        (tmp_path / "services" / name / "pyproject.toml").write_text("")
    (tmp_path / "services" / "notes").mkdir()  # not a service: no pyproject.toml
    assert workspace_services(tmp_path) == {"billing": "radiant_billing", "gateway": "radiant_gateway"}


def test_this_workspace_has_its_six_services():
    assert set(workspace_services(repo_root())) == {"gateway", "identity", "approval", "metering", "billing", "audit"}
