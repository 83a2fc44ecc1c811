"""Section summaries: every algorithm, parity with sumy, lengths, languages, bad input, the CLI."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from confl10n import (
    Article,
    ArticleSummary,
    InputError,
    InvalidOptionError,
    Section,
    UnsupportedLanguageError,
    summarize_sections,
    summarize_text,
)
from confl10n.cli import app
from confl10n.summarize import ALGORITHMS, LANGUAGES
from confl10n.summarize.selection import Picked, ineligible, opens_with_anaphor
from confl10n.text.reader import parse_text, read_article
from confl10n.text.words import split_words

runner = CliRunner()
DUPLICATES = (
    "# T\n\n## Media\n\nAI changes the media industry quickly. Reporters test new tools every "
    "week. AI changes the media industry quickly. The weather was mild on Tuesday.\n"
)
DISTINCT = (
    "# T\n\n## Media\n\nAI changes the media industry quickly. Reporters test new AI tools every "
    "week. Editors in the media industry review what the tools write. The weather was mild.\n"
)
EDMUNDSON_WORDS = {"bonus_words": ["shanghai", "media"], "stigma_words": ["not"]}
SOLAR = (
    "# Solar Power\n\nThe weather was mild on Tuesday. Residents walked along the river. "
    "Solar power plants opened across the region.\n"
)


@pytest.fixture(scope="module", params=["sample", "seed"])
def article(request: pytest.FixtureRequest, sample_path: Path, seed_path: Path) -> Article:
    return read_article(sample_path if request.param == "sample" else seed_path)


def positions(section: Section) -> dict[str, int]:
    return {sentence.id: i for i, sentence in enumerate(section.sentences)}


# --- every algorithm on the two real articles -------------------------------------------


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_picks_own_section_sentences_in_source_order(
    article: Article, algorithm: str
) -> None:
    summary = summarize_sections(article, algorithm=algorithm)
    texts = {s.id: s.text for s in article.sentences}
    assert [s.id for s in summary.sections] == [s.id for s in article.sections]
    for section, result in zip(article.sections, summary.sections, strict=True):
        order = [positions(section)[s.id] for s in result.sentences]
        assert order == sorted(order) and len(set(order)) == len(order)
        assert all(texts[s.id] == s.text for s in result.sentences)
        assert len(result.sentences) == 3 and result.size == len(section.sentences)
    assert summary == summarize_sections(article, algorithm=algorithm)


@pytest.mark.slow
def test_same_summary_in_fresh_processes_with_different_hash_seeds(sample_path: Path) -> None:
    code = (
        "import sys, json; from pathlib import Path; from confl10n.text.reader import read_article\n"
        "from confl10n.summarize import ALGORITHMS, summarize_sections\n"
        "a = read_article(Path(sys.argv[1]))\n"
        "print(json.dumps([summarize_sections(a, algorithm=n).sentence_ids for n in ALGORITHMS]))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code, str(sample_path)], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


# --- parity: the same selection as sumy called directly ---------------------------------


class SameWords:
    """The words confl10n hands sumy, as a sumy tokenizer."""

    @staticmethod
    def to_words(sentence: str) -> tuple[str, ...]:
        return tuple(split_words(sentence, lang="en"))


def sumy_direct(article: Article, section: Section, algorithm: str, count: int) -> list[str]:
    """sumy's own ranking of ``section`` (its classes, stop words and stemmer), then the
    bulletin's rules: the best ``count`` eligible sentences, no repeats, in source order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers import edmundson, kl, lex_rank, lsa, luhn, reduction, sum_basic, text_rank
    from sumy.utils import get_stop_words

    classes: dict[str, Any] = {
        "lexrank": lex_rank.LexRankSummarizer, "textrank": text_rank.TextRankSummarizer,
        "lsa": lsa.LsaSummarizer, "luhn": luhn.LuhnSummarizer, "kl": kl.KLSummarizer,
        "edmundson": edmundson.EdmundsonSummarizer, "sumbasic": sum_basic.SumBasicSummarizer,
        "reduction": reduction.ReductionSummarizer,
    }  # fmt: skip
    head = section.heading or article.title
    heading = head.text if head else ""
    paragraphs = [
        Paragraph(
            ([SumySentence(heading, SameWords, is_heading=True)] if i == 0 and heading else [])
            + [SumySentence(s.text, SameWords) for s in p.sentences]
        )
        for i, p in enumerate(section.paragraphs)
    ]
    summarizer = classes[algorithm](Stemmer("english"))
    if algorithm == "edmundson":
        summarizer.bonus_words = EDMUNDSON_WORDS["bonus_words"]
        summarizer.stigma_words = EDMUNDSON_WORDS["stigma_words"]
        summarizer.null_words = get_stop_words("english")
    else:
        summarizer.stop_words = get_stop_words("english")
    ranking: list[Any] = []

    def keep_all(infos: list[Any]) -> list[Any]:
        ranking.extend(infos)  # sumy hands its count every sentence, best first
        return infos

    summarizer(ObjectDocumentModel(paragraphs), keep_all)
    eligible = {s.text for p in section.paragraphs for s in p.sentences if ineligible(s, p) is None}
    body = [s.text for s in section.sentences]
    before = {text: body[i - 1] if i else None for i, text in enumerate(body)}
    picked = Picked("en")
    chosen: list[Any] = []
    waiting: dict[str | None, Any] = {}  # an anaphoric sentence waits for the one before it
    for info in ranking:
        text = str(info.sentence)
        if len(chosen) == count or text not in eligible or picked.repeats(text, text):
            continue
        if opens_with_anaphor(text) and before[text] not in picked.ids:
            waiting[before[text]] = info
            continue
        while info is not None and len(chosen) < count:
            picked.add(str(info.sentence), str(info.sentence))
            chosen.append(info)
            info = waiting.pop(str(info.sentence), None)
    return [str(info.sentence) for info in sorted(chosen, key=lambda info: info.order)]


