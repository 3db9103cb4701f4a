"""MailDev from npm: a real SMTP server with a web inbox and a REST API the tests read."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..processes import StackError, http_status, log, port_open, run
from .base import Component

# maildev@3.0.0 does not install from this registry (its dependency @zone-eu/mailsplit@5.4.30 is
# missing there); 2.2.1 is the newest 2.x and has the same CLI and REST API.
MAILDEV_VERSION = "2.2.1"


class MailDev(Component):
    name = "maildev"
    marker = "maildev"

    @property
    def port(self) -> int:
        return self.s.port("MAIL_UI_PORT")

    @property
    def smtp_port(self) -> int:
        return self.s.port("SMTP_PORT")

    @property
    def ports_label(self) -> str:
        return f"smtp {self.smtp_port}, web/api {self.port}"

    @property
    def prefix(self) -> Path:
        return self.s.state / "node"

    @property
    def entry(self) -> Path:
        return self.prefix / "node_modules" / "maildev" / "bin" / "maildev"

    def installed(self) -> bool:
        return self.entry.is_file()

    def install(self) -> None:
        if shutil.which("npm") is None:
            raise StackError("maildev: `npm` not found (need Node 20 + npm)")
        self.prefix.mkdir(parents=True, exist_ok=True)
        run(
            [
                "npm",
                "install",
                "--prefix",
                str(self.prefix),
                f"maildev@{MAILDEV_VERSION}",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ],
            "npm install maildev",
            log_path=self.s.logs / "maildev-install.log",
        )

    def healthy(self) -> bool:
        inbox = f"http://{self.s.host}:{self.port}/email"
        return http_status(inbox) == 200 and port_open(self.s.host, self.smtp_port)

    def start(self) -> None:
        maildir = self.s.state / "maildev"
        maildir.mkdir(parents=True, exist_ok=True)
        log(self.name, f"starting smtp {self.s.host}:{self.smtp_port}, web {self.s.host}:{self.port}")
        self.spawn(
            [
                "node",
                str(self.entry),
                "--smtp",
                str(self.smtp_port),
                "--web",
                str(self.port),
                "--ip",
                self.s.host,
                "--web-ip",
                self.s.host,
                "--mail-directory",
                str(maildir),
            ]
        )
