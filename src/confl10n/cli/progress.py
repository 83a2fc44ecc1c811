"""Progress on stderr: one line, redrawn in place, for people watching a terminal.

Never for logs or pipes: each ``*_progress`` function returns None unless
stderr is a terminal. One :class:`ProgressLine` draws them all; the functions
only say what the line reads for a build, a translation and a download.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable

import typer

from confl10n.errors import escape_terminal

REDRAW = "\r\x1b[2K"  # back to the line start, clear it


class ProgressLine:
    """One self-overwriting stderr line, cut to the terminal's width; a newline ends it.

    Control and bidi characters in the line (a file or package name) are escaped.

    Redraws come at most every ``interval`` seconds, except forced ones.
    """

    def __init__(self, interval: float = 0.0) -> None:
        self.width = shutil.get_terminal_size().columns
        self.interval, self.drawn, self.open = interval, float("-inf"), False

    def draw(
        self, line: str, *, done: bool = False, force: bool = False, now: float | None = None
    ) -> None:
        """Show ``line`` (``now``: the clock, if the caller read it); ``done`` ends the line."""
        now = time.monotonic() if now is None else now
        if not (done or force) and now - self.drawn < self.interval:
            return
        self.drawn, self.open = now, not done
        text = escape_terminal(line)[: max(self.width - 1, 20)]
        typer.echo(f"{REDRAW}{text}{chr(10) if done else ''}", nl=False, err=True)

    def finish(self) -> None:
        """End a line left open (e.g. by a failed download)."""
        if self.open:
            typer.echo("", err=True)
            self.open = False


def _on_terminal() -> bool:
    return sys.stderr.isatty()


def build_progress() -> Callable[[str, int, int], None] | None:
    """``[3/7] slug: translating to zh_CN (en->zh: 32/79)``."""
    if not _on_terminal():
        return None
    line = ProgressLine()
    return lambda message, done, total: line.draw(f"[{done}/{total}] {message}", done=done >= total)


def sentence_progress() -> Callable[[str, int, int], None] | None:
    """``translating en->zh: 32/79 sentences``."""
    if not _on_terminal():
        return None
    line = ProgressLine()

    def show(label: str, done: int, total: int) -> None:
        line.draw(f"translating {label}: {done}/{total} sentences", done=done >= total)

    return show


class DownloadProgress:
    """``downloading 12.0 MB / 83.1 MB  14%  ETA 0:41``, ten redraws a second at most."""

    def __init__(self) -> None:
        self.line = ProgressLine(interval=0.1)
        self.started = time.monotonic()

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        text = self._text(done, total, now - self.started)
        self.line.draw(text, force=done == total, now=now)

    def finish(self) -> None:
        """End the progress line, if one was drawn."""
        self.line.finish()

    @staticmethod
    def _text(done: int, total: int | None, elapsed: float) -> str:
        if not total:
            return f"downloading {human_size(done)}"
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = int((total - done) / rate) if rate else 0
        percent = 100 * done // total
        sizes = f"{human_size(done)} / {human_size(total)}"
        return f"downloading {sizes}  {percent}%  ETA {eta // 60}:{eta % 60:02d}"


def download_progress() -> DownloadProgress | None:
    """A download's progress line, on a terminal."""
    return DownloadProgress() if _on_terminal() else None


def human_size(size: int) -> str:
    """``950 B``, ``12.3 kB``, ``83.1 MB``, ``1.2 GB`` (powers of 1000)."""
    value = float(size)
    for unit in ("B", "kB", "MB"):
        if value < 1000:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
