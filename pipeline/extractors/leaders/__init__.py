"""Leaders table: people named together with a public office.

Sources, each in its own span group:
  "gazetteer" / "gazetteer_lower"  TITLES (offices, modifiers, honorifics), COUNTRIES, DEMONYMS,
                                   ORGANIZATIONS, LEADERS (known leaders; state institutions)
  "leaders_rules"                  word-order patterns of models/patterns/leaders.jsonl:
                                   LEADER (office + name), LEADER_DOMAIN (office with a written-out
                                   portfolio + name), OFFICE (office + state, no name)
  "leaders_ner"                    the model's PERSON entities, cleaned (written by the component)

One job per module, in the order a doc goes through them:
  kinds.py       what each kind of titles.csv means (models/gazetteers/title_kinds.csv)
  roles.py       token roles the patterns see (`token._.ldr_role`), gazetteer span lookups
  runs.py        where a name starts and ends among the words of a match
  bodies.py      states, state bodies and other bodies a match names; list direction
  mentions.py    rule matches -> candidate mentions (name, title, country in the mention)
  offices.py     the office a match names (title, kind), whether a body's or another office's,
                 and the portfolio written with it
  appositions.py the model's PERSON entities with an office in apposition (dependency parse),
                 for persons no pattern found -> spans `mentions.py` parses like a match
  anaphors.py    an office without a name that stands for the one person the sentence before
                 named ("..., Jack Straw said. The foreign secretary told MPs"), and an
                 office given through "as" ("Charles Clarke on his first day as home
                 secretary") -> mentions
  merge.py       mentions -> persons (fullest name, voted title and country), mention counts
  linking.py     the state of persons whose mentions name none: ordered strategies
  context.py     what the strategies read around a mention: its sentence, list, paragraph,
                 the states next to it, the article's opening, offices named without a person
  publishers.py  the state of a government publisher or news outlet, from the URL or source
  knowledge.py   facts person -> (state, office): the file format, the corpus learner
  component.py   the spaCy component and its factory (`communique_leaders`)

A person needs an office in the text: the model's PERSON entities and the known-leaders
gazetteer only lengthen names and fill countries, never make a row alone (one exception:
`linking.link_known_office`).
"""

from pipeline.extractors.leaders.component import LeadersExtractor, extract_leaders, make_leaders
from pipeline.extractors.leaders.kinds import TitleKinds, load_title_kinds, read_title_kinds
from pipeline.extractors.leaders.linking import DEFAULT_ORDER, STRATEGIES, Linking, strategy
from pipeline.extractors.leaders.mentions import (
    Mention, parse_mention, person_names, rule_mentions,
)
from pipeline.extractors.leaders.merge import Person, count_mentions, merge_mentions
from pipeline.extractors.leaders.names import fold, name_tokens, surname_of
from pipeline.extractors.leaders.publishers import load_publishers, publisher_state

__all__ = [
    "DEFAULT_ORDER", "STRATEGIES", "LeadersExtractor", "Linking", "Mention", "Person",
    "TitleKinds", "count_mentions", "extract_leaders", "fold", "load_publishers",
    "load_title_kinds", "make_leaders", "merge_mentions", "name_tokens", "parse_mention",
    "person_names", "publisher_state", "read_title_kinds", "rule_mentions", "strategy",
    "surname_of",
]
