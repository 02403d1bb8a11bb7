"""The translation pipeline: the German catalog is complete, matches the code, and the
compiled catalog in the resources is the one built from it."""

from __future__ import annotations

import re

import pytest
import translations
from PySide6.QtCore import QFile, QIODevice

from rakerone_desktop.ui import theme  # noqa: F401 - registers the compiled resources

GERMAN = translations.TS_DIR / "rakerone_de.ts"
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def test_german_has_no_unfinished_entry():
    messages = translations.parse_ts(GERMAN)
    assert len(messages) > 100
    unfinished = [m.source for m in messages if not m.finished]
    assert unfinished == []


def test_german_translations_keep_placeholders_mnemonics_and_plurals():
    for m in translations.parse_ts(GERMAN):
        texts = m.forms if m.numerus else [m.translation]
        if m.numerus:
            assert len(m.forms) == 2, m.source
            assert all(m.forms), m.source
        for text in texts:
            assert text.strip(), m.source
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(m.source)), (
                m.source,
                text,
            )
            assert ("&" in m.source.replace("&&", "")) == ("&" in text.replace("&&", "")), (
                m.source,
                text,
            )


def test_catalogs_match_the_code():
    """Run `python packaging/translations.py update` and translate what it adds."""
    for report in translations.update(write=False):
        assert [m.source for m in report.added] == [], "new strings: translate them"
        assert [m.source for m in report.removed] == [], "strings gone from the code"
        assert report.clean


def test_resources_carry_the_catalog_built_from_the_ts(tmp_path):
    """Run `python packaging/build_resources.py` after editing a .ts file."""
    (built,) = translations.release(tmp_path)
    embedded = QFile(f":/rakerone/translations/{built.name}")
    assert embedded.open(QIODevice.OpenModeFlag.ReadOnly), "not in the resources"
    try:
        assert bytes(embedded.readAll().data()) == built.read_bytes()
    finally:
        embedded.close()


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("class A(QWidget):\n    def f(self, text):\n        return self.tr(text)\n", "literal"),
        ("X = 'Hello'\nclass A(QWidget):\n    def f(self):\n        return self.tr(X)\n", None),
    ],
)
def test_untranslatable_tr_calls_are_reported(tmp_path, monkeypatch, code, problem):
    module = tmp_path / "mod.py"
    module.write_text(code, encoding="utf-8")
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    monkeypatch.setattr(translations, "source_files", lambda: [module])
    found, problems = translations.constant_messages()
    if problem:
        assert problems
        assert problem in problems[0]
    else:
        assert problems == []
        assert [(m.context, m.source) for m in found] == [("A", "Hello")]
