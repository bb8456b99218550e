"""Publishers: the state whose government published an article (rows of kind
`government_publisher`), or the home state of the news outlet that did (`news_outlet`: a
national newspaper or broadcaster), from the article's URL host or source name
(models/gazetteers/publishers.csv)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pipeline.errors import DataError, Errors
from pipeline.gazetteers import read_gazetteer

PUBLISHERS_FILE = "publishers.csv"  # in models/gazetteers: source name or URL host -> state
PUBLISHER_KIND = "government_publisher"
OUTLET_KIND = "news_outlet"


def load_publishers(path: Path, kind: str = PUBLISHER_KIND) -> dict[str, str]:
    """Lower-cased source name or URL host -> ISO3 code of the government publishing there
    (`kind` news_outlet: of the outlet's home state). A row of another kind fails."""
    if not path.is_file():
        return {}
    out = {}
    for line, row in enumerate(read_gazetteer(path), start=2):
        if row.get("kind") not in (PUBLISHER_KIND, OUTLET_KIND):
            raise DataError(Errors.D011.format(path=path, line=line, value=row.get("kind"),
                                               kinds="the leaders extractor",
                                               choices=f"{PUBLISHER_KIND}, {OUTLET_KIND}"))
        if row["kind"] == kind:
            out[row["text"].lower()] = row["code"]
    return out


def _host_keys(host: str) -> list[str]:
    """'www.en.kremlin.ru' -> ['en.kremlin.ru', 'kremlin.ru'] (never a bare top-level domain)."""
    host = host.lower().strip(".")
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def publisher_state(source: str, url: str, publishers: dict[str, str]) -> str:
    """The state whose government publishes the article, from the host of `url` (or a parent
    domain) or the `source` name (whole, or its leading host-like word: "whitehouse.gov
    briefing room"); "" when `publishers` lists neither."""
    keys: list[str] = []
    if url:
        keys += _host_keys(urlsplit(url if "//" in url else f"//{url}").hostname or "")
    source = (source or "").strip().lower()
    if source:
        keys.append(source)
        first = source.split()[0]
        if "." in first:
            keys += _host_keys(urlsplit(first if "//" in first else f"//{first}").hostname
                               or "")
    return next((publishers[k] for k in keys if k in publishers), "")
