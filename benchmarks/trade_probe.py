"""A broad probe for trade items on unannotated articles (not a test).

    .venv/bin/python benchmarks/trade_probe.py OUT.jsonl [--n 300] [--part 0] [--seed 0]
    .venv/bin/python benchmarks/trade_probe.py --read OUT.jsonl [--show 60] [--covered]

Finds every currency amount in N articles of ../shared/corpus (a regular expression that does
not share the extractor's rules: a currency symbol, code or name next to a number, and bare
scaled numbers such as "1.1 billion" in an article that has a currency amount elsewhere), runs
the pipeline, and writes one line per probe hit with whether a trade row overlaps it, and one
line per trade row with whether a probe hit overlaps it. `--read` prints a random sample of
the hits no row covers (or, with `--covered`, of the rows) with their sentences, to be judged
by corpus/gold/GUIDELINES.md, and the counts. Articles are drawn round-robin from streams of
the sources where amounts between states occur (Reuters' economic topics most), the
held-out, tuning and dev-sample ids excluded; `--part k` takes the k-th slice of N of that
sequence, so part 0 and part 1 are disjoint samples (one to study, one fresh to measure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rows_diff import gold_ids, heldout_ids, record_docs  # noqa: E402

SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared")) / "corpus"
ECONOMIC = {"trade", "money-fx", "interest", "bop", "reserves", "gnp", "dlr", "yen", "dmk",
            "money-supply", "ipi", "cpi", "income", "crude", "grain", "wheat", "sugar",
            "coffee", "veg-oil", "ship", "nat-gas", "jobs", "retail"}
# (file, filter, slots per round): Reuters' economic topics take the most slots
STREAMS = [("reuters21578.jsonl", lambda r: bool(ECONOMIC & set(r.get("topics") or [])), 3),
           ("bbc_fulltext.jsonl", lambda r: r.get("category") == "business", 2),
           ("bbc_fulltext.jsonl", lambda r: r.get("category") == "politics", 1),
           ("tass_politics_sample.jsonl", None, 1), ("lk_news_diplomatic.jsonl", None, 1),
           ("srilanka_pmd_en.jsonl", None, 1), ("kremlin_en_news.jsonl", None, 1),
           ("ukraine_president_news.jsonl", None, 1), ("wh_briefings_diplomatic.jsonl", None, 1)]

_NUM = r"(?:\d[\d,]*(?:\.\d+)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|" \
       r"thirty|forty|fifty|hundred)(?:[ -](?:and a half|hundred|point \d+))?)"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|bn|mn|m|tn|trn|tln|crores?|lakhs?|k)"
_CUR = (r"(?:(?:U\.?S\.?|American|Australian|Canadian|Hong Kong|H\.?K\.?|Singapore|Taiwan|"
        r"N\.?Z\.?|New Zealand|Sri Lanka[n]?|Indian|Pakistani|Russian|Japanese|Chinese|Swiss|"
        r"French|Belgian|West German|German|Dutch|Italian|Saudi|Egyptian|British|Irish|"
        r"Swedish|Danish|Norwegian|Mexican|Turkish|Kuwaiti|CFA) )?"
        r"(?:dollars?|dlrs?|dls|euros?|pounds?(?: sterling)?|stg|sterling|yen|yuan|renminbi|"
        r"r[ou]bles?|rupees?|francs?|marks|d-marks|deutschmarks|guilders|lire|lira|pesetas|"
        r"escudos|schillings|shillings|drachmas|crowns|kronor|kroner|ecus?|rand|pesos|"
        r"cruzados|australs|won|baht|ringgit|rupiah|dong|taka|tenge|riyals?|dirhams?|"
        r"dinars?|rials?|shekels|naira|zlotys?|forints|hryvnias?|manats?|soms?|soums?|"
        r"special drawing rights|SDRs?|XDR|USD|EUR|GBP|JPY|CNY|RMB|RUB|LKR|INR|CHF|AUD|"
        r"CAD|DM|UAH|KZT)")
_SYMBOL = r"(?:(?:US|U\.S\.|A|C|NZ|HK|S|NT|R)?\$|£|€|¥|₽|₹|Â£|â‚¬|Rs\.?|LKR|USD|US ?\$|EUR|RMB)"
MONEY = re.compile(
    rf"(?:\b{_SYMBOL}\s?{_NUM}(?:\s?-?{_SCALE}\b)?"
    rf"|(?<![\w.]){_NUM}(?:\s?-?{_SCALE})?\s+(?:of\s+)?{_CUR}\b"
    rf"|(?<![\w.]){_SYMBOL}\s?{_NUM}(?:\s?{_SCALE}\b)?)", re.I)
BARE = re.compile(rf"(?<![\w.$£€¥]){_NUM}\s?(?:million|billion|trillion|mln|bln|bn)\b"
                  r"(?=\s*(?:[,.;)]|in\b|from\b|to\b|against\b|a\b|and\b|or\b|last\b|this\b|"
                  r"the\b|at\b|for\b|compared\b|on\b|$))", re.I)


def skip_ids() -> set[str]:
    """Held-out ids (never read), every annotated or drawn id and the dev sample (already
    studied)."""
    ids = heldout_ids() | gold_ids()
    dev = SHARED / "dev_sample.jsonl"
    if dev.is_file():
        with open(dev, encoding="utf-8") as fh:
            ids.update(json.loads(line)["id"] for line in fh if line.strip())
    return ids


def _stream(path: Path, keep, seed: int, skip: set[str]) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        records = [r for r in map(json.loads, fh) if (r.get("text") or "").strip()
                   and r["id"] not in skip and (keep is None or keep(r))
                   and MONEY.search(r["text"])]
    random.Random(f"{seed}:{path.name}").shuffle(records)
    yield from records


def draw(corpus: Path, n: int, part: int, seed: int) -> list[dict]:
    """The `part`-th slice of n records of the round-robin sequence over STREAMS."""
    skip = skip_ids()
    streams = [(_stream(corpus / f, keep, seed, skip), slots) for f, keep, slots in STREAMS]
    seen: set[str] = set()
    out: list[dict] = []
    want = n * (part + 1)
    while streams and len(out) < want:
        for entry in list(streams):
            stream, slots = entry
            for _ in range(slots):
                record = next(stream, None)
                if record is None:
                    streams.remove(entry)
                    break
                if record["id"] not in seen and len(out) < want:
                    seen.add(record["id"])
                    out.append(record)
    return out[n * part:]


def probe_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of currency amounts; bare scaled numbers only when the article has a
    currency amount before them."""
    hits = [(m.start(), m.end(), "currency") for m in MONEY.finditer(text)]
    first = min((h[0] for h in hits), default=None)
    for m in BARE.finditer(text):
        if first is not None and m.start() > first and not any(
                s < m.end() and m.start() < e for s, e, _ in hits):
            hits.append((m.start(), m.end(), "bare"))
    return sorted(hits)


