"""Translation cache: SQLite, so re-running an unchanged article translates nothing.

Machine translations are keyed by everything that shapes them: engine, model
checksum, language pair, decoding options and the source sentence. Approved
human translations (imported from XLIFF, say) are keyed by pair and source
sentence only, and win over any machine translation.

A row of the wrong shape (a ``target`` that is not text, ``flags`` that are not a
JSON list of strings) is a cache miss, and the next store of that sentence
replaces it. A file that is no SQLite database, is damaged, or holds tables of
another shape is an :class:`~confl10n.errors.OutputError` naming the file to
move or delete.

The database runs in WAL mode with a busy timeout and writes one transaction
per batch, so two runs can share it and a run killed mid-way leaves every
finished batch behind and nothing half-written.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from confl10n._fs import user_dir
from confl10n.errors import OutputError
from confl10n.translate.engine import EngineIdentity

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS machine (
        key TEXT PRIMARY KEY, engine TEXT NOT NULL, model TEXT NOT NULL, checksum TEXT NOT NULL,
        source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, options TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL, flags TEXT NOT NULL, created REAL NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS approved (
        source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source TEXT NOT NULL,
        target TEXT NOT NULL, origin TEXT NOT NULL, updated REAL NOT NULL,
        PRIMARY KEY (source_lang, target_lang, source)
    )""",
)
_COLUMNS = {
    "machine": (
        "key", "engine", "model", "checksum", "source_lang", "target_lang", "options",
        "source", "target", "flags", "created",
    ),
    "approved": ("source_lang", "target_lang", "source", "target", "origin", "updated"),
}  # fmt: skip
# SQLite's primary result codes for a damaged file and for a file that is no database.
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY_SECONDS = 60.0
_CHUNK = 500  # stays under SQLite's limit on bound parameters


