"""The README's and the manual's Python examples run as doctests, from the repository root."""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.core import TyperCommand, TyperGroup

from confl10n.cli import app
from confl10n.extras import install_hint
from tests.conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_examples(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = doctest.testfile(str(page), module_relative=False, verbose=False)
    assert result.failed == 0


def test_readme_and_manual_have_examples() -> None:
    assert ">>> " in (REPO / "README.md").read_text(encoding="utf-8")
    assert sum(">>> " in page.read_text(encoding="utf-8") for page in PAGES[1:]) >= 3


def _readme_commands() -> list[str]:
    """The shell lines of the README's quick start (comments dropped)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_readme_quick_start_lines_as_written_in_order() -> None:
    run, develop = _readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index(run) < ci.index(develop)
    assert run.endswith("confl10n build") and develop.endswith(".venv/bin/pytest")


def test_quick_start_bootstraps_the_pinned_installer_before_the_lock() -> None:
    for line in _readme_commands():
        installs = [step.strip() for step in line.split("&&") if "pip install" in step]
        assert installs[0] == ".venv/bin/pip install -r requirements/installer.txt"
        assert installs[1].startswith(".venv/bin/pip install --no-build-isolation -r requirements/")
        assert installs[2] == ".venv/bin/pip install --no-deps --no-build-isolation -e ."


LOCK_INSTALL = re.compile(r"pip install [^`'\n&]*?-r requirements/(?!installer)[\w{}]+\.txt")


def test_every_lock_install_builds_with_the_pinned_setuptools() -> None:
    """Without ``--no-build-isolation`` pip builds the lock's source-only distributions
    (docopt, jieba) with the newest setuptools on the index (84.2.1 when the lock pinned
    81.0.0), so a release published tomorrow could break the "locked" install."""
    sources = [REPO / "README.md", REPO / ".ci" / "run", *sorted((REPO / "docs").glob("*.md"))]
    texts = [path.read_text(encoding="utf-8") for path in sources]
    installs = [
        found for text in [*texts, install_hint("serve")] for found in LOCK_INSTALL.findall(text)
    ]
    assert len(installs) >= 4
    assert all("--no-build-isolation" in install for install in installs), installs
    assert '"--no-build-isolation"' in (REPO / "scripts" / "check-lock").read_text(encoding="utf-8")


def test_every_lock_file_is_hashed_and_pinned() -> None:
    for lock in sorted((REPO / "requirements").glob("*.txt")):
        text = lock.read_text(encoding="utf-8")
        requirements = [line for line in text.splitlines() if line and line[0].isalnum()]
        assert requirements, lock
        assert all("==" in line for line in requirements), lock
        assert text.count("==") <= text.count("--hash=sha256:"), lock


def test_the_installer_pins_pip_and_setuptools() -> None:
    text = (REPO / "requirements" / "installer.txt").read_text(encoding="utf-8")
    assert {line.split("==")[0] for line in text.splitlines() if "==" in line} == {
        "pip",
        "setuptools",
    }


# --- every `confl10n …` command line names commands and options that exist --------------------

DATA_BLOCKS = {"python", "pycon", "toml", "json", "yaml", "xml", "html", "po"}
CLI_WORD = re.compile(r"(?:^|/)confl10n$")
OPTION = re.compile(r"--?[A-Za-z][\w-]*")
Command = TyperCommand | TyperGroup


def command_lines(markdown: str) -> list[list[str]]:
    """The words after ``confl10n`` of every command a page shows, in its shell code blocks
    and its inline code (``confl10n build --to es_ES``)."""
    fences = re.compile(r"^```(\w*)\n(.*?)^```", flags=re.MULTILINE | re.DOTALL)
    shell = [body for lang, body in fences.findall(markdown) if lang not in DATA_BLOCKS]
    inline = re.findall(r"`(confl10n\s[^`]+)`", fences.sub("", markdown))
    inline = [span.replace("\n", " ") for span in inline]
    return [words for text in (*shell, *inline) for words in _commands(text)]


def _commands(text: str) -> Iterator[list[str]]:
    for line in text.replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*", "", line)
        line = re.sub(r"\[[^\]]*\]", lambda m: m.group().replace(" | ", "|"), line)  # [a | b]
        for segment in re.split(r"\s(?:&&|\|\||\||;)\s", line):
            words = _words(segment)
            if words and CLI_WORD.search(words[0]):
                yield words[1:]
            elif words[:1] and words[0].endswith("python") and words[1:3] == ["-m", "confl10n"]:
                yield words[3:]


def _words(segment: str) -> list[str]:
    """A shell segment's words without ``$``, variable assignments and a unit's ``ExecStart=``."""
    words = [re.sub(r"^\w+=(?=/\S*/confl10n$)", "", w) for w in segment.split()]
    return [w for w in words if not re.fullmatch(r"\$|\w+=\S*", w)]


def _unknown_options(command: Command, parts: list[str]) -> tuple[list[str], list[str]]:
    """The options among ``parts`` and those ``command`` does not have."""
    options = [p.split("=")[0] for p in parts if OPTION.fullmatch(p.split("=")[0])]
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
    return options, [f"{command.name} has no option {o}" for o in options if o not in known]


def unknown_names(words: list[str], root: Command) -> list[str]:
    """The commands and options in ``words`` that ``root``'s click tree does not have
    (``a|b`` alternatives and ``[--opt X]`` brackets of a synopsis are read too)."""
    command, context, found = root, typer.Context(root), []
    for word in words:
        parts = [p for p in re.split(r"[\[\](){}|]", word) if p]
        options, unknown = _unknown_options(command, parts)
        found += unknown
        if options or not isinstance(command, TyperGroup):
            continue
        subcommands = [command.get_command(context, p) for p in parts]
        found += [
            f"{command.name} has no command {p}"
            for p, s in zip(parts, subcommands, strict=True)
            if s is None and re.fullmatch(r"[a-z][a-z-]*", p)
        ]
        if len(parts) != 1 or not isinstance(subcommands[0], Command):
            break
        command, context = subcommands[0], typer.Context(subcommands[0], parent=context)
    return found


def cli_tree() -> Command:
    """The real CLI's click tree (typer builds it; commands load when asked for)."""
    command = typer.main.get_command(app)
    assert isinstance(command, TyperGroup)
    return command


def test_every_command_line_in_the_docs_exists() -> None:
    lines = [(page.name, words) for page in PAGES for words in command_lines(page.read_text())]
    assert len(lines) >= 30 and {words[0] for _, words in lines if words} >= {"build", "serve"}
    found = [
        f"{page}: {problem}"
        for page, words in lines
        for problem in unknown_names(words, cli_tree())
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("```sh\nconfl10n build source/*.md --tos zh_CN\n```\n", "build has no option --tos"),
        ("Run `confl10n buid --to es`.\n", "confl10n has no command buid"),
        ("```\n.venv/bin/confl10n models lst\n```\n", "models has no command lst"),
        ("```sh\nconfl10n models download en zh --mirror x\n```\n", "download has no option --mirror"),
        ("```sh\ncd x && python -m confl10n --verbose build\n```\n", "confl10n has no option --verbose"),
        ("```\nconfl10n summarize FILE [-n N | -x R]\n```\n", "summarize has no option -x"),
        ("```sh\nconfl10n figures a.md \\\n    --locales de_DE\n```\n", "figures has no option --locales"),
        ("```\nconfl10n models list|install|purge ...\n```\n", "models has no command purge"),
        ("```ini\nExecStart=/opt/v/bin/confl10n serve --hosts x\n```\n", "serve has no option --hosts"),
        ("Here `confl10n models\nlst` lists.\n", "models has no command lst"),
    ],
)  # fmt: skip
def test_the_docs_check_catches_a_command_or_option_that_does_not_exist(
    text: str, problem: str
) -> None:
    assert [p for words in command_lines(text) for p in unknown_names(words, cli_tree())] == [
        problem
    ]


