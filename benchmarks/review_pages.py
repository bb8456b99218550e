"""Page-load times of the review app on a big output folder (target: first page < 300 ms).

Builds a synthetic output folder of N articles (default 10,000; rows written straight into
the state and tables, no model run: `pipeline.review.fixtures`), records some decisions,
starts the app and measures, side by side in one run:

- the app's start (the index build on a fresh folder, then a restart reusing the index);
- the first page, a filtered page (table + confidence + unreviewed + text search), a page
  sorted by lowest confidence, the last page, an article view, the unreviewed articles
  (page 20), the next unreviewed one (`/next`: the redirect over HTTP, the redirect and the
  article view with the test client, which follows it), a decision (POST);

each with the framework's test client (in process) and over HTTP against uvicorn on
127.0.0.1 (a bounded number of requests: --repeat per page). It prints the median and the
slowest load of each page, and its ratio to the 300 ms target.

    python benchmarks/review_pages.py [--articles 10000] [--repeat 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET = 0.300  # seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(get, path: str, repeat: int) -> tuple[float, float, float]:
    """First load, median and slowest of `repeat` loads of `path` (seconds)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code in (200, 303), (path, response.status_code, response.text[:300])
    return times[0], statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15, help="loads per page (bounded)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the folder here and keep it (default: a temp folder)")
    args = parser.parse_args()

    import httpx
    import uvicorn
    from starlette.testclient import TestClient

    from pipeline.review.app import create_app
    from pipeline.review.fixtures import synthetic_articles, write_folder
    from pipeline.review.folder import Filters, ReviewFolder

    root = args.keep or Path(tempfile.mkdtemp(prefix="review-bench-"))
    out = root / "out"
    shutil.rmtree(out, ignore_errors=True)
    try:
        started = time.perf_counter()
        write_folder(out, synthetic_articles(args.articles))
        built = time.perf_counter() - started
        folder = ReviewFolder(out)
        index_seconds = folder.index.build_seconds or 0.0
        totals = folder.totals()
        print(f"folder: {args.articles:,} articles, {totals['rows']:,} rows "
              f"(written in {built:.1f}s); index built in {index_seconds:.2f}s")
        # Some decisions, spread over the folder, so progress and filters have work to do.
        page = folder.articles(Filters(), page=1, per_page=400)
        decided = 0
        for item in page.items[::4]:
            view = folder.article(item.article_id)
            for row in (view.rows if view else [])[:3]:
                folder.decide(row.row_id, "accept", "bench", base=row.base)
                decided += 1
        print(f"decisions recorded: {decided}")

        started = time.perf_counter()
        app = create_app(out, reviewer="bench")
        restart = time.perf_counter() - started
        print(f"app start with the index already built: {restart * 1000:.0f} ms")

        middle = f"syn-{args.articles // 2:06d}"
        pages = {
            "first page": "/",
            "filtered page": "/?table=dates&conf=0.7&unreviewed=1&q=energy",
            "lowest confidence first": "/?sort=confidence",
            "last page": f"/?page={-(-args.articles // 50)}",
            "article view": f"/article?id={middle}",
            "unreviewed only": "/?unreviewed=1&page=20",
            "next unreviewed": f"/next?after={middle}",
        }
        results: dict[str, dict[str, tuple[float, float, float]]] = {}
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        results["test client"] = {name: timed(client.get, path, args.repeat)
                                  for name, path in pages.items()}

        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning", access_log=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.time() + 30
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
                results["HTTP (uvicorn)"] = {name: timed(http.get, path, args.repeat)
                                             for name, path in pages.items()}
                html = http.get(f"/article?id={middle}").text
                csrf = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
                rows = re.findall(r'data-row="([^"]+)" data-table="[^"]+" data-base="(\d+)"',
                                  html)
                times = []
                for rid, base in rows[:args.repeat]:
                    started = time.perf_counter()
                    response = http.post("/api/decide", json={"row_id": rid, "action": "accept",
                                                              "base": int(base)},
                                         headers={"X-CSRF-Token": csrf})
                    times.append(time.perf_counter() - started)
                    assert response.status_code == 200, response.text
                results["HTTP (uvicorn)"]["decision (POST)"] = (
                    times[0], statistics.median(times), max(times))
        finally:
            server.should_exit = True
            thread.join(timeout=10)

        print(f"\npage loads, {args.repeat} each (ms; ratio = median / {TARGET * 1000:.0f} ms "
              "target):")
        print(f"{'':26}{'client':>16}{'first':>8}{'median':>8}{'max':>8}{'ratio':>8}")
        worst = 0.0
        for how, found in results.items():
            for name, (first, median, slowest) in found.items():
                ratio = median / TARGET
                worst = max(worst, first / TARGET if name == "first page" else 0)
                print(f"{name:26}{how:>16}{first * 1000:8.1f}{median * 1000:8.1f}"
                      f"{slowest * 1000:8.1f}{ratio:8.2f}")
        print(f"\nfirst page, first load: {worst:.2f} of the target "
              f"({'under' if worst < 1 else 'OVER'} 300 ms)")
        return 0 if worst < 1 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
