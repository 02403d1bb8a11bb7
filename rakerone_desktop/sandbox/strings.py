"""The one string type of every request field: text that is valid Unicode.

JSON can spell a lone UTF-16 surrogate (``"\\ud800"``); Python decodes it into
a ``str`` that cannot be encoded as UTF-8, so it would fail much later, in
SQLite or when the answer is written, as a ``500``. :data:`SafeStr` refuses it
at the edge, while the request is validated, with the usual ``422`` problem
document naming the field. :data:`JsonObject` is the same rule for free-form
JSON (a record's fields): every string and member name in it is valid
Unicode, and numbers are finite.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

UNICODE_ERROR = "string_not_unicode"


def check_unicode(value: str) -> str:
    """``value`` unchanged, or a pydantic error when it cannot be encoded as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError(
            UNICODE_ERROR,
            "Must be valid Unicode text (found a lone surrogate, {codepoint}).",
            {"codepoint": f"U+{ord(value[exc.start]):04X}"},
        ) from None
    return value


def printable(text: str) -> str:
    """``text`` with anything UTF-8 cannot encode written as a ``\\uXXXX`` escape.

    For echoing client text (an unknown field's name) in an answer or a log.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _check_json(value: object, depth: int = 0) -> None:
    if isinstance(value, str):
        check_unicode(value)
    elif isinstance(value, float) and not math.isfinite(value):
        # Python's JSON reader accepts NaN and Infinity; JSON has no such
        # numbers, so storing one would make every later answer invalid JSON.
        raise PydanticCustomError("finite_number", "Must hold finite numbers only.")
    elif isinstance(value, dict | list):
        if depth >= JSON_MAX_DEPTH:
            raise PydanticCustomError(
                "too_deep", "Must nest at most {max} levels deep.", {"max": JSON_MAX_DEPTH}
            )
        for item in value.items() if isinstance(value, dict) else value:
            for part in item if isinstance(value, dict) else (item,):
                _check_json(part, depth + 1)


def check_json_object(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` unchanged when every string in it (names too) is valid Unicode,
    every number is finite, and it nests at most :data:`JSON_MAX_DEPTH` levels."""
    _check_json(value)
    return value


JSON_MAX_DEPTH = 32

SafeStr = Annotated[str, AfterValidator(check_unicode)]
# Free-form JSON as a request may carry it (a record's fields), held to the
# same rule as every other string.
JsonObject = Annotated[dict[SafeStr, Any], AfterValidator(check_json_object)]

__all__ = ["JsonObject", "SafeStr", "check_unicode", "printable"]
