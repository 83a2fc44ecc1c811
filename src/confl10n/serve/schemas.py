"""Request bodies of the ``/v1/`` endpoints (pydantic models; FastAPI documents them)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class ArticleRequest(BaseModel):
    """What every ``/v1/`` body holds: the article, its language and reading, the API key."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article: plain text or Markdown (front matter allowed).")
    source: str | None = Field(
        None, description="Its language (default: the front matter's, else en)."
    )
    markdown: bool | None = Field(None, description="Read as Markdown (default: detected).")
    keep_boilerplate: bool = Field(
        False, description="Keep trailing site furniture (share buttons, link lists)."
    )
    api_key: str | None = Field(None, description="An API key, when the server wants one.")


class TranslateBody(ArticleRequest):
    """``POST /v1/translate``: the article's units with IDs, QA findings and provenance."""

    target: str = Field(description="Target language, e.g. zh, es.")
    locale: str | None = Field(None, description="Locale of the figures (default: usual one).")
    protect_numbers: bool = Field(True, description="Keep figures from the engine.")


class SummarizeBody(ArticleRequest):
    """``POST /v1/summarize``: the section summaries and the lede."""

    algorithm: str = Field("lexrank", description="lexrank, textrank, lsa, luhn, …")
    sentences: int | None = Field(None, ge=1, description="Sentences per section.")
    ratio: float | None = Field(None, gt=0, le=1, description="Share of each section.")
    lede: int | None = Field(None, ge=0, description="Sentences in the lede.")


class FiguresBody(ArticleRequest):
    """``POST /v1/figures``: every figure and how each locale writes it."""

    locales: list[str] = Field(min_length=1, description="Locales, e.g. zh_CN, es_ES.")
    reference_date: date | None = Field(None, description="For dates written without a year.")


class BulletinBody(ArticleRequest):
    """``POST /v1/bulletin``: each locale's ``bundle.json``, as ``confl10n build`` writes it."""

    locales: list[str] = Field(description="Target locales, e.g. zh_CN, es_ES.")
    slug: str | None = Field(None, description="The article's slug (default: from its title).")
