"""The translation pipeline: tr() strings → .ts (pyside6-lupdate) → .qm (pyside6-lrelease).

    python packaging/translations.py update            # refresh every resources/translations/*.ts
    python packaging/translations.py update --add fr   # start a new language
    python packaging/translations.py check             # exit 1 if a .ts is stale or unfinished
    python packaging/translations.py release OUT_DIR   # compile every .ts to OUT_DIR/*.qm

``update`` runs ``pyside6-lupdate`` over the package (the sandbox server
excluded: it has no UI) and merges what it found into the .ts files, keeping
every translation whose context and source text are unchanged. Two things
lupdate cannot know are settled here, so the catalogs match what the code
asks for at run time:

- A module-level ``tr()`` helper (``models/timefmt.py``)
  translates in a fixed context, e.g. ``QCoreApplication.translate("Time", ...)``;
  lupdate files such calls under the empty context, so they are moved to the
  context the module's helper names.
- ``self.tr(SOME_CONSTANT)`` (the seed's sentences are module constants) is
  invisible to lupdate; the constant's text is added in the calling class's
  context. A ``tr()`` of anything else that isn't a literal is reported, as it
  could never be translated.
- Every source text with ``%n`` is a count, translated with plural forms.

Locations are written without line numbers, so editing code elsewhere in a
file doesn't churn the catalogs. ``release`` is run by ``build_resources.py``,
which compiles the catalogs into the committed resource module; a packaged
build gets them from there.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rakerone_desktop"
TS_DIR = ROOT / "resources" / "translations"
PREFIX = "rakerone_"
#: Packages without a UI, and generated code.
EXCLUDED = ("sandbox", "ui/_resources_rc.py")
#: Number of plural forms per language (Qt's rules for the language decide which is which).
PLURAL_FORMS = {"de": 2, "fr": 2, "es": 2, "it": 2, "nl": 2, "pt": 2, "sv": 2, "pl": 3}

_TRANSLATE_RE = re.compile(r"QCoreApplication\.translate\(\s*(?:\"([^\"]+)\"|([A-Za-z_]\w*))")


class TranslationError(Exception):
    """The code asks for a translation in a way the catalogs can't follow."""


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    extracomment: str = ""
    files: list[str] = field(default_factory=list)
    numerus: bool = False
    translation: str = ""
    forms: list[str] = field(default_factory=list)
    finished: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


# -- the tools -------------------------------------------------------------------------


def _tool(name: str) -> list[str]:
    """``pyside6-<name>`` from the running interpreter's environment, or from PATH."""
    exe = f"pyside6-{name}" + (".exe" if os.name == "nt" else "")
    beside = Path(sys.executable).parent / exe
    found = str(beside) if beside.exists() else shutil.which(exe)
    if found is None:
        raise SystemExit(f"{exe} not found: install PySide6-Essentials")
    return [found]


def source_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not any(rel == ex or rel.startswith(ex + "/") for ex in EXCLUDED):
            files.append(path)
    return files


def ts_files() -> dict[str, Path]:
    return {p.stem.removeprefix(PREFIX): p for p in sorted(TS_DIR.glob(f"{PREFIX}*.ts"))}


# -- extraction --------------------------------------------------------------------------


def _module_context(path: Path) -> str:
    """The fixed context of a module's own ``tr()`` helper."""
    text = path.read_text(encoding="utf-8")
    contexts = set()
    for literal, name in _TRANSLATE_RE.findall(text):
        if literal:
            contexts.add(literal)
        else:
            m = re.search(rf"^{re.escape(name)}\s*=\s*\"([^\"]+)\"", text, re.MULTILINE)
            if m is None:
                raise TranslationError(f"{path}: can't tell the context named {name}")
            contexts.add(m.group(1))
    if len(contexts) != 1:
        raise TranslationError(
            f'{path}: tr() outside a class needs one QCoreApplication.translate("Context", ...)'
            f" helper in the module (found {sorted(contexts) or 'none'})"
        )
    return contexts.pop()


