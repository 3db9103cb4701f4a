"""The six services, run from the uv workspace: `python -m radiant_<svc> migrate`, then `serve`."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from ..config import ROOT, Settings, database_schemas
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
        return {**os.environ, **self.s.computed_env(), "PYTHONUNBUFFERED": "1"}

    def migrate_proc(self) -> subprocess.Popen:
        return start_logged([self.python, "-m", self.module, "migrate"], self.log_path, cwd=ROOT, env=self.child_env())

    def start(self) -> None:
        self.spawn([self.python, "-m", self.module, "serve"], env=self.child_env())
