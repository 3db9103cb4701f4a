"""The dev-secret guard and secret files (issue 12, Low): development secrets and empty secrets are
refused outside dev — `RADIANT_ENV=test` only passes inside the test suite — and private keys
readable by other accounts are refused outside dev."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from radiant_platform.secret_files import InsecureSecretFile, read_secret_file, write_secret_file
from radiant_platform.settings import ServiceSettings

DEV_URL = "postgresql+asyncpg://billing:billing-dev@db/radiant"


@pytest.fixture(autouse=True)
def real_platform_secrets(monkeypatch):
    """The platform-wide secrets a production process must set, so each test varies only its own."""
    monkeypatch.setenv("SERVICE_KEY_PEPPER", "a-production-pepper-of-some-length")


def test_an_empty_secret_is_refused_outside_dev(monkeypatch):
    monkeypatch.setenv("RADIANT_ENV", "prod")
    with pytest.raises(ValidationError, match="database_url is empty"):
        ServiceSettings(database_url="")
    with pytest.raises(ValidationError, match="is empty"):
        ServiceSettings(database_url="   ")
    # Not configured at all (None) is not a secret that was set to nothing.
    assert ServiceSettings(database_url=None).environment == "prod"
    monkeypatch.setenv("RADIANT_ENV", "dev")
    assert ServiceSettings(database_url="").environment == "dev"


def test_the_test_environment_accepts_dev_secrets_only_inside_the_test_suite(monkeypatch):
    monkeypatch.setenv("RADIANT_ENV", "test")
    assert ServiceSettings(database_url=DEV_URL).environment == "test"  # this process runs pytest

    # A process that is not the test suite (a service started with RADIANT_ENV=test by mistake).
    program = f"from radiant_platform.settings import ServiceSettings\nServiceSettings(database_url={DEV_URL!r})\n"
    env = {**os.environ, "RADIANT_ENV": "test"}
    result = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "development secret" in result.stderr


def test_secret_files_are_written_for_their_owner_only(tmp_path: Path):
    path = tmp_path / "keys" / "signing.pem"
    write_secret_file(path, b"secret")
    assert path.read_bytes() == b"secret"
    assert path.stat().st_mode & 0o777 == 0o600
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_secret_file_others_can_read_is_refused_outside_dev(tmp_path: Path):
    path = tmp_path / "signing.pem"
    write_secret_file(path, b"secret")
    assert read_secret_file(path, environment="prod") == b"secret"
    path.chmod(0o644)
    with pytest.raises(InsecureSecretFile, match="chmod 600"):
        read_secret_file(path, environment="prod")
    path.chmod(0o640)
    with pytest.raises(InsecureSecretFile):
        read_secret_file(path, environment="staging")
    assert read_secret_file(path, environment="dev") == b"secret"
