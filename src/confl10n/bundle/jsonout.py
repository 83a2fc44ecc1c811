"""``bundle.json``: everything about one locale's bulletin, for machines.

The layout is fixed by the JSON Schema shipped as
``confl10n/data/bundle.schema.json``; ``format_version`` changes its major
number when a field is removed or changes meaning, its minor number when one
is added.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from confl10n._version import __version__
from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinFinding,
    BulletinSection,
    BulletinUnit,
    JSONValue,
    LocaleBulletin,
)
from confl10n.localize.labels import Labels

FORMAT_VERSION = "1.2"
SCHEMA_RESOURCE = "bundle.schema.json"


def render_json(bulletin: LocaleBulletin, *, slug: str, labels: Labels) -> str:
    """The bundle as pretty-printed UTF-8 JSON text."""
    data = bundle_dict(bulletin, slug=slug, labels=labels)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def bundle_dict(bulletin: LocaleBulletin, *, slug: str, labels: Labels) -> dict[str, JSONValue]:
    """The bundle as plain JSON values, in the order the schema lists them."""
    return {
        **_about(bulletin, slug, labels),
        "title": bulletin.title.id,
        "published": _published(bulletin),
        "lede": _ids(bulletin.lede),
        "sections": [_section(section) for section in bulletin.sections],
        "units": [_unit(unit) for unit in bulletin.units],
        "figures": [_figure(figure) for figure in bulletin.figures],
        "findings": [_finding(finding) for finding in bulletin.findings],
        "provenance": bulletin.provenance,
    }


def _about(bulletin: LocaleBulletin, slug: str, labels: Labels) -> dict[str, JSONValue]:
    return {
        "format_version": FORMAT_VERSION,
        "generator": {"name": "confl10n", "version": __version__},
        "slug": slug,
        "source_lang": bulletin.source_lang,
        "locale": bulletin.locale,
        "lang": bulletin.bcp47,
        "direction": bulletin.direction,
        "labels_catalog": labels.catalog,
    }


def _published(bulletin: LocaleBulletin) -> dict[str, JSONValue]:
    iso = bulletin.published_on.isoformat() if bulletin.published_on else None
    return {"date": iso, "display": bulletin.published}


def bundle_schema() -> dict[str, Any]:
    """The JSON Schema that every ``bundle.json`` validates against."""
    text = (resources.files("confl10n") / "data" / SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _ids(units: tuple[BulletinUnit, ...]) -> list[JSONValue]:
    return [unit.id for unit in units]


def _section(section: BulletinSection) -> dict[str, JSONValue]:
    return {
        "id": section.id,
        "heading": section.heading.id if section.heading is not None else None,
        "summary": _ids(section.summary),
        "paragraphs": [_ids(paragraph) for paragraph in section.paragraphs],
    }


def _unit(unit: BulletinUnit) -> dict[str, JSONValue]:
    return {
        "id": unit.id,
        "source": unit.source,
        "target": unit.target,
        "state": unit.state,
        "flags": list(unit.flags),
    }


def _figure(figure: BulletinFigure) -> dict[str, JSONValue]:
    return {
        "sentence_id": figure.sentence_id,
        "kind": figure.kind,
        "label": figure.label,
        "source_label": figure.source_label,
        "label_source": figure.label_source,
        "label_id": figure.label_id,
        "label_state": figure.label_state,
        "value": figure.value,
        "upper": figure.upper,
        "unit": figure.unit,
        "source": figure.source,
        "rendered": figure.rendered,
    }


def _finding(finding: BulletinFinding) -> dict[str, JSONValue]:
    return {
        "sentence_id": finding.sentence_id,
        "kind": finding.kind,
        "source": finding.source,
        "target": finding.target,
        "message": finding.message,
    }