class _TrOfConstants(ast.NodeVisitor):
    """``X.tr(NAME)`` where NAME is a module-level string: the messages lupdate misses."""

    def __init__(self, rel: str, constants: dict[str, str | list[str]]) -> None:
        self.rel = rel
        self.constants = constants
        self.class_constants: dict[str, str | list[str]] = {}
        self.classes: list[str] = []
        self.found: list[Message] = []
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        outer = self.class_constants
        self.class_constants = _string_constants(node.body)
        self.generic_visit(node)
        self.class_constants = outer
        self.classes.pop()

    def _texts(self, node: ast.expr) -> list[str] | None:
        """The texts an argument of tr() can be, or None if they can't be known."""
        if isinstance(node, ast.IfExp):
            a, b = self._texts(node.body), self._texts(node.orelse)
            return None if a is None or b is None else a + b
        if isinstance(node, ast.Name):
            value = self.constants.get(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            value = self.class_constants.get(node.attr)
        elif isinstance(node, ast.Subscript):
            # A lookup in a constant table: every text in the table.
            value = self._texts(node.value)
        else:
            value = None
        if value is None:
            return None
        return [value] if isinstance(value, str) else list(value)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "tr" and node.args:
            owner = func.value
            context = None
            if isinstance(owner, ast.Name) and owner.id == "self" and self.classes:
                context = self.classes[-1]
            elif isinstance(owner, ast.Name) and owner.id[:1].isupper():
                context = owner.id
            arg = node.args[0]
            if context is not None and not (
                isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ):
                texts = self._texts(arg)
                if texts is None:
                    self.problems.append(
                        f"{self.rel}:{node.lineno}: tr() of a value that isn't a literal"
                        " or a constant can't be translated"
                    )
                self.found += [Message(context, t, files=[self.rel]) for t in texts or []]
        self.generic_visit(node)


def _string_constants(body: list[ast.stmt]) -> dict[str, str | list[str]]:
    """Names bound to a string, or to a dict/tuple/list of strings, in these statements."""
    out: dict[str, str | list[str]] = {}
    for node in body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        text: str | list[str] | None = None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            text = value.value
        elif isinstance(value, (ast.Dict, ast.Tuple, ast.List)):
            items = value.values if isinstance(value, ast.Dict) else value.elts
            if items and all(
                isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items
            ):
                text = [i.value for i in items]  # type: ignore[union-attr]
        if text is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]  # type: ignore[union-attr]
            out.update({t.id: text for t in targets if isinstance(t, ast.Name)})
    return out


def constant_messages() -> tuple[list[Message], list[str]]:
    messages: list[Message] = []
    problems: list[str] = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        visitor = _TrOfConstants(path.relative_to(ROOT).as_posix(), _string_constants(tree.body))
        visitor.visit(tree)
        messages += visitor.found
        problems += visitor.problems
    return messages, problems