def same_but_for_float_ties(ours: list[str], theirs: list[str], scores: dict[str, float]) -> bool:
    """Equal selections, or equal but for sentences tied with the cut-off score.

    sumy ranks exact floats, and some (LSA's SVD, LexRank's set sums) vary in the
    last bits with the process's hash seed: between two tied sentences its pick
    changes from run to run, where ours stays on the earlier sentence.
    """
    cutoff = min(scores[text] for text in ours)
    swapped = set(ours) ^ set(theirs)
    return all(math.isclose(scores[text], cutoff, rel_tol=1e-9) for text in swapped)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 3])
def test_selection_equals_sumy_called_directly(
    article: Article, algorithm: str, count: int
) -> None:
    extra: dict[str, Any] = EDMUNDSON_WORDS if algorithm == "edmundson" else {}
    summary = summarize_sections(article, algorithm=algorithm, sentences=count, lede=0, **extra)
    full = summarize_sections(article, algorithm=algorithm, sentences=999, lede=0, **extra)
    for section, result, every in zip(
        article.sections, summary.sections, full.sections, strict=True
    ):
        ours = [s.text for s in result.sentences]
        theirs = sumy_direct(article, section, algorithm, count)
        assert len(ours) == len(theirs) == count
        assert same_but_for_float_ties(ours, theirs, {s.text: s.score for s in every.sentences})


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_parity_holds_with_duplicate_sentences(algorithm: str) -> None:
    article = parse_text(DUPLICATES)
    extra: dict[str, Any] = EDMUNDSON_WORDS if algorithm == "edmundson" else {}
    ours = summarize_sections(article, algorithm=algorithm, sentences=2, lede=0, **extra)
    every = summarize_sections(article, algorithm=algorithm, sentences=9, lede=0, **extra)
    theirs = sumy_direct(article, article.sections[0], algorithm, 2)
    scores = {s.text: s.score for s in every.sections[0].sentences}
    assert same_but_for_float_ties([s.text for s in ours.sections[0].sentences], theirs, scores)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_selection_is_the_top_scores_with_ties_to_the_earlier_sentence(algorithm: str) -> None:
    article = parse_text(DISTINCT)
    scores = {
        s.id: s.score
        for s in summarize_sections(article, algorithm=algorithm, sentences=99, lede=0)
        .sections[0]
        .sentences
    }
    for n in (1, 2, 3):
        chosen = summarize_sections(article, algorithm=algorithm, sentences=n, lede=0)
        picked = [s.id for s in chosen.sections[0].sentences]
        assert len(picked) == n
        for left in set(scores) - set(picked):
            for kept in picked:
                tied = math.isclose(scores[kept], scores[left], rel_tol=1e-9)
                assert (kept < left) if tied else scores[kept] > scores[left]


