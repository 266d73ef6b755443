"""`make lighthouse`: Lighthouse (mobile) on the patient pages, served as in production.

Serves the site with production settings (DEBUG off, collected and compressed static
files, gunicorn) on its own port and its own SQLite database under var/lighthouse/, then
runs Lighthouse 12 (ops/lighthouse/package.json; 13.x needs Node 22) with Debian's
chromium on: home, the scar guide, an explainer, compare, an intake step and a personal
guide. For each it reports the four category scores, the first load's compressed weight
(Lighthouse's total-byte-weight: every request's transfer size, pictures included) and
the cumulative layout shift, then checks them against issue 14's targets:

- performance, accessibility and best practices 100 on every page;
- SEO 100 on the public pages (intake steps and the guide are noindex on purpose);
- first load at most 100 KB; CLS 0.

Writes var/lighthouse/<page>.json (Lighthouse's full reports) and summary.md (the table
for docs/benchmarks.md). Exits 1 when a target is missed. Options (environment):
LIGHTHOUSE_PORT (default 8101), LIGHTHOUSE_PAGES (names, comma-separated).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUT = ROOT / "var" / "lighthouse"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"

BUDGET_BYTES = 100 * 1024
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    public: bool  # indexed by search engines, so SEO must be 100


PAGES = [
    Page("home", "/", True),
    Page("scar-guide", "/learn/", True),
    Page("explainer", "/learn/treatments/fractional-lasers/", True),
    Page("compare", "/learn/compare/", True),
    Page("intake-step", "/intake/about-you/", False),
    Page("guide", "{guide}", False),
]

# Makes one submitted intake and prints its guide's address (the token is derived from
# the submission key, so it is known only here).
GUIDE_SNIPPET = """
import uuid
from intake import services
from intake.models import guide_url
from tests.intake.answers import validated_answers
key = uuid.UUID({key!r})
services.intake_submit(answers=validated_answers(), submission_key=key)
print(guide_url(services.guide_token_for(key)))
"""


def server_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{OUT / 'db.sqlite3'}",
        CACHE_DIR=str(OUT / "cache"),
        SITE_URL=f"http://localhost:{port}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        LOG_LEVEL="WARNING",
    )
    env.setdefault("CLINIC_PHONE", "(555) 010-0199")
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603 - the project's own manage.py
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout


def prepare(env):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "db.sqlite3").unlink(missing_ok=True)
    shutil.rmtree(OUT / "cache", ignore_errors=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_clinic_content")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    snippet = GUIDE_SNIPPET.format(key=str(uuid.uuid4()))
    printed = manage(env, "shell", "--no-imports", "-c", snippet, capture=True)
    return printed.strip().splitlines()[-1]


def refuse_busy_port(port):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is in use; stop that server or set LIGHTHOUSE_PORT")


def wait_until_up(base, server):
    for _ in range(60):
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting; see its output above")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):  # noqa: S310 (our own server)
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server at {base} did not answer /healthz")


def audit(url, name):
    report = OUT / f"{name}.json"
    subprocess.run(  # noqa: S603 - the pinned Lighthouse, our own server's address
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        "scores": {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES},
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": [
            audit_id
            for category in data["categories"].values()
            for ref in category["auditRefs"]
            if ref["weight"] > 0
            for audit_id in [ref["id"]]
            if audits[audit_id]["score"] is not None and audits[audit_id]["score"] < 1
        ],
    }


def misses(page, result):
    found = []
    for key in CATEGORIES:
        if key == "seo" and not page.public:
            continue
        if result["scores"][key] < 100:
            found.append(f"{key} {result['scores'][key]}")
    if result["bytes"] > BUDGET_BYTES:
        found.append(f"first load {result['bytes']} bytes > {BUDGET_BYTES}")
    if result["cls"] != 0:
        found.append(f"CLS {result['cls']}")
    return found


def summary(results):
    machine = (
        f"{platform.node()} ({platform.machine()}, {os.cpu_count()} cores, {platform.system()})"
    )
    chromium = subprocess.run(  # noqa: S603 - the system chromium
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout
    lines = [
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {machine}; "
        f"Lighthouse 12.2.3 (mobile, simulated throttling), {chromium.strip()}, "
        "gunicorn with 2 workers, production settings, SQLite.",
        "",
        "| page | path | performance | accessibility | best practices | SEO | first load (KB) "
        "| CLS |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page, path, result in results:
        s = result["scores"]
        seo = f"{s['seo']}" if page.public else f"{s['seo']} (noindex on purpose)"
        shown = "/intake/guide/…/" if page.name == "guide" else path
        lines.append(
            f"| {page.name} | `{shown}` | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {seo} | {result['bytes'] / 1024:.1f} | {result['cls']:g} |"
        )
    return "\n".join(lines) + "\n"


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci --prefix ops/lighthouse")
    port = int(os.environ.get("LIGHTHOUSE_PORT", "8101"))
    wanted = [n for n in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if n]
    pages = [page for page in PAGES if not wanted or page.name in wanted]
    refuse_busy_port(port)
    env = server_env(port)
    guide = prepare(env)
    base = f"http://localhost:{port}"
    server = subprocess.Popen([GUNICORN, "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)  # noqa: S603
    results, failures = [], []
    try:
        wait_until_up(base, server)
        for page in pages:
            path = page.path.format(guide=guide)
            result = audit(base + path, page.name)
            results.append((page, path, result))
            missed = misses(page, result)
            print(f"{page.name:12} {result['scores']} {result['bytes']} B CLS {result['cls']:g}")
            if missed:
                failures.append(f"{page.name}: {', '.join(missed)} (audits: {result['failed']})")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = summary(results)
    (OUT / "summary.md").write_text(text)
    print("\n" + text)
    if failures:
        print("Targets missed:\n" + "\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