@dataclass(frozen=True, slots=True)
class CacheContext:
    """What a machine translation depends on besides its source sentence."""

    identity: EngineIdentity
    source: str
    target: str
    options: str  # canonical JSON of the decoding options

    def key(self, sentence: str) -> str:
        """The cache key of ``sentence`` translated in this context."""
        parts = [*_identity_parts(self.identity), self.source, self.target, self.options]
        return hashlib.sha256(json.dumps([*parts, sentence]).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedTranslation:
    """A stored translation and the flags it was stored with."""

    target: str
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CacheRows:
    """Stored rows for some source sentences, in any language pair, detached from the file.

    ``machine`` maps cache keys (:meth:`CacheContext.key`) to translations; ``approved``
    maps (source language, target language, source sentence) to the approved target.
    """

    machine: dict[str, CachedTranslation]
    approved: dict[tuple[str, str, str], str]

    def merged(self, other: CacheRows) -> CacheRows:
        """Both sets of rows in one."""
        return CacheRows({**self.machine, **other.machine}, {**self.approved, **other.approved})


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/confl10n/translations.sqlite3`` (``~/.cache`` without XDG)."""
    return user_dir("cache") / "confl10n" / "translations.sqlite3"


class TranslationCache:
    """One SQLite database of machine and approved translations."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise OutputError(f"translation cache {self.path}: folder does not exist")
        if self.path.is_dir():
            raise OutputError(
                f"translation cache {self.path} is a folder; give a file in it "
                f"({self.path / 'translations.sqlite3'})"
            )
        try:
            self._db = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
            _use_wal(self._db)
            with _transaction(self._db):
                for statement in _SCHEMA:
                    self._db.execute(statement)
            self._check_tables()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    @classmethod
    def open_default(cls) -> TranslationCache:
        """The cache in the user's cache folder, created if need be."""
        path = default_cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(path)

    def lookup(
        self, context: CacheContext, sentences: Sequence[str]
    ) -> dict[str, CachedTranslation]:
        """The cached machine translations of ``sentences`` in ``context``."""
        keys = {context.key(sentence): sentence for sentence in sentences}
        found: dict[str, CachedTranslation] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, target, flags FROM machine WHERE key IN ({marks})"
            for key, entry in _machine_entries(self._select(query, chunk)):
                found[keys[key]] = entry
        return found

    def store(
        self, context: CacheContext, results: Iterable[tuple[str, CachedTranslation]]
    ) -> None:
        """Store ``(source sentence, translation)`` pairs in one transaction."""
        now = time.time()
        rows = [_machine_row(context, source, result, now) for source, result in results]
        self._write("INSERT OR REPLACE INTO machine VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)

    def put_approved(
        self, source_lang: str, target_lang: str, source: str, target: str, *, origin: str = ""
    ) -> None:
        """Store an approved human translation; it wins over machine translation."""
        row = (source_lang, target_lang, source, target, origin, time.time())
        self._write("INSERT OR REPLACE INTO approved VALUES (?,?,?,?,?,?)", [row])

    def put_approved_many(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Store approved translations ``(source_lang, target_lang, source, target, origin)``
        in one transaction: if ``rows`` raises part-way, none of them is stored."""
        now = time.time()
        self._write("INSERT OR REPLACE INTO approved VALUES (?,?,?,?,?,?)", _stamped(rows, now))

    def approved(
        self, source_lang: str, target_lang: str, sentences: Sequence[str]
    ) -> dict[str, str]:
        """The approved translations of those ``sentences`` that have one."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(sentences))):
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT source, target FROM approved WHERE source_lang = ? AND target_lang = ?"
                f" AND source IN ({marks})"
            )
            rows = self._select(query, [source_lang, target_lang, *chunk])
            found.update((source, target) for source, target in _text_rows(rows))
        return found

    def rows_for(self, sentences: Sequence[str]) -> CacheRows:
        """Every machine and approved row whose source is one of ``sentences``, any pair."""
        machine: dict[str, CachedTranslation] = {}
        approved: dict[tuple[str, str, str], str] = {}
        for chunk in _chunks(list(dict.fromkeys(sentences))):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, target, flags FROM machine WHERE source IN ({marks})"
            machine.update(_machine_entries(self._select(query, chunk)))
            query = (
                "SELECT source_lang, target_lang, source, target FROM approved"
                f" WHERE source IN ({marks})"
            )
            for source_lang, target_lang, source, target in _text_rows(self._select(query, chunk)):
                approved[(source_lang, target_lang, source)] = target
        return CacheRows(machine, approved)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _select(self, query: str, parameters: Sequence[str]) -> list[tuple[object, ...]]:
        try:
            rows: list[tuple[object, ...]] = self._db.execute(query, parameters).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        return rows

    def _write(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        try:
            with _transaction(self._db):
                self._db.executemany(statement, rows)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _check_tables(self) -> None:
        """Raise ``sqlite3.DatabaseError`` when a table has other columns than ours."""
        for table, columns in _COLUMNS.items():
            found = tuple(row[1] for row in self._db.execute(f"PRAGMA table_info({table})"))
            if found != columns:
                raise sqlite3.DatabaseError(f"table {table} has other columns")

    def _error(self, exc: sqlite3.Error) -> OutputError:
        """The one line for a failed SQLite call; a damaged file says what to do with it."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        if type(exc) is sqlite3.DatabaseError or name.startswith(_DAMAGED):
            return OutputError(
                f"translation cache {self.path} is damaged or not a confl10n cache ({exc}):"
                " move or delete that file, or run with --no-cache"
            )
        return OutputError(f"translation cache {self.path}: {exc}")


@contextmanager
def open_cache(cache: TranslationCache | str | Path | bool) -> Iterator[TranslationCache | None]:
    """The cache a caller asked for: ``True`` the user's, a path, an open one, or ``False``.

    A cache opened here is closed here; one passed in stays open.
    """
    if isinstance(cache, TranslationCache) or cache is False:
        yield cache or None
        return
    opened = TranslationCache.open_default() if cache is True else TranslationCache(cache)
    with opened:
        yield opened


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL, retrying: while another process creates the same file, SQLite
    refuses the switch at once ("database is locked") instead of waiting."""
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` takes the write lock up front: writers queue, never deadlock."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _stamped(
    rows: Iterable[tuple[str, str, str, str, str]], now: float
) -> Iterator[tuple[str, str, str, str, str, float]]:
    for row in rows:
        yield (*row, now)


def _text_rows(rows: Iterable[tuple[object, ...]]) -> Iterator[tuple[str, ...]]:
    """The rows whose every value is text; the others (a BLOB, a number) count as misses."""
    for row in rows:
        if all(isinstance(value, str) for value in row):
            yield tuple(str(value) for value in row)


def _machine_entries(rows: Iterable[tuple[object, ...]]) -> Iterator[tuple[str, CachedTranslation]]:
    """(key, translation) of the machine rows (key, target, flags) of the right shape: text,
    with flags a JSON list of strings; any other row is a cache miss."""
    for key, target, flags in _text_rows(rows):
        try:
            decoded = json.loads(flags)
        except (ValueError, RecursionError):
            continue
        if isinstance(decoded, list) and all(isinstance(flag, str) for flag in decoded):
            yield key, CachedTranslation(target, tuple(decoded))


def _machine_row(
    context: CacheContext, source: str, result: CachedTranslation, now: float
) -> tuple[object, ...]:
    identity = _identity_parts(context.identity)
    flags = json.dumps(list(result.flags))
    languages_and_options = (context.source, context.target, context.options)
    return (
        context.key(source),
        *identity,
        *languages_and_options,
        source,
        result.target,
        flags,
        now,
    )


def _identity_parts(identity: EngineIdentity) -> tuple[str, str, str]:
    return identity.engine, identity.model, identity.checksum


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