# --- scores, IDs and duplicates ---------------------------------------------------------


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_the_same_sentence_is_never_picked_twice_in_a_section(algorithm: str) -> None:
    extra: dict[str, Any] = EDMUNDSON_WORDS if algorithm == "edmundson" else {}
    result = summarize_sections(DUPLICATES, algorithm=algorithm, sentences=2, lede=0, **extra)
    texts = [s.text for s in result.sections[0].sentences]
    assert len(texts) == 2 and len(set(texts)) == 2


def test_lexrank_with_no_similar_sentences_scores_zero_without_warnings() -> None:
    # sumy's LexRank divides 0 by 0 here (NaN, numpy RuntimeWarning); pytest makes warnings errors.
    result = summarize_sections("Apples grow on trees. Cars drive on roads.", sentences=1, lede=0)
    assert [(s.id, s.score) for s in result.sections[0].sentences] == [("s1.p1.t1", 0.0)]


def test_results_are_immutable() -> None:
    summary = summarize_sections(DUPLICATES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.lang = "fr"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.sections[0].sentences[0].score = 1.0  # type: ignore[misc]


# --- length -----------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "expected"), [(1, 1), (3, 1), (4, 2), (8, 2), (9, 3), (20, 3)])
def test_default_length_grows_with_the_section(size: int, expected: int) -> None:
    words = [
        "river",
        "bank",
        "city",
        "port",
        "train",
        "school",
        "market",
        "museum",
        "bridge",
        "garden",
        "tower",
        "road",
    ]
    text = " ".join(
        f"The {words[i % 12]} near {words[(i * 5 + 3) % 12]} opened in year {2000 + i}."
        for i in range(size)
    )
    section = summarize_sections(text, lede=0).sections[0]
    assert (len(section.sentences), section.size) == (expected, size)


def test_n_larger_than_the_section_returns_all_of_it_and_one_sentence_returns_itself() -> None:
    text = "# T\n\n## A\n\nOnly one here.\n\n## B\n\nOne. Two. Three."
    summary = summarize_sections(text, lede=0)
    assert [s.text for s in summary.sections[0].sentences] == ["Only one here."]
    summary_text = "One dog. Two cats. Three birds."
    everything = summarize_sections(summary_text, sentences=9, lede=0)
    assert " ".join(s.text for s in everything.sections[0].sentences) == summary_text


def test_ratio_keeps_a_share_and_at_least_one(sample_path: Path) -> None:
    article = read_article(sample_path)
    half = summarize_sections(article, ratio=0.5, lede=0)
    assert [len(s.sentences) for s in half.sections] == [7, 13, 11, 7]
    tiny = summarize_sections(article, ratio=0.01)
    assert all(len(s.sentences) == 1 for s in tiny.sections)
    whole = summarize_sections(article, ratio=1, lede=0)
    eligible = [s.id for sec in article.sections for p in sec.paragraphs for s in p.sentences
                if ineligible(s, p) is None]  # fmt: skip
    assert whole.sentence_ids == tuple(eligible) and len(eligible) == 61


# --- the lede and the whole-text summary ------------------------------------------------


def test_whole_text_summary_spans_sections(sample_path: Path) -> None:
    article = read_article(sample_path)
    summary = summarize_text(article, algorithm="textrank")
    ids = [s.id for s in summary.sentences]
    assert (len(ids), summary.size) == (3, len(article.sentences))
    order = [s.id for s in article.sentences]
    assert sorted(ids, key=order.index) == ids
    assert len(summarize_text(article, sentences=5).sentences) == 5


# --- Edmundson's word lists -------------------------------------------------------------


def test_edmundson_bonus_words_default_to_title_and_headings() -> None:
    chosen = summarize_sections(SOLAR, algorithm="edmundson", sentences=1).sections[0]
    assert [s.id for s in chosen.sentences] == ["s1.p1.t3"]  # the one about solar power


def test_edmundson_accepts_user_word_lists() -> None:
    stigma = ["solar", "power", "plants", "opened", "across", "region"]
    chosen = summarize_sections(
        SOLAR,
        algorithm="edmundson",
        sentences=1,
        bonus_words=["residents", "walked", "river"],
        stigma_words=stigma,
    ).sections[0]
    assert [s.id for s in chosen.sentences] == ["s1.p1.t2"]


def test_word_lists_are_refused_for_other_algorithms() -> None:
    with pytest.raises(InvalidOptionError, match="edmundson only"):
        summarize_sections(SOLAR, algorithm="lexrank", bonus_words=["solar"])


# --- languages --------------------------------------------------------------------------


@pytest.mark.slow
def test_chinese_splits_but_never_shows_an_unfinished_final_sentence() -> None:
    text = "人工智能正在迅速改变媒体行业。上海的人工智能产业规模超过3800亿元。媒体行业积极探索人工智能的应用"
    summary = summarize_sections(text, lang="zh", sentences=9, lede=0)
    texts = [s.text for s in summary.sections[0].sentences]
    # the unfinished last sentence is a sentence of its own, but never shown in a summary
    assert texts == ["人工智能正在迅速改变媒体行业。", "上海的人工智能产业规模超过3800亿元。"]
    assert summary.sections[0].size == 3
    best = summarize_sections(text, lang="zh", sentences=1, lede=0).sections[0].sentences
    assert best[0].score > 0 and summary.lang == "zh"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_language_with_stop_words_summarizes(lang: str, sample_path: Path) -> None:
    article = read_article(sample_path)
    summary = summarize_sections(article, lang=lang, algorithm="lexrank")
    assert summary.lang == lang and all(len(s.sentences) == 3 for s in summary.sections)


def test_german_uses_its_stemmer() -> None:
    text = "Die Zeitungen schreiben Berichte. Eine Zeitung schreibt einen Bericht. Es bleibt mild."
    german = summarize_sections(text, lang="de", algorithm="luhn", sentences=3, lede=0).sections[0]
    english = summarize_sections(text, lang="en", algorithm="luhn", sentences=3, lede=0).sections[0]
    assert [s.score > 0 for s in german.sentences] == [True, True, False]  # Zeitung(en), Bericht(e)
    assert [s.score for s in english.sentences] == [0.0, 0.0, 0.0]


def test_german_uses_its_stop_words() -> None:
    text = "Die Katze und die Maus schlafen. Der Hund und die Ente spielen. Ein Vogel fliegt hoch."
    german = summarize_sections(text, lang="de", algorithm="luhn", sentences=3, lede=0).sections[0]
    english = summarize_sections(text, lang="en", algorithm="luhn", sentences=3, lede=0).sections[0]
    assert [s.score for s in german.sentences] == [0.0, 0.0, 0.0]  # only "und", "die" repeat
    assert english.sentences[0].score > 0


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "تتبنى وسائل الإعلام الذكاء الاصطناعي. الذكاء الاصطناعي يغير الإعلام. الطقس معتدل."),
        ("el", "Τα μέσα ενημέρωσης υιοθετούν την τεχνητή νοημοσύνη. Η τεχνητή νοημοσύνη αλλάζει τα μέσα. Ο καιρός είναι ήπιος."),
        ("ko", "언론은 인공지능을 도입한다. 인공지능은 언론을 바꾼다. 날씨는 온화하다."),
        ("ja", "メディアは人工知能を導入する。人工知能はメディアを変える。天気は穏やかだ。"),
        ("uk", "Медіа впроваджують штучний інтелект. Штучний інтелект змінює медіа. Погода тепла."),
    ],
)  # fmt: skip
def test_non_latin_languages_summarize_their_own_text(lang: str, text: str) -> None:
    section = summarize_sections(text, lang=lang, sentences=2).sections[0]
    assert section.size == 3 and len(section.sentences) == 2
    assert max(s.score for s in section.sentences) > 0


