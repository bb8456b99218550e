"""Reviewing the tables of an output folder: `communique review OUTDIR`.

- `decisions`: the append-only log of review decisions (`load_decisions(outdir)` reads it);
- `folder`: an output folder under review (index, texts, decisions, checks);
- `app`: the web app (Starlette + Jinja2, plain JavaScript);
- `export`: the reviewed tables as CSV (`--export DIR`) and spreadsheet edits back in
  (`--import FILE.csv`).
"""

from __future__ import annotations

from pipeline.review.decisions import Decision, load_decisions

__all__ = ["Decision", "load_decisions"]
