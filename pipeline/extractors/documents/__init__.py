"""Documents table: formal documents signed, in force or planned, one row per document.

Inputs (all written by earlier pipeline steps):
  doc.spans["gazetteer_lower"]  DOC_TYPES spans from models/gazetteers/doc_types.csv (rows of
                                case "lower"; the others in doc.spans["gazetteer"])
                                (id "doc_type|kind", kind singular/plural/generic/...), and
                                NUMBER_WORDS ("seven" -> 7, models/gazetteers/number_words.csv)
  doc.spans["gazetteer"]        KNOWN_DOCUMENTS (models/gazetteers/known_documents.csv: a
                                well-known document's actual parties) and GROUPS
                                (models/gazetteers/groups.csv: a standing group of states,
                                "the Normandy format", and its members) and COMPANIES
                                (models/gazetteers/companies.csv: a company's home state,
                                "Boeing" -> USA)
  doc.spans["documents_rules"]  cue words from models/patterns/documents.jsonl (the file's
                                header says what each label means)
  doc._.rows["dates"]           DateRow objects (signed date, validity period)

Where each step lives:
  config.py          confidences and windows (the factory's default_config), labels, the
                     checks of the rule files
  facts.py           per-doc facts every source reads (cues.py, mentions.py, dating.py)
  sources/lists.py   "documents_list": items of a list after a "... signed:" lead-in line
  sources/parse.py   "documents_parse": a document noun governed by a cue word in the parse
                     (and the mentions no cue decided, which anaphors can point back at)
  sources/pronouns.py  "It was signed by ...": a pronoun a signing word governs
  status.py          what the governing words decide (signed, in force, planned, dropped)
  extent.py          how far a document phrase reaches around its noun
  phrase.py          its title, count and party segments; parties.py: who signed it
  build.py           one `Candidate` per decided mention: the only thing sources hand on
  anaphora.py        `resolve_anaphors` (pure, run first by the merge): "it", "the accord"
                     hand their decision to the document named just before them
  merge.py           `merge_candidates` (pure, tested on its own): drops aliases, nested
                     mentions, anaphoric repeats, counts with named documents nearby and
                     duplicates
  rows.py            `to_rows`: states (with well-known parties and the article's fallback)
                     and evidence
  component.py       the spaCy component and its factory
"""

from pipeline.extractors.documents.candidate import Candidate
from pipeline.extractors.documents.component import (
    DocumentsExtractor,
    candidates_of,
    make_documents,
)
from pipeline.extractors.documents.config import DocumentsConfig
from pipeline.extractors.documents.merge import merge_candidates
from pipeline.extractors.documents.rows import to_rows

__all__ = ["Candidate", "DocumentsConfig", "DocumentsExtractor", "candidates_of",
           "make_documents", "merge_candidates", "to_rows"]
