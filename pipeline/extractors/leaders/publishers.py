"""Government publishers: the state whose government published an article, from its URL host
or source name (models/gazetteers/publishers.csv, rows of kind `government_publisher`)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pipeline.gazetteers import read_gazetteer

PUBLISHERS_FILE = "publishers.csv"  # in models/gazetteers: source name or URL host -> state
PUBLISHER_KIND = "government_publisher"


def load_publishers(path: Path) -> dict[str, str]:
    """Lower-cased source name or URL host -> ISO3 code of the government publishing there."""
    if not path.is_file():
        return {}
    return {row["text"].lower(): row["code"] for row in read_gazetteer(path)
            if row.get("kind") == PUBLISHER_KIND}


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
