"""Headless Chromium for the tests: open a page as a reader would, see what it loads.

Shared by the tests of the class report and of the reveal.js decks. Chromium records
every request in a net log; the requests a page makes itself carry its origin
(``null`` or ``file://``), while Chromium's own update and account checks do not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

__all__ = ["chromium", "open_page"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def open_page(page: Path | str, tmp_path: Path, name: str, *, dom: bool = False,
              window: str = "1000,1800", wait_ms: int = 0) -> tuple[str, set[str]]:
    """Open ``page`` (a file or a file:// URL with a fragment) in headless Chromium.

    Returns what Chromium made (the path of a screenshot, or with ``dom`` the page's
    DOM after its scripts ran) and the URLs the page itself asked for. ``wait_ms``
    lets scripts run on a virtual clock first (MathJax typesetting, reveal.js layout).
    """
    url = page.as_uri() if isinstance(page, Path) else page
    shot, log = tmp_path / f"{name}.png", tmp_path / f"{name}.json"
    made = ["--dump-dom"] if dom else [f"--screenshot={shot}"]
    clock = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    run = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / name}", f"--log-net-log={log}",
         f"--window-size={window}", *clock, *made, url],
        capture_output=True, text=True, timeout=180, check=False)
    events = json.loads(log.read_text(encoding="utf-8", errors="replace"))["events"]
    asked = {e["params"]["url"] for e in events
             if "url" in e.get("params", {}) and str(e["params"].get("initiator", "")) in (
                 "null", "file://")}
    return (run.stdout if dom else str(shot)), asked
