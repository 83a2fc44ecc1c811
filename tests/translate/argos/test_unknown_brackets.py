"""Issue 29: figures restored in the first output when the model does not know ⟦ and ⟧.

The real Argos models have no token for the placeholder brackets, so they come out
as ``<unk>``. A kit package trained *without* them (unlike the session kit) shows
what happens: each ``<unk>`` is put back from an unknown source token by attention,
the placeholders survive, and no sentence is translated a second time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from confl10n.figures.protect import placeholder_problems, protect
from confl10n.quantities.find import find_quantities
from confl10n.text.reader import parse_text
from confl10n.translate.argos.engine import ArgosEngine
from confl10n.translate.article import translate_article
from tests import argos_kit

TEXT = (
    "Rent for a bed typically runs from 500 to 1,000 yuan a month.\n\n"
    "The industry expanded to over 380 billion yuan, from 134 billion yuan.\n\n"
    "It finds that 10.2% of media organizations have formal mechanisms, while another 41% "
    "are experimenting.\n"
)


@pytest.fixture(scope="module")
def bracketless(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A packages folder whose en->zh tokenizer has no piece for ⟦ or ⟧ (as the real ones)."""
    lines = argos_kit.corpus_lines([seed_path])
    tokenizer = argos_kit.train_sentencepiece(lines, tmp_path_factory.mktemp("tok"))
    root = tmp_path_factory.mktemp("packages")
    argos_kit.write_package(root, tokenizer)
    return root


def test_placeholders_come_out_whole(bracketless: Path) -> None:
    engine = ArgosEngine(models_dir=bracketless, threads=1)
    texts = [t for t in TEXT.split("\n") if t]
    masked = [protect(t, find_quantities(t)) for t in texts]
    outputs = engine.translate_batch([m for m, _ in masked], "en", "zh")
    assert [placeholder_problems(o, s) for o, (_, s) in zip(outputs, masked, strict=True)] == [
        [],
        [],
        [],
    ]


def test_figures_are_right_without_a_second_pass(bracketless: Path) -> None:
    engine = ArgosEngine(models_dir=bracketless, threads=1)
    article = parse_text(TEXT)
    result = translate_article(article, to="zh", engine=engine, cache=False)
    assert result.provenance.second_pass == 0
    assert not result.flagged
    targets = [u.target for u in result.units]
    assert "500至1000元" in targets[0]
    assert "3800亿元" in targets[1] and "1340亿元" in targets[1]
    assert "10.2%" in targets[2] and "41%" in targets[2]
    assert result.findings == ()
