"""The review workspace at a clinic group's scale (`make bench`, scenario review_scale).

The same pages at each of BENCH_SCALE_POINTS intakes (default 10,000 then 100,000: the
second point is reached by adding intakes to the same database in the same run), each
with wrk at BENCH_SCALE_CLIENTS (4) signed-in dermatologists:

- the signed-in floor (/review/bench-floor/), the ceiling for any review page;
- the review queue (/review/, first page of 25);
- an intake page (/review/AS-B0000001/, audited like any view);
- a search by surname (/review/?q=Lindqvist: 30 intakes have that name at every N,
  so the page shows the same full page of 25 at both points).

Judged in the same run (SCALE_TARGETS): each page >= 0.5 x the floor's req/s (the
queue's target; the intake page and search are judged the same way), p99 < 100 ms, and
flat in N: each page's ratio to the floor at the last point within 10 % of the first.
Ratios to the floor measured minutes apart in one run, not absolute req/s, carry the
verdict, because the machine's load drifts.
"""

import statistics

from bench.scenarios import Page
from bench.seed import RARE_SURNAME

QUEUE_MIN_FLOOR_RATIO = 0.5
P99_MAX_MS = 100.0
FLAT_WITHIN = 0.10
SEARCH_SURNAME = RARE_SURNAME  # bench/seed.py gives it to 30 intakes at every N

FLOOR = Page("scale_floor", "/review/bench-floor/", "signed-in floor", session=True,
             must_contain="signed-in floor")  # fmt: skip
SCALE_PAGES = (
    FLOOR,
    Page("scale_queue", "/review/", "review queue, first 25", session=True,
         must_contain='href="/review/AS-', min_occurrences=25),
    Page("scale_intake", "/review/AS-B0000001/", "one intake (audited)", session=True,
         must_contain="AS-B0000001"),
    Page("scale_search", f"/review/?q={SEARCH_SURNAME}", "search by surname", session=True,
         must_contain='href="/review/AS-', min_occurrences=25),
)  # fmt: skip


def measure_point(*, run_wrk, wrk, cfg, staff, access, rounds):
    """Every page `rounds` times at cfg['scale_clients'] connections; per page, the
    round with the median ratio to the floor run just before it."""
    point_cfg = {**cfg, "clients": cfg["scale_clients"]}
    by_page = {page.name: [] for page in SCALE_PAGES}
    for round_number in range(1, rounds + 1):
        floor = None
        for page in SCALE_PAGES:
            figures = run_wrk(wrk, point_cfg, page, staff, f"GET {page.path}", access)
            figures["round"] = round_number
            if page is FLOOR:
                floor = figures
            figures["floor_per_second"] = floor["per_second"]
            figures["ratio_to_floor"] = figures["per_second"] / floor["per_second"]
            by_page[page.name].append(figures)
    chosen = {}
    for name, runs in by_page.items():
        ranked = sorted(runs, key=lambda f: f["ratio_to_floor"])
        median = dict(ranked[(len(ranked) - 1) // 2])
        median["ratio_by_round"] = [round(f["ratio_to_floor"], 3) for f in runs]
        median["p99_by_round"] = [round(f["p99_ms"], 1) for f in runs]
        median["errors_all_rounds"] = sum(f["errors"] for f in runs)
        median.pop("wrk_output", None)
        chosen[name] = median
    return chosen


def judge(points):
    """Rows: (N, path, req/s, p50, p99, ratio to floor, flat, verdicts)."""
    counts = sorted(points)
    first, last = counts[0], counts[-1]
    rows = []
    for n in counts:
        for page in SCALE_PAGES:
            f = points[n][page.name]
            verdicts = []
            if page is not FLOOR:
                verdicts.append(("ratio", f["ratio_to_floor"] >= QUEUE_MIN_FLOOR_RATIO))
                verdicts.append(("p99", f["p99_ms"] < P99_MAX_MS))
            flat = None
            if n == last and last != first and page is not FLOOR:
                flat = f["ratio_to_floor"] / points[first][page.name]["ratio_to_floor"]
                verdicts.append(("flat", flat >= 1 - FLAT_WITHIN))
            rows.append({
                "intakes": n, "path": page.path, "per_second": f["per_second"],
                "p50_ms": f["p50_ms"], "p99_ms": f["p99_ms"],
                "ratio_to_floor": f["ratio_to_floor"], "flat_vs_first": flat,
                "server_p50_ms": f.get("server_p50_ms"), "server_p99_ms": f.get("server_p99_ms"),
                "verdicts": {k: ("PASS" if ok else "FAIL") for k, ok in verdicts},
                "ratio_by_round": f["ratio_by_round"], "errors": f["errors_all_rounds"],
            })  # fmt: skip
    return rows


def _fmt(value, spec):
    return "-" if value is None else format(value, spec)


def markdown(rows, clients):
    lines = [
        f"Review workspace at scale: wrk -c{clients} (signed-in dermatologists); targets: "
        f">= {QUEUE_MIN_FLOOR_RATIO} x the signed-in floor's req/s, p99 < {P99_MAX_MS:g} ms, "
        f"ratio to the floor at the last N within {FLAT_WITHIN:.0%} of the first.",
        "",
        "| intakes | path | req/s | p50 ms | p99 ms | ratio to floor | vs first N | ratio "
        "| p99 | flat | server p50 | server p99 |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|",
    ]
    for r in rows:
        v = r["verdicts"]
        lines.append(
            f"| {r['intakes']:,} | `{r['path']}` | {r['per_second']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['ratio_to_floor']:.2f} | {_fmt(r['flat_vs_first'], '.2f')} "
            f"| {v.get('ratio', '')} | {v.get('p99', '')} | {v.get('flat', '')} "
            f"| {_fmt(r['server_p50_ms'], '.1f')} | {_fmt(r['server_p99_ms'], '.1f')} |"
        )
    lines += ["", "Ratio to the floor by round: " + "; ".join(
        f"{r['intakes']:,} {r['path']} " + ", ".join(f"{x:.2f}" for x in r["ratio_by_round"])
        for r in rows if r["path"] != FLOOR.path
    ) + ".", ""]  # fmt: skip
    return "\n".join(lines)


def summary(rows):
    failed = [f"{r['intakes']:,} {r['path']} {k}" for r in rows
              for k, v in r["verdicts"].items() if v == "FAIL"]  # fmt: skip
    return "all scale targets met" if not failed else "missed: " + ", ".join(failed)


def median(values):
    return statistics.median(values) if values else None
