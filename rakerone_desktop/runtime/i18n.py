"""Translations: the app's catalogs and Qt's own, chosen by the system locale.

The app's catalogs (``rakerone_<lang>.qm``) are compiled from
``resources/translations/*.ts`` by ``packaging/build_resources.py`` into the
committed resource module, so running from source needs no build step and a
packaged build carries them inside the same module. Qt's own catalog
(``qtbase_<lang>.qm``: the wizard's Next/Back, the standard buttons, the
context menus of text fields) comes from the Qt installation, or from the
bundle, which keeps only the languages the app ships.

The language is the first of the person's UI languages (``LANGUAGE``,
``LC_MESSAGES``/``LANG`` on Linux, the system's list elsewhere) that the app
has a catalog for, stopping at English, the source language: someone who
prefers English and also reads German gets English.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QDir, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: Where build_resources.py puts the compiled catalogs inside the resources.
CATALOG_DIR = ":/rakerone/translations"
CATALOG_PREFIX = "rakerone_"
SOURCE_LANGUAGE = "en"


def available_languages() -> list[str]:
    """The languages the app has a compiled catalog for, besides English.

    The resource module must be registered (importing ``rakerone_desktop.ui.theme``
    does that), as it is before any window exists.
    """
    names = QDir(CATALOG_DIR).entryList([f"{CATALOG_PREFIX}*.qm"], QDir.Filter.Files)
    return sorted(n.removeprefix(CATALOG_PREFIX).removesuffix(".qm") for n in names)


def pick_language(ui_languages: Iterable[str], available: Sequence[str]) -> str | None:
    """The catalog to load for these UI languages (best first), or None for English.

    >>> pick_language(["de-AT", "en-US"], ["de"])
    'de'
    >>> pick_language(["en-GB", "de-DE"], ["de"]) is None
    True
    """
    for tag in ui_languages:
        name = tag.replace("-", "_")
        for candidate in (name, name.split("_")[0]):
            if candidate in available:
                return candidate
            if candidate.lower() in (SOURCE_LANGUAGE, "c", "posix"):
                return None
    return None


class Translations:
    """The translators installed on one application; :meth:`remove` takes them out."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language: str | None = None

    def install(self, locale: QLocale | None = None) -> str | None:
        """Load the catalogs for ``locale`` (default: the system's); the language, or None."""
        self.remove()
        ui_languages = (locale or QLocale.system()).uiLanguages()
        language = pick_language(ui_languages, available_languages())
        if language is None:
            return None
        app_catalog = QTranslator(self._app)
        if not app_catalog.load(f"{CATALOG_PREFIX}{language}.qm", CATALOG_DIR):
            log.warning("The %s translation could not be loaded", language)
            return None
        self._add(app_catalog)
        qt_catalog = QTranslator(self._app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_catalog.load(f"qtbase_{language}.qm", qt_dir):
            self._add(qt_catalog)
        else:
            log.info("Qt's own %s translation is not installed; its buttons stay English", language)
        self.language = language
        return language

    def _add(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._translators.append(translator)

    def remove(self) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._translators.clear()
        self.language = None
