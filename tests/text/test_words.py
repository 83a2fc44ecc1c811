"""Word tokenization: numbers kept whole, spans exact, nothing lost, jieba quiet and contained."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import pytest

from confl10n.text.words import has_letters, split_words, word_spans

ZH = "上海人工智能产业规模超过3800亿元，其中10.2%的媒体使用AI技术。共有1,926个社区食堂"


def test_english_keeps_numbers_whole_and_drops_punctuation() -> None:
    text = "By the end of 2023, Shanghai had 1,926 canteens; 10.2% of outlets (41%) agreed."
    assert split_words(text) == [
        "By", "the", "end", "of", "2023", "Shanghai", "had", "1,926", "canteens",
        "10.2", "of", "outlets", "41", "agreed",
    ]  # fmt: skip


def test_english_joins_apostrophes_and_hyphens_but_not_sentence_periods() -> None:
    words = split_words("Shanghai’s high-quality COVID-19 plan isn't new.Next, 3,4")
    assert words == [
        "Shanghai’s",
        "high-quality",
        "COVID-19",
        "plan",
        "isn't",
        "new",
        "Next",
        "3,4",
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "In today’s world, AI—rapidly!—transforms 380 billion-yuan industries."),
        ("fr", "Aujourd’hui, l’IA transforme 10,2 % des médias « vite »."),
        ("de", "Die Straße misst 1.926 Meter; Ärzte zählen 19. Dezember."),
        ("ar", "وَسائل الإعلام العربية تتبنى الذكاء الاصطناعي في 2024"),
        ("th", "ปัญญาประดิษฐ์ กำลัง เปลี่ยน สื่อ"),
        ("ko", "인공지능은 미디어 산업을 바꾸고 있다 2024년"),
        ("ja", "人工知能はメディア業界を変えている。2024年、テレビも。"),
        ("zh", ZH),
    ],
)
def test_spans_are_exact_ordered_and_cover_every_letter_and_digit(lang: str, text: str) -> None:
    spans = word_spans(text, lang=lang)
    assert spans == sorted(spans)
    assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))
    covered = {i for start, end in spans for i in range(start, end)}
    wordlike = [i for i, ch in enumerate(text) if unicodedata.category(ch)[0] in "LMN"]
    lost = [text[i] for i in wordlike if i not in covered]
    assert lost == []
    assert split_words(text, lang=lang) == [text[a:b] for a, b in spans]


def test_combining_marks_stay_inside_words() -> None:
    assert split_words("وَسائل", lang="ar") == ["وَسائل"]
    assert split_words("กำลัง เปลี่ยน", lang="th") == ["กำลัง", "เปลี่ยน"]
    assert split_words("cafe\u0301 ouvert", lang="fr") == ["cafe\u0301", "ouvert"]


def test_chinese_uses_jieba_words_and_keeps_numbers_and_latin() -> None:
    words = split_words(ZH, lang="zh")
    assert words[:4] == ["上海", "人工智能", "产业", "规模"]
    assert {"3800", "10.2", "1,926", "AI"} <= set(words)
    assert "，" not in words and "。" not in words
    assert words[-1] == "食堂"  # the tail without 。 is not lost


def test_chinese_language_tags_are_recognised() -> None:
    assert split_words("人工智能", lang="zh-Hans") == split_words("人工智能", lang="zh_CN")
    assert split_words("人工智能", lang="zh") == ["人工智能"]


def test_japanese_splits_runs_of_each_script() -> None:
    assert split_words("人工知能はメディア業界を変え", lang="ja") == [
        "人工知能", "は", "メディア", "業界", "を", "変", "え",
    ]  # fmt: skip


def test_jieba_loads_once_and_answers_the_same_from_threads() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: split_words(ZH, lang="zh"), range(8)))
    assert all(result == results[0] for result in results)


@pytest.mark.slow
def test_jieba_cache_goes_to_the_confl10n_cache_dir_and_nothing_is_printed(tmp_path: Path) -> None:
    cache, temp = tmp_path / "cache", tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TMPDIR": str(temp)}
    code = "from confl10n.text.words import split_words; print(split_words('人工智能', lang='zh'))"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['人工智能']"
    assert result.stderr == ""
    assert (cache / "confl10n" / "jieba.cache").is_file()
    assert list(temp.iterdir()) == []


def test_has_letters_tells_numbers_from_words() -> None:
    assert has_letters("AI") and has_letters("人工") and has_letters("COVID-19")
    assert not has_letters("1,926") and not has_letters("10.2")


def test_text_without_words_gives_none() -> None:
    assert split_words(" — … !! ") == []
    assert split_words("", lang="zh") == []
