"""The `communique_leaders` component: mentions -> persons -> states -> rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from pipeline.errors import Errors, UsageError
from pipeline.extractors.base import add_rows, evidence
from pipeline.extractors.leaders.kinds import (
    KINDS_FILE, TitleKinds, install, kinds_of, load_title_kinds, read_title_kinds,
)
from pipeline.extractors.leaders.knowledge import KNOWLEDGE_FILES, Knowledge
from pipeline.extractors.leaders.linking import DEFAULT_ORDER, STRATEGIES, Linking, link_states
from pipeline.extractors.leaders.anaphors import office_anaphors, offices_as
from pipeline.extractors.leaders.appositions import appositive_spans
from pipeline.extractors.leaders.mentions import (
    Mention, parse_mention, person_names, rule_mentions,
)
from pipeline.extractors.leaders.merge import (
    count_mentions, merge_mentions, trim_headline_names,
)
from pipeline.extractors.leaders.names import display
from pipeline.extractors.leaders.office_states import (
    ABSENT_FILE, TITLES_FILE, load_absent_offices, load_office_states,
)
from pipeline.extractors.leaders.publishers import (
    OUTLET_KIND, PUBLISHERS_FILE, load_publishers, publisher_state,
)
from pipeline.extractors.leaders.roles import (
    KNOWN_LABELS, NER_KEY, PLACE_LABELS, RULES_KEY, clear_caches, code_kind, gaz_spans,
)
from pipeline.gazetteers import GAZETTEER_KEYS
from pipeline.normalizers.countries import is_organization
from pipeline.records import LeaderRow
from pipeline.rules import component_dir


def extract_leaders(doc: Doc, publishers: dict[str, str] | None = None,
                    linking: Iterable[str] = DEFAULT_ORDER,
                    outlets: dict[str, str] | None = None,
                    knowledge: Knowledge | None = None,
                    office_states: dict[str, str] | None = None,
                    stateless: bool = True,
                    absent: dict[str, frozenset[str]] | None = None) -> list[LeaderRow]:
    """Rows for `doc` (whose span groups the rulers have filled); `publishers` maps source
    names and hosts to the state of a government publisher (see `publisher_state`),
    `outlets` to the home state of a news outlet; `linking`: the state-linking strategies,
    in order (see `linking.py`); `knowledge`: person -> (state, office) facts;
    `stateless`: keep the people no strategy found a state or organization for."""
    clear_caches(doc)  # the gazetteer spans are final now
    knowledge = knowledge or Knowledge()
    rule_spans = [s for s in doc.spans.get(RULES_KEY, []) if s.label_ != "OFFICE"]
    ner = list(doc.spans[NER_KEY]) if NER_KEY in doc.spans else person_names(doc)
    mentions = rule_mentions(doc, rule_spans, ner)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    appositions = appositive_spans(doc, ner, taken, office_states)
    mentions = mentions + [m for span in appositions for m in parse_mention(span, ner)]
    taken = {i for m in mentions for i in range(m.start, m.end)}
    source, url = _ext(doc, "source"), _ext(doc, "url")
    publisher = publisher_state(source, url, publishers or {})
    mentions += office_anaphors(doc, ner, taken, bool(publisher))
    taken = {i for m in mentions for i in range(m.start, m.end)}
    mentions = sorted(mentions + offices_as(doc, ner, taken), key=lambda m: m.start)
    mentions = reattach_offices(doc, mentions, ner, knowledge)
    mentions = organization_briefs(doc, mentions)
    if not mentions and not any(s.label_ in KNOWN_LABELS for k in GAZETTEER_KEYS
                                for s in doc.spans.get(k, [])):
        return []
    # a PERSON entity the parser cut a portfolio word off ("[Transport] Sergei Ivanov") does
    # not lengthen the name again
    names = [Mention(start=s.start, end=s.end, name=s.text, start_char=s.start_char,
                     end_char=s.end_char) for s in ner
             if not any(m.end == s.end and s.start < m.start for m in mentions)]
    persons = merge_mentions(trim_headline_names(doc, mentions, names), names)
    outlet = publisher_state(source, url, outlets or {})
    ctx = Linking(doc, persons, names, kinds_of(doc), knowledge, publisher, outlet,
                  office_states=office_states or {}, absent=absent or {})
    persons += link_states(ctx, linking)
    count_mentions(doc, persons)
    rows = []
    for person in sorted(persons, key=lambda p: p.first.start if p.first else 0):
        if not person.title and not person.country:
            continue  # only generic words ("the leader X"): an office is not established
        if not person.country and not stateless:
            continue
        first = person.first
        name = knowledge.spelling(display(person.name))
        rows.append(LeaderRow(name=name, title=person.title,
                              country=person.country, mentions=person.count,
                              **evidence(doc, first.start_char, first.end_char, person.rule,
                                         person.confidence)))
    return rows


def reattach_offices(doc: Doc, mentions: list[Mention], ner: list[Span],
                     knowledge: Knowledge) -> list[Mention]:
    """An office of one state set off by a comma before a name the facts give only other
    states is not that person's: "initiated by the President of the French Republic,
    Vladimir Putin and Emmanuel Macron had ...". It goes to the name coordinated right after
    when the facts give that one the office's state, else to nobody."""
    out = []
    for m in mentions:
        known = knowledge.states(m.name) if m.country and m.start > 0 \
            and doc[m.start - 1].text == "," else set()
        if not known or m.country in known:
            out.append(m)
            continue
        coordinated = m.end < len(doc) and doc[m.end].lower_ == "and"
        nxt = next((s for s in ner if s.start == m.end + 1), None) if coordinated else None
        if nxt is not None and m.country in knowledge.states(nxt.text):
            out.append(replace(m, start=nxt.start, end=nxt.end, name=nxt.text,
                               start_char=nxt.start_char, end_char=nxt.end_char))
    return out


