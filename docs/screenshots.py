"""Screenshots of the built docs and of the timeline pictures, in a real headless Chromium.

Run from the repository (Debian: ``apt-get install -y chromium``)::

    python docs/screenshots.py            # → screenshots/*.png
    python docs/screenshots.py --out DIR --no-build

It builds the site (``mkdocs build``), draws the timelines of both example tables
(``shixian timeline … -o *.html``), serves both on 127.0.0.1 only, and has
Chromium take a full-width screenshot of each page, including a search for 工作日.
Look at the pictures: that is what a reader sees.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
)
_SEARCH = "document.querySelectorAll('.md-search-result__item').length > 0"
#: page (under the served root) → (file name, window width, what to wait for)
PAGES: dict[str, tuple[str, int, str | None]] = {
    "site/index.html": ("docs-home.png", 1280, None),
    "site/install/index.html": ("docs-install.png", 1280, None),
    "site/cli/index.html": ("docs-cli.png", 1280, None),
    "site/timeline/index.html": ("docs-timeline.png", 1280, None),
    "site/ics/index.html": ("docs-ics.png", 1280, None),
    "site/notebooks/index.html": ("docs-notebooks.png", 1280, None),
    "site/api/index.html": ("docs-api.png", 1280, None),
    "site/?q=工作日": ("docs-search-zh.png", 1280, _SEARCH),
    "site/index.html?narrow": ("docs-home-narrow.png", 420, None),
    "timelines/guangdong_2016.html": ("timeline-guangdong.png", 1300, None),
    "timelines/shenzhen_2016.html": ("timeline-shenzhen.png", 1300, None),
}


def chromium() -> str:
    """The Chromium executable."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium found: apt-get install -y chromium")


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1 while the block runs; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(root: Path) -> None:
    """Build the site into ``root/site`` and the two timelines into ``root/timelines``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "site")],
        cwd=ROOT,
        check=True,
    )
    (root / "timelines").mkdir(exist_ok=True)
    for name in ("guangdong_2016", "shenzhen_2016"):
        subprocess.run(
            [
                sys.executable, "-m", "shixian", "timeline", str(ROOT / "examples" / f"{name}.csv"),
                "-c", "完成时限", "-t", "工作任务", "-g", "牵头单位", "-r", "2016-05-01",
                "--as-of", "2016-09-01", "-q", "-o", str(root / "timelines" / f"{name}.html"),
            ],
            cwd=ROOT,
            check=True,
        )  # fmt: skip


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe (no extra package).

    Chromium reads commands on its fd 3 and answers on fd 4, one JSON message
    per NUL-terminated chunk (``--remote-debugging-pipe``).
    """

    def __init__(self, profile: Path) -> None:
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def fds() -> None:  # in the child: the pipe ends as fds 3 and 4
            os.dup2(to_chrome, 3)
            os.dup2(from_chrome, 4)

        self.process = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            pass_fds=(3, 4),
            preexec_fn=fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events met meanwhile are kept)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        with contextlib.suppress(Exception):
            self.process.wait(timeout=10)
        if self.process.poll() is None:
            self.process.kill()
        os.close(self._read)
        os.close(self._write)


def shoot(browser: Browser, url: str, out: Path, width: int, wait_for: str | None) -> None:
    """A screenshot of the whole page at ``url`` (``width`` px wide) into ``out``.

    ``wait_for`` is a JavaScript expression that must become true first (e.g. the
    search results being shown), tried for up to 20 seconds.
    """
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    browser.call("Page.enable", session)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=width < 600,
    )
    browser.call("Page.navigate", session, url=url)
    deadline = time.monotonic() + 20
    condition = wait_for or "document.readyState === 'complete'"
    while time.monotonic() < deadline:
        value = browser.call("Runtime.evaluate", session, expression=f"!!({condition})")
        if value.get("result", {}).get("value"):
            break
        time.sleep(0.2)
    else:
        print(f"{url}: gave up waiting for {condition}", file=sys.stderr)
    time.sleep(0.5)  # fonts and pictures settle
    metrics = browser.call("Page.getLayoutMetrics", session)
    height = min(int(metrics["cssContentSize"]["height"]), 12000)
    if wait_for and "search" in wait_for:
        height = 900  # the search overlay: the first screen is what matters
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=height,
        deviceScaleFactor=1,
        mobile=width < 600,
    )
    time.sleep(0.3)
    shot = browser.call("Page.captureScreenshot", session, format="png")
    out.write_bytes(base64.b64decode(shot["data"]))
    browser.call("Target.closeTarget", targetId=target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder for PNGs")
    parser.add_argument("--only", help="only pages whose address contains this")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root)
        with serve(root) as base:
            browser = Browser(root / "profile")
            try:
                for page, (name, width, wait_for) in PAGES.items():
                    if args.only and args.only not in page:
                        continue
                    shoot(browser, base + page, args.out / name, width, wait_for)
                    print(args.out / name)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
