"""The README's commands work as written: typed in a plain shell after `make up`, with none of the
stack's settings exported (issue 10 item 8). The command lines are read from README.md, so this
follows the README when it changes.

`radiant bootstrap` creates a new tenant (and its own invitation) on every run; tenant names need not
be unique, so the README's fixed "Acme" line can run any number of times.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from radiant_testing import Inbox, StackEnv, eventually

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def readme_command(starting_with: str) -> str:
    """The one line of the README's ```bash blocks that starts with `starting_with`."""
    blocks = re.findall(r"^```bash\n(.*?)^```", README.read_text(), re.MULTILINE | re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines() if line.startswith(starting_with)]
    assert len(lines) == 1, f"README.md should show one `{starting_with} …` line, found {lines}"
    return lines[0]


def plain_shell_environment() -> dict[str, str]:
    """A new login shell's environment: no KAFKA_*, *_DATABASE_URL, RADIANT_* or any other setting."""
    return {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}


@pytest.mark.skipif(shutil.which("uv") is None, reason="the README's commands run through `uv`, not on PATH here")
async def test_readme_bootstrap_line_works_in_a_plain_shell(platform: StackEnv, inbox: Inbox) -> None:
    line = readme_command("uv run radiant bootstrap ")  # the space: not `bootstrap-operator`
    done = subprocess.run(
        ["bash", "-c", line], cwd=ROOT, env=plain_shell_environment(), capture_output=True, text=True, timeout=180
    )

    assert done.returncode == 0, done.stderr
    invitation = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(invitation) == {"tenantId", "invitationId", "token", "acceptUrl"}
    assert invitation["acceptUrl"].endswith(f"?token={invitation['token']}")
    email = re.search(r"--email (\S+)", line)[1]
    assert f"invitation for {email} (super_admin)" in done.stderr
    # "the invitation email is also in the inbox"
    await eventually(
        lambda: _mail_with(inbox, email, invitation["token"]), timeout=30, what=f"the invitation email to {email}"
    )


@pytest.mark.skipif(shutil.which("uv") is None, reason="the README's commands run through `uv`, not on PATH here")
async def test_readme_bootstrap_operator_line_works_in_a_plain_shell(platform: StackEnv, inbox: Inbox) -> None:
    """The README's first-operator line, as written. Each run replaces the address's pending
    invitation (a lost link), so the fixed address can run any number of times."""
    line = readme_command("uv run radiant bootstrap-operator")
    done = subprocess.run(
        ["bash", "-c", line], cwd=ROOT, env=plain_shell_environment(), capture_output=True, text=True, timeout=180
    )

    assert done.returncode == 0, done.stderr
    invitation = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(invitation) == {"invitationId", "email", "role", "token", "acceptUrl", "expiresAt"}
    email = re.search(r"--email (\S+)", line)[1]
    assert (invitation["email"], invitation["role"]) == (email, "platform_admin")
    assert invitation["acceptUrl"].endswith("&kind=operator") and invitation["token"] in invitation["acceptUrl"]
    assert f"Invitation for {email} (platform_admin)" in done.stderr
    await eventually(
        lambda: _mail_with(inbox, email, invitation["token"]), timeout=30, what=f"the operator invitation to {email}"
    )


async def _mail_with(inbox: Inbox, address: str, token: str) -> bool:
    return any(address in json.dumps(m.get("to")) and token in (m.get("text") or "") for m in await inbox.messages())


def test_a_command_without_any_settings_says_what_is_missing(tmp_path: Path) -> None:
    """No settings in the environment and no local stack: one line naming the setting, no traceback."""
    radiant = ROOT / ".venv" / "bin" / "radiant"
    if not radiant.exists():
        pytest.skip("the workspace's console scripts are installed by `uv sync`")
    env = {**plain_shell_environment(), "RADIANT_STATE_DIR": str(tmp_path / "no-stack-here")}
    done = subprocess.run(
        [str(radiant), "bootstrap", "--tenant", "Acme", "--email", "owner@acme.example", "--environment", "prod"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"radiant: IDENTITY_DATABASE_URL is not set, and there are no local stack settings at "
        f"{tmp_path / 'no-stack-here' / 'stack.env'} (`make up` writes them; or export IDENTITY_DATABASE_URL)"
    ]
