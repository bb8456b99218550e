"""A guard around spaCy's tokenizer against long runs without whitespace.

The stock tokenizer splits prefixes and suffixes off a whitespace-delimited string one at a
time, searching the rest of the string each time: its cost grows with the square of the
string's length when the string is made of many affixes. 4,000 emoji in a row take 10 s,
20,000 take minutes; 64 KB of "(" in a hostile feed would stall a worker for hours. Such a
run (longer than `MAX_RUN` characters) is cut into tokens of `MAX_RUN` characters without
running the affix rules; the rest of the text is tokenized as usual, so the cost stays
linear in the text (at worst about 60 s per 1,000,000 characters, what the parser takes for
ordinary text). The Doc's text is the input text, unchanged: offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

MAX_RUN = 100  # no word is longer (a long URL is cut, which no extractor minds)
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")  # starts only where a run starts: linear


class RunSafeTokenizer:
    """Wraps a spaCy tokenizer; everything but the call is the wrapped tokenizer's (so a
    pipeline saved with it saves the stock tokenizer)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if len(text) <= MAX_RUN or not _LONG_RUN.search(text):
            return self.tokenizer(text)
        parts: list[Doc] = []
        pos = 0
        for match in _LONG_RUN.finditer(text):
            if match.start() > pos:
                parts.append(self.tokenizer(text[pos:match.start()]))
            run = match.group()
            words = [run[i:i + MAX_RUN] for i in range(0, len(run), MAX_RUN)]
            spaces = [False] * len(words)
            pos = match.end()
            if text[pos:pos + 1] == " ":  # the one space after the run goes with it
                spaces[-1], pos = True, pos + 1
            parts.append(Doc(self.tokenizer.vocab, words=words, spaces=spaces))
        if pos < len(text):
            parts.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(parts, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


# "U.S.-Japanese", "U.K.-based", "the U.S.- Japanese agreement": the stock rules split a hyphen
# between letters only, so an abbreviation's final period keeps the hyphen and the next word
# in one token and the state's name is lost to the gazetteers
ABBREVIATION_HYPHEN_INFIX = r"(?<=[A-Z]\.)-(?=[A-Za-z])"
ABBREVIATION_HYPHEN_SUFFIX = r"(?<=[A-Z]\.)-"
# "... of Sri Lanka- Exchanged by ..." (a dash typed against the word before it): the stock
# rules keep "Lanka-" one token and the state's name is lost to the gazetteers
WORD_HYPHEN_SUFFIX = r"(?<=[A-Za-z]{2})-"
# 'in part:"This year ...' (Kremlin transcripts): no space after the colon, so the stock rules
# keep 'part:"This' as one token and the quote's first word is lost to every table
COLON_QUOTE_INFIXES = [r"(?<=[A-Za-z]):(?=[\"“])", r"(?<=[A-Za-z]:)[\"“](?=[A-Za-z])"]
# "your aide[Maxim Oreshkin]" (an editor's insertion in Kremlin transcripts): no space before
# the bracket, so the stock rules keep "aide[Maxim" as one token, office and name lost
BRACKET_NAME_INFIX = r"(?<=[a-z])\[(?=[A-Z])"
# "the Russian Direct Investment Fund(RDIF)", "in the G20(Russia's G20 Sherpa)" (Kremlin
# texts): a parenthesis glued to a word before a capital is a bracket, not part of the word
PAREN_INFIX = r"(?<=[A-Za-z0-9])\((?=[A-Z])"
# "in December 2001alleging fraud" (a lost space): a year glued to the next word, not to a
# scale word ("1900mln", "2000million" stay whole)
YEAR_WORD_INFIX = r"(?<=(?:1[89]|20)\d\d)(?=(?!(?:m|b|tr)illion)[a-z]{4,})"
# "<u>Strategic Framework Agreement</u>" (inline markup left in a web page's text): the stock
# rules split the opening tag off, but keep "Agreement</u" one token and the name is lost to
# the gazetteers; a closing tag glued to a word is split off it
CLOSING_TAG_SUFFIX = r"</[a-z]{1,6}$"
# "April 4,2025": a day and a year glued by a comma are one token the date patterns miss (no
# number has a thousands group of four digits)
DAY_YEAR_INFIX = r"(?<=\b\d),(?=(?:1[89]|20)\d\d\b)|(?<=\b\d\d),(?=(?:1[89]|20)\d\d\b)"


def split_abbreviation_hyphens(nlp: Language) -> Language:
    """Make the tokenizer split a hyphen after an abbreviation ("U.S.-Japanese" -> "U.S.",
    "-", "Japanese"), a colon glued to an opening quote ('part:"This' -> "part", ":",
    '"', "This") and a bracket glued to a word ("aide[Maxim" -> "aide", "[", "Maxim"), a
    hyphen typed against the word before a space ("Lanka-") and a closing tag glued to a
    word ("Agreement</u>"): the language's affix rules plus these infixes and suffixes
    (idempotent)."""
    tokenizer = nlp.tokenizer.tokenizer if isinstance(nlp.tokenizer, RunSafeTokenizer) \
        else nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(
        [*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN_INFIX, *COLON_QUOTE_INFIXES,
         BRACKET_NAME_INFIX, PAREN_INFIX, DAY_YEAR_INFIX, YEAR_WORD_INFIX]).finditer
    tokenizer.suffix_search = compile_suffix_regex(
        [*(nlp.Defaults.suffixes or ()), ABBREVIATION_HYPHEN_SUFFIX, WORD_HYPHEN_SUFFIX,
         CLOSING_TAG_SUFFIX]).search
    return nlp


def guard_tokenizer(nlp: Language) -> Language:
    """Give `nlp` the run-safe tokenizer (once)."""
    if not isinstance(nlp.tokenizer, RunSafeTokenizer):
        nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    return nlp