def extract() -> list[Message]:
    """Every translatable message in the package, as the code looks it up."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "extracted.ts"
        files = [str(p) for p in source_files()]
        subprocess.run(
            [*_tool("lupdate"), "-silent", "-locations", "absolute", *files, "-ts", str(ts)],
            check=True,
        )
        raw = parse_ts(ts, base=Path(tmp))
    extra, problems = constant_messages()
    if problems:
        raise TranslationError("\n".join(problems))
    raw += extra
    merged: dict[tuple[str, str, str], Message] = {}
    for msg in raw:
        if msg.context == "":
            contexts = {_module_context(ROOT / f) for f in msg.files}
            if len(contexts) != 1:
                raise TranslationError(f"{msg.source!r} is used in modules with different contexts")
            msg.context = contexts.pop()
        msg.numerus = "%n" in msg.source
        msg.translation, msg.forms, msg.finished = "", [], False
        if msg.key in merged:
            merged[msg.key].files += [f for f in msg.files if f not in merged[msg.key].files]
        else:
            merged[msg.key] = msg
    return list(merged.values())


# -- reading and writing .ts --------------------------------------------------------------


def parse_ts(path: Path, base: Path | None = None) -> list[Message]:
    """Messages of a .ts file; ``files`` relative to the repository root."""
    base = base or path.parent
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own files
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            files = []
            for loc in m.iter("location"):
                f = (base / loc.get("filename", "")).resolve()
                rel = f.relative_to(ROOT).as_posix() if f.is_relative_to(ROOT) else str(f)
                if rel not in files:
                    files.append(rel)
            tr = m.find("translation")
            forms = [nf.text or "" for nf in tr.iter("numerusform")] if tr is not None else []
            out.append(
                Message(
                    context=name,
                    source=m.findtext("source") or "",
                    comment=m.findtext("comment") or "",
                    extracomment=m.findtext("extracomment") or "",
                    files=files,
                    numerus=m.get("numerus") == "yes",
                    translation=(tr.text or "") if tr is not None and not forms else "",
                    forms=forms,
                    finished=tr is not None and tr.get("type") not in ("unfinished", "vanished"),
                )
            )
    return out


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def render_ts(messages: list[Message], language: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="en">',
    ]
    by_context: dict[str, list[Message]] = {}
    for m in messages:
        by_context.setdefault(m.context, []).append(m)
    nforms = PLURAL_FORMS.get(language.split("_")[0], 2)
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{_x(context)}</name>"]
        for m in by_context[context]:
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            lines += [
                f'        <location filename="{_x(os.path.relpath(ROOT / f, TS_DIR))}"/>'
                for f in m.files
            ]
            lines.append(f"        <source>{_x(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{_x(m.comment)}</comment>")
            if m.extracomment:
                lines.append(f"        <extracomment>{_x(m.extracomment)}</extracomment>")
            state = "" if m.finished else ' type="unfinished"'
            if m.numerus:
                forms = (m.forms + [""] * nforms)[:nforms]
                lines.append(f"        <translation{state}>")
                lines += [f"            <numerusform>{_x(f)}</numerusform>" for f in forms]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{state}>{_x(m.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


@dataclass
class Report:
    language: str
    added: list[Message]
    removed: list[Message]
    unfinished: list[Message]

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.unfinished)


def merge(extracted: list[Message], existing: list[Message], language: str) -> Report:
    """Carry the translations of ``existing`` over to ``extracted`` (in place)."""
    old = {m.key: m for m in existing}
    # The same English text in another context (a class renamed, a tr() moved) keeps
    # its translation: lupdate's "same text" heuristic, without marking it for review.
    same_text = {(m.source, m.numerus): m for m in existing if m.finished}
    added = []
    for m in extracted:
        prev = old.pop(m.key, None)
        if prev is None:
            added.append(m)
            prev = same_text.get((m.source, m.numerus))
            if prev is None:
                continue
        m.finished = prev.finished
        if m.numerus:
            m.forms = prev.forms or ([prev.translation] if prev.translation else [])
            m.finished = m.finished and len([f for f in m.forms if f]) >= PLURAL_FORMS.get(
                language.split("_")[0], 2
            )
        else:
            m.translation = prev.translation or (prev.forms[0] if prev.forms else "")
        m.finished = m.finished and bool(m.translation or any(m.forms))
    unfinished = [m for m in extracted if not m.finished]
    return Report(language, added, list(old.values()), unfinished)


def update(languages: list[str] | None = None, *, write: bool = True) -> list[Report]:
    extracted = extract()
    targets = ts_files()
    for lang in languages or []:
        targets.setdefault(lang, TS_DIR / f"{PREFIX}{lang}.ts")
    reports = []
    for lang, path in targets.items():
        messages = [Message(**{**m.__dict__, "files": list(m.files)}) for m in extracted]
        existing = parse_ts(path) if path.exists() else []
        report = merge(messages, existing, lang)
        reports.append(report)
        if write:
            TS_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(render_ts(messages, lang), encoding="utf-8")
    return reports


def release(out_dir: Path) -> list[Path]:
    """Compile every .ts to ``out_dir/rakerone_<lang>.qm``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, ts in ts_files().items():
        qm = out_dir / f"{PREFIX}{lang}.qm"
        subprocess.run(
            [*_tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
            check=True,
        )
        written.append(qm)
    return written


def _describe(report: Report) -> list[str]:
    out = []
    for label, items in (
        ("new, to translate", report.added),
        ("no longer in the code (dropped)", report.removed),
        ("unfinished", report.unfinished),
    ):
        if items:
            out.append(f"{PREFIX}{report.language}.ts: {len(items)} {label}:")
            out += [f"    [{m.context}] {m.source!r}" for m in items[:50]]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="refresh the .ts files from the code")
    up.add_argument("--add", action="append", default=[], metavar="LANG", help="a new language")
    sub.add_parser("check", help="fail if a .ts file is stale or has unfinished entries")
    rel = sub.add_parser("release", help="compile the .ts files to .qm")
    rel.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)

    if args.command == "release":
        for qm in release(args.out_dir):
            print(f"wrote {qm}")
        return 0
    try:
        reports = update(getattr(args, "add", []), write=args.command == "update")
    except TranslationError as exc:
        print(exc, file=sys.stderr)
        return 1
    ok = True
    for report in reports:
        lines = _describe(report)
        print("\n".join(lines) if lines else f"{PREFIX}{report.language}.ts: complete")
        ok = ok and report.clean
    if args.command == "update":
        print("updated " + ", ".join(f"{PREFIX}{r.language}.ts" for r in reports))
        return 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
