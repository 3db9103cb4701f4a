"""Stripe's official stateless API mock, `go install`ed into .local/bin."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..processes import StackError, http_status, log, run
from .base import Component

STRIPE_MOCK_VERSION = "v0.203.0"


class StripeMock(Component):
    name = "stripe-mock"
    marker = "stripe-mock"

    @property
    def port(self) -> int:
        return self.s.port("STRIPE_MOCK_PORT")

    @property
    def exe(self) -> Path:
        return self.s.bin / "stripe-mock"

    def installed(self) -> bool:
        return self.exe.is_file()

    def install(self) -> None:
        go = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None)
        if go is None:
            raise StackError("stripe-mock: `go` not found (need Go to `go install` stripe-mock)")
        self.s.bin.mkdir(parents=True, exist_ok=True)
        run(
            [go, "install", f"github.com/stripe/stripe-mock@{STRIPE_MOCK_VERSION}"],
            "go install stripe-mock",
            log_path=self.s.logs / "stripe-mock-install.log",
            env={**os.environ, "GOBIN": str(self.s.bin)},
        )

    def healthy(self) -> bool:
        customers = f"http://{self.s.host}:{self.port}/v1/customers"
        return http_status(customers, {"Authorization": "Bearer sk_test_123"}) == 200

    def start(self) -> None:
        log(self.name, f"starting on {self.s.host}:{self.port}")
        # HTTP only matters; HTTPS would otherwise default to [::]:12112, so pin it to loopback, port+1.
        self.spawn(
            [str(self.exe), "-http-addr", f"{self.s.host}:{self.port}", "-https-addr", f"{self.s.host}:{self.port + 1}"]
        )
