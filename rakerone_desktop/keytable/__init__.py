"""The keys table as plain Python: storage, filters, search, sort, and the column table.

No Qt here (an import-linter contract holds it): the Qt model in
``models/keys_model.py`` is a thin adapter over :class:`KeyTable`, and every
fact about a column is declared once, in ``columns.COLUMNS``.
"""

from rakerone_desktop.keytable.columns import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    SORTABLE_COLUMNS,
    Column,
    KeyColumn,
    Paint,
)
from rakerone_desktop.keytable.engine import KeyTable
from rakerone_desktop.keytable.filters import KeyFilter
from rakerone_desktop.keytable.sort import SortWork
from rakerone_desktop.keytable.store import PreparedKeys

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "SORTABLE_COLUMNS",
    "Column",
    "KeyColumn",
    "KeyFilter",
    "KeyTable",
    "Paint",
    "PreparedKeys",
    "SortWork",
]
