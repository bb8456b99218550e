"""communique: turn diplomatic news into structured tables.

    from pipeline import extract_texts, read_tables
    tables = extract_texts(["...article text..."])   # in memory: Tables of DataFrames
    tables = read_tables("outputs/")                  # an output folder of `communique extract`
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
_API = ("extract_texts", "read_tables", "Tables")


def __getattr__(name: str) -> Any:  # the API imports pandas: only when it is asked for
    if name in _API:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


__all__ = ["__version__", *_API]