def test_other_programs_and_python_blocks_are_not_read_as_commands() -> None:
    text = (
        "```sh\npybabel update -D confl10n --no-wrap\n```\n"
        "```python\n>>> confl10n build --nope\n```\n"
        "`from confl10n import build`\n"
        "```ini\nDescription=confl10n translation service\nUser=confl10n\n```\n"
    )
    assert command_lines(text) == []


# --- every relative link of the README and the manual leads to a page -----------------------


def broken_links(page: Path) -> list[str]:
    """The relative links of ``page`` (outside code) whose file does not exist, resolved
    from the page's own folder as a Markdown viewer resolves them."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    text = re.sub(r"`[^`]*`", "", text)
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    return [
        f"{page.name}: {target}"
        for target in targets
        if not re.match(r"[a-z]+:|#", target) and not (page.parent / target.split("#")[0]).exists()
    ]


def test_every_relative_link_leads_to_a_file() -> None:
    """docs/index.md linked `docs/build.md` from inside docs/, which is docs/docs/build.md."""
    assert [link for page in PAGES for link in broken_links(page)] == []


def test_the_link_check_catches_a_link_to_no_file(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    (tmp_path / "build.md").write_text("# Build\n", encoding="utf-8")
    page.write_text(
        "[Build](build.md) [Gone](docs/build.md#x) [Web](https://x.example) `[c](code.md)`\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["index.md: docs/build.md#x"]