@pytest.mark.parametrize("lang", ["en-US", "EN", "english", "zh_Hans", "pt-BR"])
def test_language_tags_and_names_are_accepted(lang: str) -> None:
    summary = summarize_sections("One dog barks. Two cats sleep.", lang=lang)
    assert summary.lang in LANGUAGES


def test_unsupported_language_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedLanguageError, match=r"'xx'.*supported: ar, cs, de, .*, zh$"):
        summarize_sections("One dog barks.", lang="xx")


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sentences": 0}, "sentences must be a whole number >= 1, got 0"),
        ({"sentences": -2}, "got -2"),
        ({"sentences": True}, "got True"),
        ({"ratio": 0}, r"ratio must be in \(0, 1\], got 0"),
        ({"ratio": 1.5}, "got 1.5"),
        ({"ratio": float("nan")}, "got nan"),
        ({"sentences": 2, "ratio": 0.5}, "not both"),
        ({"lede": -1}, "lede must be"),
        (
            {"algorithm": "bert"},
            "unknown algorithm 'bert'; choose one of: " + ", ".join(ALGORITHMS),
        ),
    ],
)
def test_bad_options_name_the_valid_choices(options: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        summarize_sections("One dog barks. Two cats sleep.", **options)


def test_an_article_without_sections_is_an_error() -> None:
    empty = Article(title=None, sections=(), text="", source_name="empty.txt")
    with pytest.raises(InputError, match=r"^empty\.txt has no sentences to summarize$"):
        summarize_sections(empty)


def test_a_section_without_sentences_gets_no_summary() -> None:
    summary = summarize_sections("# T\n\n## Empty\n\n## Full\n\nSome text here. And more.\n")
    first = summary.sections[0]
    assert (first.id, first.size, first.sentences) == ("s1", 0, ())
    assert [s.id for s in summary.lede] == ["s2.p1.t1"]


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n## Empty\n\n## Full\n\nSome text here.\n",
        "# Budget\n\n## Tax\n\n### Income tax\n\nRates stay the same. Bands rise.\n",
        "Budget\n\nTax\n\nIncome Tax\n\nRates stay the same. Bands rise.\n",
    ],
)
def test_a_section_with_only_sub_headings_gets_no_summary(text: str) -> None:
    summary = summarize_sections(text, sentences=1)
    first = summary.sections[0]
    assert (first.id, first.size, first.sentences) == ("s1", 0, ())
    assert summary.sections[1].size >= 1
    # the lede is the opening sentence, and the section summary never repeats it
    assert [s.id for s in summary.lede] == ["s2.p1.t1"]
    assert "s2.p1.t1" not in summary.sentence_ids


