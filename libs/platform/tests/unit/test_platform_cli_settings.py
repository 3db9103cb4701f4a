"""A command typed in a shell finds the local stack's settings when the environment has none, and
says in one line what is missing when neither has them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic_settings import SettingsConfigDict

from radiant_platform.cli import (
    CHECKOUT_ROOT,
    env_name,
    load_local_stack_env,
    local_stack_env_files,
    parse_env_lines,
    settings_for_command,
)
from radiant_platform.settings import ServiceSettings


class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", extra="ignore")


def _stack_env(state: Path, text: str) -> Path:
    state.mkdir(parents=True, exist_ok=True)
    (state / "stack.env").write_text(text)
    return state / "stack.env"


def test_env_lines_are_read_as_the_stack_writes_them() -> None:
    text = "A=plain\nB='with space'\nC=\n# comment=no\nD='it'\"'\"'s'\n"
    assert parse_env_lines(text) == {"A": "plain", "B": "with space", "C": "", "D": "it's"}


def test_the_state_folder_is_looked_for_in_the_working_directory_then_the_checkout(tmp_path: Path) -> None:
    assert local_stack_env_files({"RADIANT_STATE_DIR": "/srv/state"}) == [Path("/srv/state/stack.env")]
    assert local_stack_env_files({}, cwd=tmp_path) == [
        tmp_path / ".local/stack.env",
        CHECKOUT_ROOT / ".local/stack.env",
    ]


def test_missing_settings_come_from_the_stack_and_the_environment_wins(tmp_path: Path) -> None:
    path = _stack_env(tmp_path / "state", "DEMO_DATABASE_URL=postgresql://from-stack\nREDIS_URL=redis://stack\n")
    environ = {"RADIANT_STATE_DIR": str(tmp_path / "state"), "REDIS_URL": "redis://mine"}

    assert load_local_stack_env(environ) == path
    assert environ["DEMO_DATABASE_URL"] == "postgresql://from-stack"
    assert environ["REDIS_URL"] == "redis://mine"


def test_no_stack_no_change(tmp_path: Path) -> None:
    environ = {"RADIANT_STATE_DIR": str(tmp_path / "none")}
    assert load_local_stack_env(environ) is None
    assert environ == {"RADIANT_STATE_DIR": str(tmp_path / "none")}


def test_a_setting_is_named_by_its_variable() -> None:
    assert env_name(DemoSettings, "database_url") == "DEMO_DATABASE_URL"
    assert env_name(DemoSettings, "kafka_bootstrap_servers") == "KAFKA_BOOTSTRAP_SERVERS"


def test_a_command_gets_its_settings_from_the_stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_DATABASE_URL", raising=False)
    monkeypatch.setenv("RADIANT_STATE_DIR", str(tmp_path))
    _stack_env(tmp_path, "DEMO_DATABASE_URL=postgresql+asyncpg://demo:demo-dev@127.0.0.1:5432/radiant\n")

    settings = settings_for_command(DemoSettings, "database_url", prog="demo")

    assert settings.database_url == "postgresql+asyncpg://demo:demo-dev@127.0.0.1:5432/radiant"


def test_without_stack_or_environment_the_command_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEMO_DATABASE_URL", raising=False)
    monkeypatch.setenv("RADIANT_STATE_DIR", str(tmp_path))

    with pytest.raises(SystemExit) as exited:
        settings_for_command(DemoSettings, "database_url", prog="demo")

    assert str(exited.value) == (
        f"demo: DEMO_DATABASE_URL is not set, and there are no local stack settings at {tmp_path / 'stack.env'} "
        "(`make up` writes them; or export DEMO_DATABASE_URL)"
    )


def test_a_stack_file_without_the_setting_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_DATABASE_URL", raising=False)
    monkeypatch.delenv("DEMO_LOG_FORMAT", raising=False)  # restored after the test, like every variable read
    monkeypatch.setenv("RADIANT_STATE_DIR", str(tmp_path))
    path = _stack_env(tmp_path, "DEMO_LOG_FORMAT=json\n")

    with pytest.raises(SystemExit, match=f"DEMO_DATABASE_URL is set neither in the environment nor in {path}"):
        settings_for_command(DemoSettings, "database_url", prog="demo")


def test_an_invalid_setting_is_one_line_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RADIANT_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("DEMO_PORT", "not-a-port")

    with pytest.raises(SystemExit, match=r"^demo: invalid settings: port: "):
        settings_for_command(DemoSettings, prog="demo")
