"""Dates table: date expressions normalized against the article's publication date.

One module per job:
  `spans`: a candidate's token bounds and what its neighbours say (names, documents);
  `tense`: whether a date's clause is about the future, and "today" meaning "nowadays";
  `dct`: the publication date of an article that has none, from its own text;
  `component`: the pipeline component (candidates from the rules and the model, plausibility,
  selection, rows). The normalizer itself is `pipeline.normalizers.dates`.
"""

from pipeline.extractors.dates.component import (DATE_LABEL, FUTURE_LABEL, NER_RULE, RULES_KEY,
                                                 DatesExtractor, make_dates)
from pipeline.extractors.dates.dct import DATELINE_WINDOW, Bounds, infer_dct, is_dateline
from pipeline.extractors.dates.spans import Candidate, trim
from pipeline.extractors.dates.tense import is_future, is_generic_today, tense

__all__ = ["DatesExtractor", "make_dates", "RULES_KEY", "DATE_LABEL", "FUTURE_LABEL",
           "NER_RULE", "DATELINE_WINDOW", "Candidate", "Bounds", "infer_dct", "is_dateline", "trim", "tense",
           "is_future", "is_generic_today"]