def test_text_with_only_numbers_and_punctuation_is_an_error() -> None:
    numbers = summarize_sections(
        "# T\n\n## Words\n\nSome words here.\n\n## Numbers\n\n2024: 10.2%. 1,926!\n"
    )
    assert [(s.id, s.sentences) for s in numbers.sections][1] == ("s2", ())
    with pytest.raises(InputError, match="<string> has no words"):
        summarize_sections("Title\n\n2024. 10.2%.\n")
    with pytest.raises(InputError, match="<string> has no words"):
        summarize_text("Title\n\n2024. 10.2%.\n")


def test_lsa_warns_when_a_section_has_fewer_words_than_sentences() -> None:
    with pytest.warns(UserWarning, match="lower than number of sentences"):
        summarize_sections("Rain. Rain. Rain. Sun.", algorithm="lsa", lede=0)


# --- threads ----------------------------------------------------------------------------


@pytest.mark.slow
def test_concurrent_calls_match_sequential_ones(sample_path: Path) -> None:
    article = read_article(sample_path)
    jobs = [*ALGORITHMS, *ALGORITHMS]
    expected = {name: summarize_sections(article, algorithm=name) for name in ALGORITHMS}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: summarize_sections(article, algorithm=n), jobs))
    assert results == [expected[name] for name in jobs]


# --- the CLI ----------------------------------------------------------------------------


