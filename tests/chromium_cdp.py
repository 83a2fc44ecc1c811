"""A tiny headless-Chromium driver for tests: the DevTools protocol over a pipe.

``--remote-debugging-pipe`` makes Chromium read JSON commands (NUL-terminated)
on fd 3 and answer on fd 4, so no WebSocket client or network port is needed.
Also a minimal PNG decoder, to check that a screenshot is not blank.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import struct
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0

PAGE_FACTS = """
(async (width) => {
  await document.fonts.ready;
  const root = document.documentElement;
  const outside = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  }).map((el) => el.tagName + '.' + el.className);
  return {
    innerWidth: window.innerWidth,
    scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
    outside,
    direction: getComputedStyle(document.body).direction,
    headingDirection: getComputedStyle(document.querySelector('h1')).direction,
    lang: root.lang,
    resources: performance.getEntriesByType('resource').length,
    textLength: document.body.innerText.trim().length,
  };
})
"""


class Chromium:
    """One headless browser; :meth:`inspect` loads a page at a given width."""

    def __init__(self, executable: str, profile: Path) -> None:
        cmd_read, self._cmd_write = _high_pipe()
        self._reply_read, reply_write = _high_pipe()
        # bash moves the pipe ends to fds 3 and 4 for Chromium (preexec_fn would fork
        # a possibly multi-threaded test process; dash only knows fds 0-9).
        moves = f"3<&{cmd_read} 4>&{reply_write} {cmd_read}<&- {reply_write}>&-"
        args = ["bash", "-c", f'exec "$@" {moves}', "bash", executable, *FLAGS]
        self._process = subprocess.Popen(
            [*args, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(cmd_read, reply_write),
        )
        os.close(cmd_read)
        os.close(reply_write)
        self._next_id, self._buffer = 0, b""

    def close(self) -> None:
        """Stop the browser (politely, so its helper processes exit too) and release the pipes."""
        try:
            self.send("Browser.close")
            self._process.wait(timeout=10)
        except (OSError, RuntimeError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait(timeout=TIMEOUT)
        os.close(self._cmd_write)
        os.close(self._reply_read)

    def inspect(self, url: str, width: int, screenshot: Path) -> dict[str, Any]:
        """Open ``url`` at ``width`` CSS px, save a full-page PNG, return page facts."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = session["sessionId"]
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self.send("Emulation.setDeviceMetricsOverride", metrics, sid)
        self.send("Page.navigate", {"url": url}, sid)
        facts: dict[str, Any] = self._evaluate(f"({PAGE_FACTS})({width})", sid)
        screenshot.write_bytes(self._screenshot(sid, width))
        self.send("Target.closeTarget", {"targetId": target})
        return facts

    def run_script(self, url: str, expression: str) -> Any:
        """Open ``url``, wait until it has loaded, evaluate ``expression`` in it (a promise
        is awaited) and return the value; the page is closed afterwards."""
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        sid = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        loaded = f"document.readyState === 'complete' && location.href === {json.dumps(url)}"
        deadline = time.monotonic() + TIMEOUT
        while not self._value(loaded, sid) and time.monotonic() < deadline:
            time.sleep(0.05)
        value = self._value(expression, sid)
        self.send("Target.closeTarget", {"targetId": target})
        return value

    def send(self, method: str, params: dict[str, Any] | None = None, sid: str = "") -> Any:
        """Send one command and wait for its result (events are skipped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if sid:
            message["sessionId"] = sid
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def _evaluate(self, expression: str, sid: str) -> Any:
        deadline = time.monotonic() + TIMEOUT
        ready = ""
        while ready != "complete" and time.monotonic() < deadline:
            ready = self._value("document.readyState", sid)
            time.sleep(0.05)
        return self._value(expression, sid)

    def _value(self, expression: str, sid: str) -> Any:
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        return self.send("Runtime.evaluate", params, sid)["result"].get("value")

    def _screenshot(self, sid: str, width: int) -> bytes:
        height = self._value("document.documentElement.scrollHeight", sid)
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, 8000), "scale": 1}
        params = {"format": "png", "clip": clip, "captureBeyondViewport": True}
        return base64.b64decode(self.send("Page.captureScreenshot", params, sid)["data"])

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._reply_read], [], [], TIMEOUT)
            chunk = os.read(self._reply_read, 1 << 20) if ready else b""
            if not chunk:
                raise RuntimeError("chromium did not answer (crashed or timed out)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are numbered 10 or above, so never 3 or 4."""
    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return ends[0], ends[1]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG: width, height, RGB(A) rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks: dict[bytes, bytes] = {}
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        idat += body if kind == b"IDAT" else b""
        chunks.setdefault(kind, body)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and color in (2, 6) and interlace == 0, "unsupported PNG variant"
    return width, height, _unfilter(zlib.decompress(idat), width, 4 if color == 6 else 3, height)


def _unfilter(raw: bytes, width: int, bpp: int, height: int) -> list[bytes]:
    stride, rows, previous = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + _predict(kind, left, up, corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def _predict(kind: int, left: int, up: int, corner: int) -> int:
    if kind == 0:
        return 0
    if kind == 1:
        return left
    if kind == 2:
        return up
    if kind == 3:
        return (left + up) // 2
    estimate = left + up - corner
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
    return (left, up, corner)[distances.index(min(distances))]


def ink_fraction(data: bytes) -> float:
    """Share of pixels that are clearly not white: 0.0 for a blank page."""
    width, height, rows = png_pixels(data)
    bpp = len(rows[0]) // width
    inked = sum(1 for row in rows for x in range(0, len(row), bpp) if min(row[x : x + 3]) < 160)
    return inked / (width * height)