def organization_briefs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A state after "for" in an office a state need not hold (no head's, publisher
    official's or state-only office: an organization's, an envoy's) is the office's brief,
    not its holder's state, when the sentence names one organization: "The IMF delegation was
    led by Senior Mission Chief for Sri Lanka Peter Breuer" is the IMF's, "key ADB officials,
    including Country Director for Sri Lanka, Mr. X" the ADB's."""
    kinds = kinds_of(doc)
    out = []
    for m in mentions:
        if m.country and kinds.is_office(m.kind) and not any(
                kinds.has(m.kind, f) for f in ("state_only", "head", "publisher_official")) \
                and _brief(doc, m):
            sent = doc[m.start].sent
            orgs = {code_kind(s)[0] for s in gaz_spans(doc, sent.start, sent.end, PLACE_LABELS)}
            orgs = {c for c in orgs if is_organization(c)}
            if len(orgs) == 1:
                m = replace(m, country=orgs.pop())
        out.append(m)
    return out


def _brief(doc: Doc, m: Mention) -> bool:
    """The mention's state is named right after "for" (or "for the") inside its match."""
    for i in range(m.ctx_start, min(m.start, m.ctx_end)):
        if doc[i].lower_ != "for":
            continue
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
        spans = gaz_spans(doc, j, m.start, PLACE_LABELS)
        return bool(spans) and spans[0].start == j and code_kind(spans[0])[0] == m.country
    return False


def _ext(doc: Doc, name: str) -> str:
    return (getattr(doc._, name, "") or "") if Doc.has_extension(name) else ""


class LeadersExtractor:
    """Builds `doc._.rows["leaders"]` from the span groups; writes `doc.spans["leaders_ner"]`.

    Reads from the rule set's gazetteers: title_kinds.csv (what each titles.csv kind means;
    titles.csv is checked against it), publishers.csv, absent_offices.csv (office_states.py)
    and the facts of `knowledge` (files in the gazetteers folder, see knowledge.py);
    `linking` orders the state-linking strategies."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "",
                 linking: Iterable[str] = DEFAULT_ORDER,
                 knowledge: Iterable[str] = KNOWLEDGE_FILES, stateless: bool = False) -> None:
        self.name = name
        # Rows with no state: on 404 annotated tuning articles none of them matched a gold
        # item (annotators give every leader a state or organization) and half of those
        # read on unannotated news were no official at all ("President Appoints ..."), so
        # they are left out unless the config asks for them.
        self.stateless = stateless
        self.models_dir = models_dir
        self.linking = list(linking)
        unknown = [s for s in self.linking if s not in STRATEGIES]
        if unknown:
            raise UsageError(Errors.U040.format(name=name, value=unknown[0],
                                                choices=", ".join(STRATEGIES)))
        self.vocab = nlp.vocab
        gazetteers = component_dir(models_dir) / "gazetteers"
        self.publishers_path = gazetteers / PUBLISHERS_FILE
        self.publishers = load_publishers(self.publishers_path)
        self.outlets = load_publishers(self.publishers_path, OUTLET_KIND)
        self.knowledge_files = list(knowledge)
        self.knowledge_paths = [gazetteers / f for f in self.knowledge_files]
        self.knowledge = Knowledge.from_folder(gazetteers, self.knowledge_files)
        self.kinds_path = gazetteers / KINDS_FILE
        self.titles_path = gazetteers / TITLES_FILE
        self.office_states = load_office_states(self.titles_path)
        self.absent_path = gazetteers / ABSENT_FILE
        self.absent = load_absent_offices(self.absent_path)
        # a saved pipeline's folder may be gone: `from_disk` restores the table
        self.kinds = load_title_kinds(gazetteers) if self.kinds_path.is_file() else None
        if self.kinds is not None:
            install(self.vocab, self.kinds)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[NER_KEY] = SpanGroup(doc, name=NER_KEY, spans=person_names(doc))
        add_rows(doc, "leaders", extract_leaders(doc, self.publishers, self.linking,
                                                 self.outlets, self.knowledge,
                                                 self.office_states, self.stateless,
                                                 self.absent))
        clear_caches(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the gazetteers this component reads itself (publishers, title kinds, facts,
        the offices' states of titles.csv, the offices states lack)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for source in (self.publishers_path, self.kinds_path, self.titles_path,
                       self.absent_path, *self.knowledge_paths):
            if source.is_file():
                (path / source.name).write_bytes(source.read_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LeadersExtractor:
        path = Path(path)
        self.publishers_path = path / PUBLISHERS_FILE
        self.publishers = load_publishers(self.publishers_path)
        self.outlets = load_publishers(self.publishers_path, OUTLET_KIND)
        self.knowledge_paths = [path / f for f in self.knowledge_files]
        self.knowledge = Knowledge.from_folder(path, self.knowledge_files)
        if (path / TITLES_FILE).is_file():
            self.titles_path = path / TITLES_FILE
            self.office_states = load_office_states(self.titles_path)
        if (path / ABSENT_FILE).is_file():
            self.absent_path = path / ABSENT_FILE
            self.absent = load_absent_offices(self.absent_path)
        if (path / KINDS_FILE).is_file():
            self.kinds_path = path / KINDS_FILE
            self.kinds: TitleKinds | None = read_title_kinds(self.kinds_path)
            install(self.vocab, self.kinds)
        return self


@Language.factory("communique_leaders", assigns=["doc._.rows", "doc.spans"],
                  default_config={"models_dir": "", "linking": list(DEFAULT_ORDER),
                                  "knowledge": list(KNOWLEDGE_FILES), "stateless": False})
def make_leaders(nlp: Language, name: str, models_dir: str, linking: list[str],
                 knowledge: list[str], stateless: bool) -> LeadersExtractor:
    return LeadersExtractor(nlp, name, models_dir, linking, knowledge, stateless)