def run(args: argparse.Namespace) -> None:
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    records = draw(args.corpus, args.n, args.part, args.seed)
    nlp = build_pipeline()

    counts = {"articles": len(records), "hits": 0, "covered": 0, "rows": 0, "rows_hit": 0}
    with open(args.out, "w", encoding="utf-8") as fh:
        for record, doc in zip(records, nlp.pipe(record_docs(nlp, records), batch_size=16)):
            rows = rows_of(doc).get("trade", [])
            hits = probe_hits(doc.text)
            for start, end, hit_kind in hits:
                span = doc.char_span(start, end, alignment_mode="expand")
                covering = [r for r in rows if int(r["start"]) < end and start < int(r["end"])]
                counts["hits"] += 1
                counts["covered"] += bool(covering)
                fh.write(json.dumps({"type": "hit", "id": record["id"], "kind": hit_kind,
                                     "text": doc.text[start:end], "start": start,
                                     "covered": bool(covering),
                                     "sentence": span.sent.text if span is not None else ""},
                                    ensure_ascii=False) + "\n")
            for row in rows:
                hit = any(s < int(row["end"]) and int(row["start"]) < e for s, e, _ in hits)
                counts["rows"] += 1
                counts["rows_hit"] += hit
                fh.write(json.dumps({"type": "row", "id": record["id"], "hit": hit,
                                     **{k: row.get(k) for k in (
                                         "text", "amount", "currency", "measure", "countries",
                                         "period", "approximate", "rule", "sentence")}},
                                    ensure_ascii=False) + "\n")
    print(json.dumps(counts))


def read(args: argparse.Namespace) -> None:
    with open(args.read, encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh]
    hits = [x for x in lines if x["type"] == "hit"]
    rows = [x for x in lines if x["type"] == "row"]
    missed = [h for h in hits if not h["covered"]]
    print(f"{len({x['id'] for x in lines})} articles with hits or rows; {len(hits)} hits, "
          f"{len(missed)} not covered by a row; {len(rows)} rows")
    pool = rows if args.covered else missed
    rng = random.Random(args.seed)
    for i, x in enumerate(rng.sample(pool, min(args.show, len(pool)))):
        if args.covered:
            print(f"{i:3} [{x['id']}] {x['text']!r} {x['amount']} {x['currency']} "
                  f"{x['measure']} {x['countries']} {x['period']!r} {x['rule']}")
        else:
            print(f"{i:3} [{x['id']}] {x['kind']} {x['text']!r}")
        print(f"      | {x['sentence'][:500]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--part", type=int, default=0, help="which disjoint slice of N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--read", type=Path, help="print a sample of a probe file")
    parser.add_argument("--show", type=int, default=60)
    parser.add_argument("--covered", action="store_true", help="sample the rows instead")
    args = parser.parse_args()
    if args.read:
        read(args)
        return
    if args.out is None:
        parser.error("OUT is required unless --read")
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    run(args)


if __name__ == "__main__":
    main()
