"""The translation cache: keys, approved translations, two writers, a killed writer."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from confl10n.errors import OutputError
from confl10n.translate.cache import (
    CacheContext,
    CachedTranslation,
    TranslationCache,
    default_cache_path,
    open_cache,
)
from confl10n.translate.engine import EngineIdentity

IDENTITY = EngineIdentity("argos", "translate-en_zh-1_0", "1.0", "c" * 64)
CONTEXT = CacheContext(IDENTITY, "en", "zh", '{"beam_size": 4}')
BATCH = 25

# A writer process: stores batches of BATCH sentences, one transaction each, and says
# "ready" after the first; with a limit it stops, without one it runs until killed.
WRITER = """
import sys
from confl10n.translate.cache import CacheContext, CachedTranslation, TranslationCache
from confl10n.translate.engine import EngineIdentity
path, name, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
context = CacheContext(EngineIdentity("argos", "m", "1", "c" * 64), "en", "zh", "{}")
cache = TranslationCache(path)
batch = 0
while batches == 0 or batch < batches:
    rows = [(f"{name} {batch} {i}", CachedTranslation(f"t{i}", ())) for i in range(size)]
    cache.store(context, rows)
    if batch == 0:
        print("ready", flush=True)
    batch += 1
"""


def _writer(path: Path, name: str, batches: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(batches), str(BATCH)],
        stdout=subprocess.PIPE,
        text=True,
    )


def _rows(path: Path) -> tuple[int, str]:
    with closing(sqlite3.connect(path)) as db:
        count = db.execute("SELECT count(*) FROM machine").fetchone()[0]
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
    return count, check


def test_stored_translations_come_back_with_their_flags(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.store(CONTEXT, [("Hello.", CachedTranslation("你好。", ("retried",)))])
        found = cache.lookup(CONTEXT, ["Hello.", "Bye."])
    assert found == {"Hello.": CachedTranslation("你好。", ("retried",))}


@pytest.mark.parametrize(
    "other",
    [
        CacheContext(EngineIdentity("argos", "m", "1.0", "d" * 64), "en", "zh", CONTEXT.options),
        CacheContext(IDENTITY, "en", "ja", CONTEXT.options),
        CacheContext(IDENTITY, "en", "zh", '{"beam_size": 1}'),
    ],
)
def test_another_model_pair_or_option_misses(tmp_path: Path, other: CacheContext) -> None:
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.store(CONTEXT, [("Hello.", CachedTranslation("你好。", ()))])
        assert cache.lookup(other, ["Hello."]) == {}


def test_approved_translations_are_kept_per_pair(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.put_approved("en", "zh", "Hello.", "您好。", origin="review.xlf")
        cache.put_approved("en", "zh", "Hello.", "你好！")
        assert cache.approved("en", "zh", ["Hello.", "Bye."]) == {"Hello.": "你好！"}
        assert cache.approved("en", "ja", ["Hello."]) == {}


def test_many_sentences_are_looked_up_in_chunks(tmp_path: Path) -> None:
    sentences = [f"Sentence {i}." for i in range(1200)]
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        cache.store(CONTEXT, [(s, CachedTranslation(s.upper(), ())) for s in sentences])
        found = cache.lookup(CONTEXT, sentences)
    assert len(found) == 1200
    assert found["Sentence 1199."].target == "SENTENCE 1199."


def test_default_path_is_in_the_user_cache_folder(tmp_path: Path) -> None:
    # conftest points XDG_CACHE_HOME into a temporary home.
    path = default_cache_path()
    assert path.name == "translations.sqlite3"
    assert path.parent.name == "confl10n"
    TranslationCache.open_default().close()
    assert path.is_file()


def test_a_folder_given_as_the_cache_is_said_in_one_line(tmp_path: Path) -> None:
    """`--cache /tmp` said "unable to open database file" (SQLite's words)."""
    with pytest.raises(OutputError, match="is a folder; give a file in it") as caught:
        TranslationCache(tmp_path)
    assert str(tmp_path / "translations.sqlite3") in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder does not exist"):
        TranslationCache(tmp_path / "nowhere" / "cache.sqlite3")
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_is_no_database_is_an_output_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes " * 100)
    with pytest.raises(OutputError, match=r"cache\.sqlite3"):
        TranslationCache(path)


def test_two_concurrent_writers_both_land(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with _writer(path, "a", batches=20) as first, _writer(path, "b", batches=20) as second:
        assert (first.wait(timeout=120), second.wait(timeout=120)) == (0, 0)
    assert _rows(path) == (2 * 20 * BATCH, "ok")


def test_a_killed_writer_leaves_whole_batches_only(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with _writer(path, "killed", batches=0) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.3)  # let it get well into later batches
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    count, check = _rows(path)
    assert check == "ok"
    assert count >= BATCH
    assert count % BATCH == 0
    with TranslationCache(path) as cache:  # still usable for the next run
        cache.store(CONTEXT, [("After.", CachedTranslation("之后。", ()))])
        assert cache.lookup(CONTEXT, ["After."])["After."].target == "之后。"


def test_open_cache_closes_only_what_it_opened(tmp_path: Path) -> None:
    with open_cache(False) as none:
        assert none is None
    with open_cache(tmp_path / "c.sqlite3") as opened:
        assert opened is not None
        opened.put_approved("en", "zh", "Hi.", "你好。")
    with pytest.raises(OutputError):  # closed on the way out
        opened.approved("en", "zh", ["Hi."])
    with TranslationCache(tmp_path / "c.sqlite3") as mine:
        with open_cache(mine) as same:
            assert same is mine
        assert mine.approved("en", "zh", ["Hi."]) == {"Hi.": "你好。"}


BAD_ROWS = {
    "flags-not-json": "UPDATE machine SET flags = 'not json {'",
    "flags-not-a-list": "UPDATE machine SET flags = '{\"a\": 1}'",
    "flags-not-strings": "UPDATE machine SET flags = '[1, null]'",
    "flags-nested": "UPDATE machine SET flags = '" + "[" * 3000 + "]" * 3000 + "'",
    "flags-blob": "UPDATE machine SET flags = CAST('[]' AS BLOB)",
    "target-blob": "UPDATE machine SET target = CAST(target AS BLOB)",
    "target-null": "UPDATE machine SET target = NULL",
}


def _corrupt(path: Path, statement: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        if "NULL" in statement:  # the column is NOT NULL: rebuild it without the constraint
            db.execute("ALTER TABLE machine RENAME TO old")
            db.execute("CREATE TABLE machine AS SELECT * FROM old")
            db.execute("DROP TABLE old")
        db.execute(statement)
        db.commit()


@pytest.mark.parametrize("statement", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_row_of_the_wrong_shape_is_a_miss_and_is_replaced(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "cache.sqlite3"
    good = CachedTranslation("你好。", ("retried",))
    with TranslationCache(path) as cache:
        cache.store(CONTEXT, [("Hello.", good), ("Bye.", CachedTranslation("再见。", ()))])
    _corrupt(path, statement)
    with TranslationCache(path) as cache:
        assert cache.lookup(CONTEXT, ["Hello.", "Bye."]) == {}
        assert cache.rows_for(["Hello.", "Bye."]).machine == {}
        cache.store(CONTEXT, [("Hello.", good)])
        assert cache.lookup(CONTEXT, ["Hello.", "Bye."]) == {"Hello.": good}


@pytest.mark.parametrize("value", ["CAST('您好。' AS BLOB)", "x'00ff'"])
def test_an_approved_row_of_the_wrong_shape_is_skipped(tmp_path: Path, value: str) -> None:
    path = tmp_path / "cache.sqlite3"
    with TranslationCache(path) as cache:
        cache.put_approved("en", "zh", "Hello.", "您好。")
        cache.put_approved("en", "zh", "Bye.", "再见。")
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"UPDATE approved SET target = {value} WHERE source = 'Hello.'")
        db.commit()
    with TranslationCache(path) as cache:
        assert cache.approved("en", "zh", ["Hello.", "Bye."]) == {"Bye.": "再见。"}
        assert cache.rows_for(["Hello.", "Bye."]).approved == {("en", "zh", "Bye."): "再见。"}


def _damaged_page(path: Path) -> None:
    with TranslationCache(path) as cache:
        cache.store(CONTEXT, [(f"S {i}.", CachedTranslation("x" * 200, ())) for i in range(200)])
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xa5" * 8192  # garble two pages of the table's b-tree
    path.write_bytes(bytes(data))


def _other_tables(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE machine (key TEXT, value TEXT)")
        db.commit()


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"this is not a database, just some bytes " * 100),
        lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000),
        _damaged_page,
        _other_tables,
    ],
    ids=["text", "bad-header", "damaged-page", "other-tables"],
)
def test_a_damaged_cache_file_says_which_file_to_move(tmp_path: Path, damage: Any) -> None:
    path = tmp_path / "cache.sqlite3"
    damage(path)
    with pytest.raises(OutputError) as caught, TranslationCache(path) as cache:
        cache.lookup(CONTEXT, [f"S {i}." for i in range(200)])
    message = str(caught.value)
    assert message.startswith(f"translation cache {path} is damaged or not a confl10n cache (")
    assert message.endswith("): move or delete that file, or run with --no-cache")
    assert "\n" not in message
