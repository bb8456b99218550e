"""`Candidate`: one proposed document row, the only thing sources hand to the merge step."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import DOCUMENT_STATUSES

SIGNED, IN_FORCE, PLANNED = DOCUMENT_STATUSES
DROP = "drop"  # a decision that rules a mention out (hypothetical, negated, merely planned)
# sources of candidates that are never rows themselves, only what an anaphor can point back
# at: a document mention no cue decided ("The MoU will see cooperation between ... . It was
# signed by ..."), and one a cue ruled out (an anaphor right after it stays what it was)
ANTECEDENT, DROPPED = "antecedent", "dropped"


@dataclass
class Candidate:
    """One proposed document row, before merging (plain data: no spaCy objects)."""

    start: int  # char offsets of the whole phrase (modifiers, noun, title, parties)
    end: int
    mention_start: int  # char offsets of the document noun itself
    mention_end: int
    doc_type: str
    status: str
    source: str  # list | parse | inherit | named
    rule: str
    confidence: float
    title: str = ""
    parties: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # explicit ones (fallback added in to_rows)
    signed_date: str = ""
    valid_from: str = ""
    valid_to: str = ""
    plural: bool = False
    count: str = ""  # "9" of "nine agreements"
    definite: bool = False  # "the/this/its ..."
    generic: bool = False  # "document(s)", "instrument(s)"
    needs_country: bool = False  # from a weak cue ("adopted"): a state must be in view
    needs_event: bool = False  # from an event-only cue ("approved"): part of the reported event
    sentence_has_country: bool = False
    event: bool = False  # part of the reported event ("following the talks", a list)
    named: bool = False  # a proper name ("the Trade Facilitation Roadmap", "Minsk agreements")
    weak: bool = False  # a kind often domestic (programmes, roadmaps, contracts)
    tail_title: bool = False  # the title comes from "on X"/"of X" after the noun
    head_name: str = ""  # with a tail title, the name before the noun ("Bicentennial")
    explicit: bool = False  # states or parties named in the phrase itself
    sentence_codes: tuple[str, ...] = ()  # states/organizations named in the sentence
    anaphor: bool = False  # a noun used to point back at any document ("the agreement")
    joint: bool = False  # the sentence speaks of "the two countries" / "both sides"
    joint_noun: bool = False  # a noun that says so itself ("joint declaration", doc_types.csv)
    known_parties: tuple[str, ...] = ()  # parties of a well-known document it names
    known_own: bool = False  # that document is its organization's, whoever the text names
    parts: tuple[str, ...] = ()  # a plural's coordinated subjects ("in education and in sport")
    partners: tuple[str, ...] = ()  # a plural's listed partners ("with Tunisia, Egypt and ...")
    partner_of: tuple[str, ...] = ()  # ... and the other party, when its phrase names it
    running_total: bool = False  # "so far", "since 2008": a count over years, not one event
    institutional: bool = False  # two sides or more, one a government body: not domestic
    one_state: bool = False  # two sides or more, all in one state ("Nissan and Honda"): domestic
    copies: int = 1  # rows this candidate stands for (a counted set: "seven MoUs were signed")
    strict: bool = False  # a word mostly no document ("deal"): needs a state named in its clause
    counterparts: bool = False  # "MoUs with foreign counterparts": one side's running total
    noun: str = ""  # the document noun, lower case ("accord"): what a well-known name is called
    pronoun: bool = False  # "It was signed by ...": stands for the document named just before
    dates: tuple[str, ...] = ()  # one signing date per document a dated plural names
    party_count: int = 2  # parties it has at least ("trilateral": 3), completed from the article
    pairwise: bool = False  # a plural of two-party documents ("bilateral declarations")

    @property
    def aggregate(self) -> bool:
        """A count or collection of documents ("100 agreements", "documents were signed");
        not a well-known one ("the trilateral statements of November 9, 2020")."""
        return (self.plural or self.generic) and not self.named and not self.tail_title \
            and not self.known_parties
