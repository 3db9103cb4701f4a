"""Real platform operators for tests: invited with identity's own command (`radiant bootstrap-operator`,
the installed console script), accepted and signed in over HTTP (the gateway).

Not registered by the plugin; a suite that needs operators imports the fixtures in its `conftest.py`:

    from radiant_testing.operators import onboard_operator, operator_login  # noqa: F401

`onboard_operator(role=)` → `OnboardedOperator` (id, email, `totp()`, recovery codes);
`operator_login(op)` → the login response (a fresh TOTP code each call: a code signs in only once);
`bootstrap_operator(stack, email, name, role=)` → the command's JSON line (token, acceptUrl, …);
`run_radiant(stack, ARGS…)` runs the command as a process, as a person types it, for the command's own tests.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from typing import Any
from unittest import mock

import httpx
import pyotp
import pytest

from radiant_testing.stack import StackEnv

OPERATOR_PASSWORD = "operators keep the lights on"
ACCEPT = "/api/v2/saas/operators/invitations/accept"
LOGIN = "/api/v2/saas/auth/login"


@dataclass
class OnboardedOperator:
    id: str
    email: str
    name: str
    role: str
    totp_secret: str
    recovery_codes: list[str]
    _codes_used: set[str] = field(default_factory=set, repr=False)

    def totp(self) -> str:
        return pyotp.TOTP(self.totp_secret).now()

    async def fresh_totp(self) -> str:
        """A code not used yet by this helper: identity accepts each code for one sign-in only, but it
        also accepts the previous and the next 30-second step's codes (clock drift), so a second sign-in
        in the same step takes a neighbouring step's code instead of waiting for the clock."""
        code = self.unused_totp()
        if code is None:
            await asyncio.sleep(30 - time.time() % 30 + 0.1)  # every neighbour used: the next step brings new ones
            return await self.fresh_totp()
        self._codes_used.add(code)
        return code

    def unused_totp(self) -> str | None:
        """A code identity would accept now that this helper has not used, without marking it used — for a
        sign-in refused before its code is looked at (a wrong password), which leaves the code unspent."""
        totp = pyotp.TOTP(self.totp_secret)
        now = time.time()
        # The previous step only while it stays inside identity's window for the rest of the call (a
        # sign-in takes well under a second; five leave room for a slow one).
        for offset in [0, 30] + ([-30] if now % 30 < 25 else []):
            if (code := totp.at(now + offset)) not in self._codes_used:
                return code
        return None


def new_operator_email(prefix: str = "op") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


async def run_radiant(stack: StackEnv, *args: str) -> tuple[int, str, str]:
    """`radiant ARGS…` (identity's command) with the stack's settings; (exit code, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "radiant_identity.cli",
        *args,
        env={**os.environ, **stack.env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()


@cache
def _radiant_command() -> Callable[[list[str]], None]:
    """`radiant`'s console-script entry point, as installed (identity's `cli:main`)."""
    (entry,) = entry_points(group="console_scripts", name="radiant")
    command: Callable[[list[str]], None] = entry.load()
    return command


def _exit_status(exc: SystemExit, err: io.StringIO) -> int:
    """What the interpreter makes of a SystemExit: its code, or a message on stderr and status 1."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=err)
    return 1


async def run_radiant_in_process(stack: StackEnv, *args: str) -> tuple[int, str, str]:
    """`radiant ARGS…` run in this process with the stack's settings; (exit code, stdout, stderr).
    Why not a process: starting one pays ~3 s of imports, and the suites onboard dozens of operators.
    The command runs in a thread (it owns its event loop, `asyncio.run`) while the test awaits it; the
    environment patch and the captured streams are the process's for that while, which a test that
    waits on the command does not notice."""

    def call() -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with mock.patch.dict(os.environ, stack.env), redirect_stdout(out), redirect_stderr(err):
            try:
                _radiant_command()(list(args))
                code = 0
            except SystemExit as exc:
                code = _exit_status(exc, err)
        return code, out.getvalue(), err.getvalue()

    return await asyncio.to_thread(call)


async def bootstrap_operator(stack: StackEnv, email: str, name: str, *, role: str = "platform_admin") -> dict[str, Any]:
    code, out, err = await run_radiant_in_process(
        stack, "bootstrap-operator", "--email", email, "--name", name, "--role", role
    )
    assert code == 0, err
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


OnboardOperator = Callable[..., Awaitable[OnboardedOperator]]
OperatorLogin = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def onboard_operator(platform: StackEnv, gateway: httpx.AsyncClient) -> OnboardOperator:
    """Invite (the CLI) and accept: a real operator with an authenticator."""

    async def _onboard(
        *, role: str = "platform_admin", email: str | None = None, name: str = "Olive Operator"
    ) -> OnboardedOperator:
        email = email or new_operator_email(role.replace("platform_", ""))
        invitation = await bootstrap_operator(platform, email, name, role=role)
        response = await gateway.post(ACCEPT, json={"token": invitation["token"], "password": OPERATOR_PASSWORD})
        assert response.status_code == 200, response.text
        body = response.json()
        return OnboardedOperator(
            id=body["operator"]["id"],
            email=email,
            name=body["operator"]["name"],
            role=role,
            totp_secret=body["mfa"]["secret"],
            recovery_codes=body["mfa"]["recoveryCodes"],
        )

    return _onboard


@pytest.fixture
def operator_login(gateway: httpx.AsyncClient) -> OperatorLogin:
    async def _login(operator: OnboardedOperator, **extra: Any) -> httpx.Response:
        body = {"email": operator.email, "password": OPERATOR_PASSWORD, **extra}
        if "totpCode" not in extra and "recoveryCode" not in extra:
            body["totpCode"] = await operator.fresh_totp()
        return await gateway.post(LOGIN, json=body)

    return _login
