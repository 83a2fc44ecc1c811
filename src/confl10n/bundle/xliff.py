"""``article.xlf`` (XLIFF 1.2) for post-editing in CAT tools, and reading it back.

One ``<trans-unit>`` per unit, its document ID as both ``id`` and ``resname``.
Machine translations are ``state="needs-review-translation"``; approved ones
``state="translated"`` with ``approved="yes"``; a unit without a translation
has no ``<target>``. QA findings and flags become ``<note>``\\ s. Each key
figure's label follows as a unit of its own, marked
``restype="x-key-figure-label"``, with its stable ID (``s2.p3.t1.f1``) and a
note naming the figure.

:func:`iter_xliff_approved` yields the targets a reviewer marked done
(``translated``, ``signed-off``, ``final`` or ``approved="yes"``), reading the
file as a stream: memory holds one unit at a time, whatever the file's size (up to
``max_bytes``). Language codes are checked as the command line checks locales.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from confl10n._fs import unreadable
from confl10n._version import __version__
from confl10n.bundle.bulletin import (
    BulletinFigure,
    BulletinFinding,
    BulletinUnit,
    LocaleBulletin,
    printable,
)
from confl10n.errors import InputError, InvalidOptionError
from confl10n.text.reader import size_text

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DONE_STATES = frozenset({"translated", "signed-off", "final"})
MAX_XLIFF_BYTES = 64 * 2**20
"""The largest XLIFF file read by default (an ``article.xlf`` of a 5 MiB article, the
input limit, with its targets and notes, is well under it)."""
LABEL_RESTYPE = "x-key-figure-label"
"""The ``restype`` that marks a key figure's label among the units."""


class ApprovedUnit(NamedTuple):
    """An approved translation read from an XLIFF file."""

    id: str
    source: str
    target: str
    source_lang: str
    target_lang: str


def render_xliff(bulletin: LocaleBulletin, *, slug: str) -> bytes:
    """The bulletin's units as an XLIFF 1.2 document (UTF-8 bytes)."""
    root = ET.Element("xliff", {"version": "1.2", "xmlns": NS})
    body = _file(root, bulletin, slug)
    findings: dict[str, list[BulletinFinding]] = {}
    for finding in bulletin.findings:
        findings.setdefault(finding.sentence_id, []).append(finding)
    for unit in bulletin.units:
        body.append(_trans_unit(bulletin, unit, findings.get(unit.id, [])))
    for label_unit, figure in label_units(bulletin):
        element = _trans_unit(bulletin, label_unit, [])
        element.set("restype", LABEL_RESTYPE)
        _text_child(element, "note", f"key figure label: {figure.source}", _LABEL_NOTE)
        body.append(element)
    ET.indent(root)
    # xmlns as a plain attribute: ElementTree's default_namespace rejects
    # unqualified attributes, and register_namespace would change global state.
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def read_xliff_approved(path: Path, *, max_bytes: int = MAX_XLIFF_BYTES) -> list[ApprovedUnit]:
    """Approved targets in an XLIFF 1.2 file, in document order (see
    :func:`iter_xliff_approved`, which raises the same errors)."""
    return list(iter_xliff_approved(path, max_bytes=max_bytes))


def iter_xliff_approved(path: Path, *, max_bytes: int = MAX_XLIFF_BYTES) -> Iterator[ApprovedUnit]:
    """Each approved target in an XLIFF 1.x file, in document order, read as a stream.

    Raises :class:`~confl10n.errors.InputError` (possibly after yielding some units, so
    store them in one transaction) for a file that cannot be read, is larger than
    ``max_bytes``, is not well-formed XLIFF 1.x, holds a DTD, names a language that is
    no known locale, or has an approved unit without a target language.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(unreadable(path, exc)) from exc
    with stream:
        yield from _approved_units(_events(_Bounded(stream, max_bytes, path), path), path)


class _Bounded:
    """A binary stream that raises InputError once more than ``limit`` bytes are read."""

    def __init__(self, stream: BinaryIO, limit: int, path: Path) -> None:
        self.stream, self.limit, self.path, self.count = stream, limit, path, 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes, counted against the limit."""
        data = self.stream.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise InputError(
                f"{self.path}: larger than the XLIFF size limit of {size_text(self.limit)};"
                " raise it with --max-input-size"
            )
        return data


def _events(stream: _Bounded, path: Path) -> Iterator[tuple[str, ET.Element]]:
    """Start and end events of the XML, parsed with defusedxml: a DTD (so any entity) is
    refused by the parser itself, in whatever encoding the file declares."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        yield from iterparse(stream, events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise InputError(f"{path}: XLIFF with a DTD or entities is not accepted") from exc
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from exc


def _approved_units(events: Iterator[tuple[str, ET.Element]], path: Path) -> Iterator[ApprovedUnit]:
    """The approved units of the event stream; each unit is dropped from the tree once read."""
    open_elements: list[ET.Element] = []
    languages = ("", "")
    for event, element in events:
        if event == "start":
            languages = _opened(element, open_elements, languages, path)
            continue
        open_elements.pop()
        if _local(element.tag) == "trans-unit":
            unit = _approved(element, *languages)
            if unit is not None:
                yield _with_target_language(unit, path)
            if open_elements:
                open_elements[-1].remove(element)


def _opened(
    element: ET.Element, open_elements: list[ET.Element], languages: tuple[str, str], path: Path
) -> tuple[str, str]:
    """Note an element's start (checking the root); the languages in force after it."""
    if not open_elements:
        _check_root(element, path)
    open_elements.append(element)
    return _file_languages(element, path) if _local(element.tag) == "file" else languages


