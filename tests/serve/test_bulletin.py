"""``/v1/bulletin``'s bulletins (:mod:`confl10n.serve.bulletin`): a build's steps with the real
kit en->zh Argos model, without the translated HTML pages that only a build writes."""

from __future__ import annotations

from pathlib import Path

from confl10n.building.article import ArticleRun, engine_translation, prepare
from confl10n.serve.bulletin import bulletins
from confl10n.summarize.options import SummaryOptions
from confl10n.text.reader import read_article
from confl10n.translate.argos.settings import ArgosSettings
from confl10n.translate.engines import Engines
from confl10n.translate.options import TranslateOptions


def test_an_html_articles_bulletins_come_without_the_pages_a_build_writes(
    news_page_path: Path, argos_packages_dir: Path
) -> None:
    options = TranslateOptions(settings=(ArgosSettings(models_dir=argos_packages_dir, threads=1),))
    translate = engine_translation(options, Engines(options.settings), False)
    article = read_article(news_page_path)
    slug, served = bulletins(translate, article, ["zh-CN"], slug=None)
    assert list(served.bulletins) == ["en", "zh_CN"] and served.pages == {}
    prepared = prepare(article, slug=slug, summary=SummaryOptions().checked())
    built = ArticleRun(prepared, translate).bulletins(["zh_CN"])
    assert list(built.pages) == ["en", "zh_CN"]  # what a build writes as article.html
    for locale, bulletin in built.bulletins.items():
        assert served.bulletins[locale].units == bulletin.units
