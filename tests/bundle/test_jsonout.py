"""bundle.json: validated against the JSON Schema shipped in the package."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import jsonschema
import pytest

from confl10n.bundle.jsonout import FORMAT_VERSION, bundle_schema, render_json
from confl10n.localize.labels import load_labels
from tests.bulletin_samples import PROVENANCE, make_bulletin


def _bundle(locale: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        render_json(make_bulletin(locale), slug="sample", labels=load_labels(locale))
    )
    return document


def _validator() -> jsonschema.Draft202012Validator:
    schema = bundle_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("locale", ["zh_CN", "ar_EG", "en", "ko_KR"])
def test_bundle_validates_against_the_schema(locale: str) -> None:
    _validator().validate(_bundle(locale))


def test_bundle_content() -> None:
    document = _bundle("zh_CN")
    assert document["format_version"] == FORMAT_VERSION
    assert (document["locale"], document["lang"], document["direction"]) == (
        "zh_CN",
        "zh-CN",
        "ltr",
    )
    assert document["published"] == {"date": "2024-12-19", "display": "2024年12月19日"}
    assert [u["id"] for u in document["units"]][:3] == ["title", "s1.p1.t1", "s1.p1.t2"]
    assert document["units"][5] == {
        "id": "s2.p1.t1",
        "source": "Shanghai's AI industry exceeds 380 billion yuan.",
        "target": "上海人工智能产业规模超过3800亿元。",
        "state": "mt",
        "flags": [],
    }
    assert document["sections"][0] == {
        "id": "s1",
        "heading": None,
        "summary": ["s1.p1.t1", "s1.p2.t1"],
        "paragraphs": [["s1.p1.t1", "s1.p1.t2"], ["s1.p2.t1"]],
    }
    assert document["figures"][0] == {
        "sentence_id": "s2.p1.t1",
        "kind": "quantity",
        "label": "",
        "source_label": "",
        "label_source": "clause",
        "label_id": "s2.p1.t1.f1",
        "label_state": "source",
        "value": None,
        "upper": None,
        "unit": None,
        "source": "380 billion yuan",
        "rendered": "3800亿元",
    }
    assert document["findings"][0]["kind"] == "number-changed"
    assert document["provenance"] == PROVENANCE
    assert document["labels_catalog"] == "zh_CN"


def test_text_is_kept_exactly_and_written_as_utf8() -> None:
    text = render_json(make_bulletin("zh_CN"), slug="sample", labels=load_labels("zh_CN"))
    assert "\\u" not in text.replace("\\u000b", "")  # real characters, not escapes
    units = {u["id"]: u for u in json.loads(text)["units"]}
    assert units["s3.p1.t2"]["source"].endswith("\x0b")  # data is not cleaned, only escaped


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("units", 0, "state"), "bogus"),
        (("units", 0, "id"), "s1.x"),
        (("direction",), "up"),
        (("format_version",), "2.0"),
    ],
)
def test_schema_rejects_broken_bundles(path: tuple[str | int, ...], bad: object) -> None:
    document = _bundle("zh_CN")
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    assert not _validator().is_valid(document)


def test_schema_rejects_unknown_top_level_fields() -> None:
    assert not _validator().is_valid({**_bundle("en"), "extra": 1})


def test_missing_provenance_is_an_empty_object() -> None:
    bulletin = dataclasses.replace(make_bulletin("en"), published=None, published_on=None)
    document = json.loads(render_json(bulletin, slug="sample", labels=load_labels("en")))
    assert document["provenance"] == {} and document["published"] == {"date": None, "display": None}
    _validator().validate(document)