def test_cli_text_lists_ids_per_section(sample_path: Path) -> None:
    result = runner.invoke(app, ["summarize", str(sample_path), "-n", "1", "-a", "textrank"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "s2  Developing New Quality Productive Forces [1 of 26]" in lines
    library = summarize_sections(read_article(sample_path), sentences=1, algorithm="textrank")
    assert [line.split()[0] for line in lines if line.startswith("  s")] == [
        *(s.id for s in library.lede),
        *library.sentence_ids,
    ]


def test_cli_json_matches_the_library(sample_path: Path) -> None:
    result = runner.invoke(
        app, ["summarize", str(sample_path), "--format", "json", "--ratio", "0.2"]
    )
    data = json.loads(result.stdout)
    library = summarize_sections(read_article(sample_path), ratio=0.2)
    assert data == json.loads(json.dumps(dataclasses.asdict(library)))


def test_cli_markdown_and_whole(sample_path: Path) -> None:
    md = runner.invoke(app, ["summarize", str(sample_path), "--format", "md"]).stdout
    assert md.startswith("# Newspaper Leaders") and "\n## A City for the People\n" in md
    assert "\n**" in md
    whole = runner.invoke(app, ["summarize", str(sample_path), "--whole"]).stdout
    assert whole.splitlines()[0] == "whole article [3 of 75]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "bert"], "unknown algorithm 'bert'; choose one of: lexrank, textrank"),
        (["--lang", "xx"], "supported: ar, cs"),
        (["-n", "0"], "sentences must be a whole number >= 1"),
        (["--ratio", "2"], "ratio must be in (0, 1]"),
    ],
)
def test_cli_bad_options_one_line_and_exit_64(
    sample_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["summarize", str(sample_path), *args])
    assert result.exit_code == 64
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_cli_reports_sumy_warnings_as_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "rain.txt"
    path.write_text("Rain. Rain. Rain. Sun.\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "-a", "lsa"])
    assert result.exit_code == 0
    assert result.stderr.startswith("confl10n: warning: Number of words")


@pytest.mark.slow
def test_cli_subprocess_chinese_from_stdin(tmp_path: Path) -> None:
    text = (
        "人工智能正在改变媒体行业。上海的人工智能产业规模超过3800亿元。媒体积极探索人工智能的应用"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "confl10n", "summarize", "-", "--lang", "zh", "-n", "5"],
        input=text.encode(), env=env, capture_output=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    # only the reader's note on the unfinished last sentence: jieba's log stays quiet
    assert result.stderr.decode().splitlines() == [
        "confl10n: warning: <stdin>: the last paragraph (s1.p1) ends mid-sentence; kept as it is"
    ]
    lines = result.stdout.decode().splitlines()
    assert lines[-1] == "  s1.p1.t2  上海的人工智能产业规模超过3800亿元。"
    assert "s1.p1.t3" not in result.stdout.decode()
    assert list(tmp_path.iterdir()) == [tmp_path / "cache"]


def test_cli_section_without_sentences_is_listed_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("# T\n\n## Empty\n\n## Full\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path)])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == [
        "lede", "  s2.p1.t1  Some text.", "s1  Empty [0 of 0]", "s2  Full [0 of 1]"
    ]  # fmt: skip


def test_cli_parent_heading_with_only_sub_headings_is_summarized(tmp_path: Path) -> None:
    path = tmp_path / "budget.md"
    path.write_text("# T\n\n## Tax\n\n### Income tax\n\nSome text.\n", encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(s["id"], s["heading"], len(s["sentences"])) for s in data["sections"]] == [
        ("s1", "Tax", 0),
        ("s2", "Income tax", 0),  # its one sentence is the lede
    ]
    assert [s["id"] for s in data["lede"]] == ["s2.p1.t1"]


def test_summary_type_is_exported() -> None:
    assert isinstance(summarize_sections("One dog barks."), ArticleSummary)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("| District | Loss |\n|---|---|\n| Northgate | 14.2 million litres |\n\nLosses elsewhere were flat.\n",
         ["Losses elsewhere were flat."]),
        ("| District | Loss |\n|---|---|\n| Northgate | 14.2 million litres |\n", []),
        ("Rates rose. Fees fell.\n\n| Fee | Now |\n|---|---|\n| Parking | Two pounds |\n",
         ["Rates rose."]),
    ],
)  # fmt: skip
def test_table_cells_are_never_summary_sentences(table: str, expected: list[str]) -> None:
    summary = summarize_sections(f"# T\n\nIntro text here.\n\n## Table\n\n{table}", sentences=1)
    assert [s.text for s in summary.sections[1].sentences] == expected
    whole = summarize_text(f"# T\n\nIntro text here.\n\n## Table\n\n{table}", sentences=5)
    assert not any(
        s.text in ("District", "Loss", "Northgate", "Fee", "Now") for s in whole.sentences
    )
