"""The admin console's static files at `/console/` (built by Vite from `console/`, never committed).

Every answer carries a strict Content-Security-Policy: scripts, styles and connections only from this
origin, no inline script or style, no framing, no plugins — the console has no inline code to allow.
A path that names no file is one of the console's own pages (it routes in the browser), so it gets
`index.html`; a missing asset is a 404. Hashed assets are cached for good; `index.html` never is,
so a new build is picked up at once.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from radiant_platform.app import get_runtime
from radiant_platform.errors import ProblemError

PREFIX = "/console"
#: `console/dist` of the repository this package runs from (an editable install in the workspace).
DEFAULT_ROOT = Path(__file__).resolve().parents[4] / "console" / "dist"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the invitation page's URL holds its token: never pass it on
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"

console = APIRouter()


class ConsoleFiles:
    """What `/console/<path>` answers, from a built console folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def answer(self, path: str) -> Response:
        index = self.root / "index.html"
        if not index.is_file():
            raise ProblemError(503, "The console is not built (`make up` builds it)", headers={"Retry-After": "30"})
        file = self._file(path)
        if file is not None:
            cache = IMMUTABLE if file.parent.name == "assets" and file.parent.parent == self.root else "no-cache"
            return FileResponse(file, headers={**SECURITY_HEADERS, "Cache-Control": cache})
        if "." in path.rsplit("/", 1)[-1]:
            raise ProblemError(404, "No such console file")
        return FileResponse(index, headers={**SECURITY_HEADERS, "Cache-Control": "no-store"})

    def _file(self, path: str) -> Path | None:
        """The file `path` names inside the root, or None (nothing there, or outside the root)."""
        if not path or "\x00" in path:
            return None
        candidate = (self.root / path).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate


def console_files(request: Request) -> ConsoleFiles:
    configured = getattr(get_runtime(request).settings, "console_dir", "")
    return ConsoleFiles(Path(configured) if configured else DEFAULT_ROOT)


@console.get(PREFIX, include_in_schema=False)
async def console_root() -> Response:
    return RedirectResponse(f"{PREFIX}/", status_code=308)


@console.get(PREFIX + "/{path:path}", include_in_schema=False)
async def console_file(path: str, request: Request) -> Response:
    return console_files(request).answer(path)
