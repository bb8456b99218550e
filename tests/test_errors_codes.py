"""The errors module: one message per code, and every code used exists."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pipeline
from pipeline.errors import Errors

PACKAGE = Path(pipeline.__file__).parent


def test_errors_codes_are_unique():
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    [cls] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Errors"]
    codes = [t.id for n in cls.body if isinstance(n, ast.Assign) for t in n.targets]
    assert [c for c, n in Counter(codes).items() if n > 1] == []


def test_errors_every_code_used_is_defined():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"Errors\.([A-Z]\d{3})", path.read_text(encoding="utf-8")))
    assert sorted(c for c in used if not hasattr(Errors, c)) == []
