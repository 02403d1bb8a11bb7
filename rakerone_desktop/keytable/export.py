"""Keys as CSV: one field per ``CsvField`` of the column table, defused for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rakerone_desktop.api.models import ApiKey
from rakerone_desktop.domain.csv_export import write_csv
from rakerone_desktop.keytable.columns import CSV_FIELDS

#: The header of a keys CSV.
KEY_CSV_HEADER: tuple[str, ...] = tuple(f.name for f in CSV_FIELDS)


def keys_csv(keys: Iterable[ApiKey], labels: Mapping[str, str] | None = None) -> str:
    """Every key, one row each; ``labels`` maps permission ids to their labels."""
    labels = labels or {}
    values = tuple(f.value for f in CSV_FIELDS)
    return write_csv(KEY_CSV_HEADER, ([value(k, labels) for value in values] for k in keys))
