"""kustomize (the Kubernetes manifests' renderer), `go install`ed into .local/bin: the suite renders
deploy/k8s's overlays with it and validates every object offline (tests/deploy/test_k8s_manifests.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..config import Settings
from ..processes import StackError, log, run

KUSTOMIZE_VERSION = "v5.5.0"


def ensure_kustomize(s: Settings) -> None:
    exe = s.bin / "kustomize"
    if exe.is_file():
        return
    go = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None)
    if go is None:
        raise StackError("kustomize: `go` not found (need Go to `go install` kustomize)")
    s.bin.mkdir(parents=True, exist_ok=True)
    log("kustomize", f"go install sigs.k8s.io/kustomize/kustomize/v5@{KUSTOMIZE_VERSION}")
    run(
        [go, "install", f"sigs.k8s.io/kustomize/kustomize/v5@{KUSTOMIZE_VERSION}"],
        "go install kustomize",
        log_path=s.logs / "kustomize-install.log",
        env={**os.environ, "GOBIN": str(s.bin)},
    )
