"""Merging: mentions of one person clustered into a `Person`, and the person's mentions
counted.

`merge_mentions` clusters mentions of one person (names that contain one another, or the same
surname and alike given names) into a `Person` with the fullest name and the title and
country most mentions give; the model's PERSON entities join a person and may lengthen its
name but never make one. `count_mentions` counts the person's surname (or "Xi" in "Xi
Jinping") outside other people's names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc

from pipeline.extractors.base import doc_text
from pipeline.extractors.leaders.mentions import CONF_LINKED, Mention
from pipeline.extractors.leaders.names import PATRONYMIC, fold, fullness, name_tokens, surname_of


@dataclass
class Person:
    """Mentions of one person merged: fullest name, chosen title and country, counts."""

    mentions: list[Mention] = field(default_factory=list)
    names: list[Mention] = field(default_factory=list)  # every name occurrence seen (incl. NER)
    name: str = ""
    title: str = ""
    kind: str = ""
    country: str = ""
    country_rule: str = ""
    state_body: bool = False  # the chosen office is one of a body only a state has
    count: int = 0
    first: Mention | None = None

    @property
    def keys(self) -> set[str]:
        return set(name_tokens(self.name))

    @property
    def surname(self) -> str:
        return surname_of(self.name)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.add_name(mention)

    def add_name(self, mention: Mention) -> None:
        self.names.append(mention)
        if fullness(mention.name) > fullness(self.name):
            self.name = mention.name

    def decide(self) -> None:
        """Title and country by vote over the titled mentions; the first wins ties."""
        titled = [m for m in self.mentions if m.title]
        if titled:
            counts = Counter(m.title for m in titled)
            # "Minister" votes for "Foreign Minister" when both are used of the same person
            votes = {t: sum(c for u, c in counts.items() if set(u.split()) <= set(t.split()))
                     for t in counts}
            best = max(votes.values())
            chosen = max((m for m in titled if votes[m.title] == best),
                         key=lambda m: (len(m.title.split()), -m.start))
            self.title, self.kind = chosen.title, chosen.kind
            self.state_body = chosen.state_body
        countries = [m.country for m in self.mentions if m.country]
        if countries:
            votes = Counter(countries)
            best = max(votes.values())
            self.country = next(c for c in countries if votes[c] == best)
        full = fold(self.name)
        ordered = sorted(self.names, key=lambda m: m.start)
        self.first = next((m for m in ordered if fold(m.name) == full), ordered[0])

    @property
    def rule(self) -> str:
        titled = sorted(self.mentions, key=lambda m: m.start)
        first = self.first
        own = next((m for m in titled if first and m.start == first.start and m.rule), None)
        rule = (own or titled[0]).rule if titled else ""
        return f"{rule}+{self.country_rule}" if self.country_rule else rule

    @property
    def confidence(self) -> float:
        conf = max((m.confidence for m in self.mentions), default=CONF_LINKED)
        conf += 0.05 * min(2, len({m.start for m in self.mentions}) - 1)
        if not self.country:
            conf -= 0.15
        elif self.country_rule == "publisher":
            conf -= 0.15  # no word of the text names the state
        elif self.country_rule:
            conf -= 0.1
        if self.mentions and all(m.former for m in self.mentions):
            conf -= 0.2
        return max(0.05, min(0.99, conf))


def compatible(a: list[str], b: list[str]) -> bool:
    """Same person? `a` within `b` (or the reverse), or same surname and first names alike."""
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    if (sa & PATRONYMIC or sb & PATRONYMIC) and a[0] != b[0]:
        # "Mohammed bin Salman" / "Abdullah bin Zayed": the given name tells them apart
        return False
    if sa <= sb or sb <= sa:
        return True
    return a[-1] == b[-1] and a[0][:2] == b[0][:2]


def _find(persons: list[Person], tokens: list[str]) -> Person | None:
    matches = [p for p in persons if compatible(tokens, name_tokens(p.name))]
    if not matches:
        return None
    return max(matches, key=lambda p: (surname_of(p.name) == tokens[-1], len(p.mentions)))


def trim_headline_names(doc: Doc, mentions: list[Mention],
                        names: Iterable[Mention] = ()) -> list[Mention]:
    """A name in a title-case line runs on into a headline's words ("President [Zelenskyy
    Holds Talks] with ..."; the model tags them as one PERSON too): it is cut to the longest
    part that names a person of the body text, else before a word tagged as a verb or a
    plural ("Holds", "Meets")."""
    headline: dict[int, bool] = {}  # line start -> title case?

    def in_headline(m: Mention) -> bool:
        line = doc_text(doc).rfind("\n", 0, m.start_char) + 1
        if line not in headline:
            headline[line] = _title_case(doc, line)
        return headline[line]

    flagged = [in_headline(m) for m in mentions]
    if not any(flagged):
        return mentions
    body = [m.tokens for m, f in zip(mentions, flagged) if not f]
    body += [n.tokens for n in names if not in_headline(n)]
    out = []
    for m, f in zip(mentions, flagged):
        end = m.end
        if f and not any(compatible(m.tokens, b) for b in body):
            end = next((e for e in range(m.end - 1, m.start, -1) if any(
                compatible(name_tokens(doc[m.start:e].text), b) for b in body)), None) or next(
                (i for i in range(m.start, m.end) if doc[i].tag_ in HEADLINE_TAGS), m.end)
        if end == m.end:
            out.append(m)
        elif end > m.start:  # "President [Departs] for ...": no name at all
            part = doc[m.start:end]
            out.append(replace(m, end=end, name=part.text, end_char=part.end_char))
    return out


HEADLINE_TAGS = {"VBZ", "VBD", "VBP", "NNPS"}  # "Holds", "Meets", "Visits" in a headline


def _title_case(doc: Doc, start_char: int, words: int = 3) -> bool:
    """The line starting at `start_char` is a headline: it does not end with a full stop,
    and every word of more than three letters that is not a stop word is capitalized (at
    least `words` of them)."""
    text = doc_text(doc)
    end_char = text.find("\n", start_char)
    line = doc.char_span(start_char, len(text) if end_char == -1 else end_char,
                         alignment_mode="expand")
    if line is None:
        return False
    if line.text.rstrip().endswith("."):
        return False  # a sentence ("Dear President Göring-Eckardt.")
    long_words = [t for t in line if t.is_alpha and len(t) > 3 and not t.is_stop]
    return len(long_words) >= words and all(t.text[:1].isupper() for t in long_words)


def merge_mentions(mentions: Iterable[Mention], names: Iterable[Mention] = ()) -> list[Person]:
    """Cluster titled `mentions` into persons (fullest names first). Untitled `names` (the
    model's PERSON entities) join a person and may lengthen its name, but never create one;
    a name that fits several persons, or that several different longer names would extend,
    is left out."""
    persons: list[Person] = []
    for m in sorted(mentions, key=lambda m: (-len(m.tokens), m.start)):
        person = _find(persons, m.tokens)
        if person is None:
            person = Person()
            persons.append(person)
        person.add(m)
    extensions: dict[int, set[str]] = {}
    for n in names:
        matches = [p for p in persons if compatible(n.tokens, name_tokens(p.name))]
        if len(matches) != 1:
            continue
        extensions.setdefault(id(matches[0]), set()).add(fold(n.name))
    for n in sorted(names, key=lambda n: n.start):
        person = next((p for p in persons if compatible(n.tokens, name_tokens(p.name))), None)
        if person is None or len(extensions.get(id(person), ())) == 0:
            continue
        longer = {x for x in extensions[id(person)] if len(name_tokens(x)) > len(person.keys)}
        if len(n.tokens) > len(person.keys) and len(longer) > 1:
            continue  # "Joe Biden" and "Jill Biden" both extend "Biden": take neither
        person.add_name(n)
    for person in persons:
        person.decide()
    return persons


def count_mentions(doc: Doc, persons: list[Person]) -> None:
    """Mentions = occurrences of the person's most frequent name part (the surname, or "Xi" in
    "Xi Jinping"), outside other persons' names."""
    if not persons:
        return
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).astype("uint64")
    by_fold: dict[str, list[int]] = {}  # folded capitalized word -> its ORTH hashes
    for h in numpy.unique(orths):
        text = strings[int(h)]
        if text[:1].isupper():
            by_fold.setdefault(fold(text), []).append(int(h))

    def positions(part: str) -> list[int]:
        hashes = by_fold.get(part)
        return numpy.flatnonzero(numpy.isin(orths, hashes)).tolist() if hashes else []

    owned: dict[int, int] = {}
    for n, person in enumerate(persons):
        for m in person.names:
            for i in range(m.start, m.end):
                owned.setdefault(i, n)
    for n, person in enumerate(persons):
        parts = [p for p in name_tokens(person.name) if len(p) > 1]  # not an initial
        if not parts:
            continue
        hits = max((positions(p) for p in reversed(parts)), key=len)
        person.count = max(1, len([i for i in hits if owned.get(i, n) == n]))
