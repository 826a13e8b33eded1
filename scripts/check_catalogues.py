"""Fail when a message catalogue of Kaveret is incomplete.

Reads every ``.po`` file under ``src/kaveret/locale/<lang>/LC_MESSAGES/`` for the
languages the site offers (he, en, ar) and lists each message that is untranslated
(an empty ``msgstr``, or an empty or missing plural form) or still marked fuzzy.
When ``msgfmt`` is installed it also runs ``msgfmt --check`` on each file, which
catches broken placeholders and headers. Exits 0 when all is complete, 1 otherwise.

Usage: ``python scripts/check_catalogues.py [--locale-dir DIR] [--lang he --lang ar ...]``

New strings from the code reach the catalogues with ``make messages`` style
extraction (``manage.py makemessages``); this script then shows what still needs
translating.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCALE_DIR = ROOT / "src" / "kaveret" / "locale"
DEFAULT_LANGUAGES = ("he", "en", "ar")
# Catalogues that must exist for every language; djangojs.po is checked when present.
REQUIRED_DOMAINS = ("django",)

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass
class Entry:
    """One message of a catalogue, as far as completeness is concerned."""

    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    plural_msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        text = self.msgid if self.msgctxt is None else f"{self.msgctxt}|{self.msgid}"
        return text if len(text) <= 90 else text[:87] + "..."


def _unquote(literal: str, path: Path, line: int) -> str:
    """Turn a PO string literal (C-style escapes) into text."""
    try:
        value = ast.literal_eval(literal)
    except (SyntaxError, ValueError) as error:
        raise ValueError(f"{path}:{line}: cannot read the string {literal!r}") from error
    if not isinstance(value, str):
        raise ValueError(f"{path}:{line}: not a string: {literal!r}")
    return value


def parse_po(path: Path) -> list[Entry]:
    """Parse the entries of a PO file; obsolete (``#~``) entries are skipped."""
    entries: list[Entry] = []
    current: Entry | None = None
    pending_flags: set[str] = set()
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current = None
        target = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if current is not None:
                # Comments come before an entry's strings, so this starts the next one.
                finish()
            if line.startswith("#,"):
                pending_flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}:{number}: a string with no keyword before it")
            _append(current, target, _unquote(line, path, number))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise ValueError(f"{path}:{number}: cannot read this line: {line!r}")
        keyword, index, literal = match.group(1), match.group(2), match.group(3)
        starts_entry = keyword in ("msgctxt", "msgid")
        if starts_entry and target is not None and target[0] == "msgstr":
            finish()
        if current is None:
            current = Entry(line=number, flags=pending_flags)
            pending_flags = set()
        name = "msgstr" if keyword.startswith("msgstr") else keyword
        target = (name, int(index) if index is not None else None)
        if name == "msgid_plural":
            current.msgid_plural = ""
        elif name == "msgctxt":
            current.msgctxt = ""
        _append(current, target, _unquote(literal, path, number))
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int | None], text: str) -> None:
    name, index = target
    if name == "msgid":
        entry.msgid += text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif name == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif index is None:
        entry.msgstr += text
    else:
        entry.plural_msgstrs[index] = entry.plural_msgstrs.get(index, "") + text


def nplurals_of(header: Entry | None) -> int | None:
    if header is None:
        return None
    found = _NPLURALS.search(header.msgstr)
    return int(found.group(1)) if found else None


def problems_in(path: Path) -> list[str]:
    """Everything incomplete in one catalogue, one line per message."""
    entries = parse_po(path)
    header = next((entry for entry in entries if entry.is_header), None)
    problems: list[str] = []
    if header is None:
        problems.append(f"{path}: no header entry")
    elif "fuzzy" in header.flags:
        problems.append(f"{path}:{header.line}: the header is marked fuzzy")
    nplurals = nplurals_of(header)
    if nplurals is None:
        problems.append(f"{path}: the header has no Plural-Forms with nplurals")
    for entry in entries:
        if entry.is_header:
            continue
        where = f"{path}:{entry.line}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy: {entry.label!r}")
        if entry.msgid_plural is None:
            if not entry.msgstr:
                problems.append(f"{where}: untranslated: {entry.label!r}")
            continue
        expected = range(nplurals if nplurals is not None else 2)
        missing = [i for i in expected if not entry.plural_msgstrs.get(i)]
        if missing:
            forms = ", ".join(f"msgstr[{i}]" for i in missing)
            problems.append(f"{where}: untranslated plural form(s) {forms}: {entry.label!r}")
    return problems


def msgfmt_problems(path: Path) -> list[str]:
    """What ``msgfmt --check`` says about the file (nothing if msgfmt is absent)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    result = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    return [f"msgfmt: {line}" for line in result.stderr.splitlines() if line.strip()]


def catalogues(locale_dir: Path, languages: list[str]) -> tuple[list[Path], list[str]]:
    """The .po files to check and a problem for each required one that is missing."""
    found: list[Path] = []
    missing: list[str] = []
    for language in languages:
        messages_dir = locale_dir / language / "LC_MESSAGES"
        for domain in REQUIRED_DOMAINS:
            if not (messages_dir / f"{domain}.po").is_file():
                missing.append(f"{messages_dir / (domain + '.po')}: missing catalogue")
        found.extend(sorted(messages_dir.glob("*.po")))
    return found, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--locale-dir", type=Path, default=DEFAULT_LOCALE_DIR)
    parser.add_argument(
        "--lang",
        action="append",
        dest="languages",
        help="a language to check (repeatable); default: he, en and ar",
    )
    parser.add_argument(
        "--no-msgfmt", action="store_true", help="do not run msgfmt --check on the files"
    )
    args = parser.parse_args(argv)
    languages: list[str] = args.languages or list(DEFAULT_LANGUAGES)

    paths, problems = catalogues(args.locale_dir, languages)
    checked = 0
    for path in paths:
        try:
            problems.extend(problems_in(path))
        except ValueError as error:
            problems.append(str(error))
        if not args.no_msgfmt:
            problems.extend(msgfmt_problems(path))
        checked += 1

    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {checked} catalogue(s).", file=sys.stderr)
        return 1
    print(f"All {checked} catalogue(s) complete ({', '.join(languages)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