def _check_root(root: ET.Element, path: Path) -> None:
    if _local(root.tag) != "xliff" or not root.get("version", "").startswith("1."):
        raise InputError(f"{path}: not an XLIFF 1.x file (found {_local(root.tag)!r})")


def _file_languages(file_el: ET.Element, path: Path) -> tuple[str, str]:
    """A ``<file>``'s source and target languages, each a known locale (target optional)."""
    source = file_el.get("source-language", "")
    target = file_el.get("target-language", "")
    _check_language(source, "source-language", path)
    if target:
        _check_language(target, "target-language", path)
    return source, target


def _with_target_language(unit: ApprovedUnit, path: Path) -> ApprovedUnit:
    if not unit.target_lang:
        raise InputError(f"{path}: approved units without a target language")
    _check_language(unit.target_lang, f"unit {unit.id!r} target language", path)
    return unit


def _check_language(code: str, what: str, path: Path) -> None:
    """InputError unless ``code`` is a locale the command line would accept."""
    from confl10n.localize.formatting import check_locale

    if not code:
        raise InputError(f"{path}: no {what}")
    try:
        check_locale(code)
    except InvalidOptionError as exc:
        raise InputError(f"{path}: {what}: {exc}") from exc


def label_units(bulletin: LocaleBulletin) -> list[tuple[BulletinUnit, BulletinFigure]]:
    """One unit per distinct label of the bulletin's key figures, with the first figure."""
    units: dict[str, tuple[BulletinUnit, BulletinFigure]] = {}
    for figure in bulletin.figures:
        if figure.label_id and figure.source_label and figure.source_label not in units:
            target = figure.label if figure.label_state != "missing" else ""
            unit = BulletinUnit(figure.label_id, figure.source_label, target, figure.label_state)
            units[figure.source_label] = (unit, figure)
    return list(units.values())


def _file(root: ET.Element, bulletin: LocaleBulletin, slug: str) -> ET.Element:
    """Add the ``<file>`` with its header; return its ``<body>``."""
    languages = {"source-language": bulletin.source_lang, "target-language": bulletin.bcp47}
    file_el = ET.SubElement(root, "file", {"original": slug, **languages, "datatype": "plaintext"})
    tool = {"tool-id": "confl10n", "tool-name": "confl10n", "tool-version": __version__}
    ET.SubElement(ET.SubElement(file_el, "header"), "tool", tool)
    return ET.SubElement(file_el, "body")


def _trans_unit(
    bulletin: LocaleBulletin, unit: BulletinUnit, findings: list[BulletinFinding]
) -> ET.Element:
    attributes = {"id": unit.id, "resname": unit.id}
    if unit.state == "approved":
        attributes["approved"] = "yes"
    element = ET.Element("trans-unit", attributes)
    _text_child(element, "source", unit.source, {XML_LANG: bulletin.source_lang})
    if unit.target and unit.state != "missing":
        state = {"state": "translated"} if unit.state == "approved" else _MT_STATE
        _text_child(element, "target", unit.target, {XML_LANG: bulletin.bcp47, **state})
    for finding in findings:
        _text_child(element, "note", _finding_note(finding), _QA_NOTE)
    if unit.flags:
        _text_child(element, "note", "flags: " + ", ".join(unit.flags), _FLAG_NOTE)
    return element


_MT_STATE = {"state": "needs-review-translation", "state-qualifier": "mt-suggestion"}
_QA_NOTE = {"from": "confl10n-qa", "annotates": "target", "priority": "2"}
_FLAG_NOTE = {"from": "confl10n", "annotates": "general", "priority": "5"}
_LABEL_NOTE = {"from": "confl10n", "annotates": "general", "priority": "3"}


def _finding_note(finding: BulletinFinding) -> str:
    detail = f"source {finding.source!r}, target {finding.target!r}"
    return f"[{finding.kind}] {finding.message} ({detail})"


def _text_child(parent: ET.Element, tag: str, text: str, attributes: dict[str, str]) -> None:
    """Add ``<tag>text</tag>``; ElementTree escapes it, but would keep control characters."""
    ET.SubElement(parent, tag, attributes).text = printable(text)


def _approved(unit_el: ET.Element, source_lang: str, target_lang: str) -> ApprovedUnit | None:
    """The unit if a reviewer marked its target done, else None."""
    source, target = _child(unit_el, "source"), _child(unit_el, "target")
    if source is None or target is None:
        return None
    done = target.get("state") in DONE_STATES or unit_el.get("approved") == "yes"
    text = "".join(target.itertext())
    if not done or not text.strip():
        return None
    unit_id = unit_el.get("resname") or unit_el.get("id") or ""
    target_lang = target.get(XML_LANG) or target_lang
    return ApprovedUnit(unit_id, "".join(source.itertext()), text, source_lang, target_lang)


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
