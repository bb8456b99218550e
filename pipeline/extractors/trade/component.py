"""The `communique_trade` pipeline component: adds `TradeRow`s to `doc._.rows["trade"]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extractors.base import add_rows
from pipeline.extractors.leaders.publishers import (OUTLET_KIND, PUBLISHERS_FILE,
                                                    load_publishers, publisher_state)
from pipeline.extractors.trade.rows import extract_trade
from pipeline.normalizers.countries import copy_tables, own_tables, tables_in_use
from pipeline.normalizers.money import CURRENCIES_FILE, WORDS_FILE, MoneyTables
from pipeline.records import TradeRow
from pipeline.rules import component_dir


class TradeExtractor:
    """Adds `TradeRow`s to `doc._.rows["trade"]`. A government publisher's state
    (publishers.csv, as the leaders extractor reads it) is one of the article's economies:
    "China provided assistance of 10 million yuan" on the Sri Lankan presidency's site is
    between China and Sri Lanka. A news outlet's home state (publishers.csv, kind news_outlet)
    is no economy, but its currency is what an ambiguous symbol means there ("Rs." in a Sri
    Lankan paper is LKR, even in "the Indian government will provide Rs. 2,371 million")."""

    FILES = {"currencies.csv": CURRENCIES_FILE, "money_words.csv": WORDS_FILE,
             PUBLISHERS_FILE: Path("gazetteers") / PUBLISHERS_FILE}

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir
        self._tables: MoneyTables | None = None
        self._publishers: dict[str, str] = {}
        self._outlets: dict[str, str] = {}
        self._source: dict[str, Path] = {}
        self._countries = own_tables(component_dir(models_dir) / "gazetteers")

    @property
    def tables(self) -> MoneyTables:
        if self._tables is None:
            root = component_dir(self.models_dir)
            self._source = {name: root / rel for name, rel in self.FILES.items()}
            self._tables = MoneyTables.from_dir(root)
            self._publishers = load_publishers(self._source[PUBLISHERS_FILE])
            self._outlets = load_publishers(self._source[PUBLISHERS_FILE], OUTLET_KIND)
        return self._tables

    def __call__(self, doc: Doc) -> Doc:
        tables = self.tables
        source, url = doc._.source or "", doc._.url or ""
        publisher = publisher_state(source, url, self._publishers)
        home = publisher or publisher_state(source, url, self._outlets)
        with tables_in_use(self._countries):  # this rule set's states and organizations
            add_rows(doc, TradeRow.TABLE, extract_trade(doc, tables, publisher, home))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the currency and money-word tables this component reads."""
        self.tables  # noqa: B018 - resolves the source files
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, source in self._source.items():
            if source.is_file():  # a rule set may have no publishers.csv
                (path / name).write_bytes(source.read_bytes())
        copy_tables(self._countries, path)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> TradeExtractor:
        path = Path(path)
        self._source = {name: path / name for name in self.FILES}
        self._tables = MoneyTables.from_files(path / "currencies.csv", path / "money_words.csv")
        self._publishers = load_publishers(path / PUBLISHERS_FILE)
        self._outlets = load_publishers(path / PUBLISHERS_FILE, OUTLET_KIND)
        self._countries = own_tables(path)
        return self


@Language.factory("communique_trade", assigns=["doc._.rows", "doc.spans"],
                  default_config={"models_dir": ""})
def make_trade(nlp: Language, name: str, models_dir: str) -> TradeExtractor:
    return TradeExtractor(nlp, name, models_dir)
