"""The six services, run from the uv workspace: `python -m radiant_<svc> migrate`, then `serve`."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from ..config import KAFKA_ADMIN_USER, ROOT, Settings, credential_names, database_schemas, kafka_principals
from ..processes import http_status, start_logged
from .base import Component


class Service(Component):
    def __init__(self, s: Settings, svc: str) -> None:
        super().__init__(s)
        self.svc = svc
        self.name = svc
        self.module = f"radiant_{svc}"
        self.marker = self.module

    @property
    def port(self) -> int:
        return self.s.svc_port(self.svc)

    @property
    def url(self) -> str:
        return f"http://{self.s.host}:{self.port}"

    @property
    def python(self) -> str:
        venv = ROOT / ".venv" / "bin" / "python"
        return str(venv) if venv.exists() else sys.executable

    @property
    def has_database(self) -> bool:
        return any(schema.service == self.svc for schema in database_schemas())

    def runnable(self) -> bool:
        """The package has a __main__ (i.e. `python -m radiant_<svc>` works)."""
        if (ROOT / "services" / self.svc / "src" / self.module / "__main__.py").is_file():
            return True
        try:
            spec = importlib.util.find_spec(self.module)
        except (ImportError, ValueError):
            return False
        return bool(
            spec
            and spec.submodule_search_locations
            and any((Path(p) / "__main__.py").is_file() for p in spec.submodule_search_locations)
        )

    def healthy(self) -> bool:
        return http_status(f"{self.url}/healthz", timeout=1.0) == 200

    def ready(self) -> bool:
        return http_status(f"{self.url}/readyz", timeout=2.0) == 200

    def child_env(self) -> dict[str, str]:
        env = {**os.environ, **self.s.computed_env(), "PYTHONUNBUFFERED": "1"}
        return {key: value for key, value in env.items() if key not in self._foreign_kafka_logins}

    @property
    def _foreign_kafka_logins(self) -> set[str]:
        """The Kafka credentials of every other principal and of the admin: a service is handed only
        its own (`<SVC>_KAFKA_USERNAME` / `_PASSWORD`)."""
        logins = [KAFKA_ADMIN_USER, *(p.name for p in kafka_principals() if p.name != self.svc)]
        return {name for login in logins for name in credential_names(login)}

    def migrate_proc(self) -> subprocess.Popen:
        return start_logged([self.python, "-m", self.module, "migrate"], self.log_path, cwd=ROOT, env=self.child_env())

    def start(self) -> None:
        self.spawn([self.python, "-m", self.module, "serve"], env=self.child_env())
