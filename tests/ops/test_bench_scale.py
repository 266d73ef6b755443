"""bench/scale.py's verdicts, on made-up figures; and bench/ never imports tests/."""

import ast
from pathlib import Path

from bench import scale


def point(floor, queue, p99=50.0):
    figures = {}
    for page in scale.SCALE_PAGES:
        rps = floor if page is scale.FLOOR else queue
        figures[page.name] = {
            "per_second": rps, "p50_ms": 10.0, "p99_ms": p99, "ratio_to_floor": rps / floor,
            "ratio_by_round": [rps / floor], "errors_all_rounds": 0,
        }  # fmt: skip
    return figures


def verdicts(rows, n, path):
    (row,) = [r for r in rows if r["intakes"] == n and r["path"] == path]
    return row["verdicts"]


def test_half_the_floor_fast_and_flat_passes():
    rows = scale.judge({10_000: point(200, 110), 100_000: point(180, 95)})
    assert verdicts(rows, 100_000, "/review/") == {"ratio": "PASS", "p99": "PASS", "flat": "PASS"}
    assert scale.summary(rows) == "all scale targets met"


def test_a_page_that_slows_with_n_fails_flat_even_if_above_half_the_floor():
    rows = scale.judge({10_000: point(200, 180), 100_000: point(200, 120)})
    assert verdicts(rows, 100_000, "/review/")["flat"] == "FAIL"
    assert verdicts(rows, 100_000, "/review/")["ratio"] == "PASS"


def test_a_slow_p99_fails():
    rows = scale.judge({10_000: point(200, 150, p99=140.0)})
    assert verdicts(rows, 10_000, "/review/") == {"ratio": "PASS", "p99": "FAIL"}
    assert "10,000 /review/ p99" in scale.summary(rows)


def test_bench_never_imports_the_test_package():
    for path in (Path(__file__).resolve().parents[2] / "bench").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "tests" for name in names), path
