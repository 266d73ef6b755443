"""A throwaway stack for the fault tests: PostgreSQL, Redis and gunicorn of their own.

Everything runs on spare ports on 127.0.0.1 with data in temporary folders that are
removed afterwards. The machine's shared PostgreSQL (5432) and Redis (6379) are
never touched: this module refuses those ports.
"""

import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
SHARED_PORTS = {5432, 6379}
DB_NAME = "clinic_faults"


class StackError(Exception):
    pass


def missing_tools():
    """The programs the stack needs that this machine lacks."""
    needed = [PG_BIN / "initdb", PG_BIN / "pg_ctl", VENV_BIN / "gunicorn"]
    missing = [str(path) for path in needed if not os.access(path, os.X_OK)]
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    return missing


def free_port():
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in SHARED_PORTS:
            return port


def _run(command, *, timeout=60, **kwargs):
    result = subprocess.run(  # noqa: S603 - fixed programs, test-owned arguments
        command, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )
    if result.returncode != 0:
        raise StackError(
            f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class Postgres:
    """A PostgreSQL cluster of its own (initdb), started and stopped with pg_ctl.

    initdb refuses to run as root, so as root every PostgreSQL program runs as the
    `postgres` OS user in a temporary folder it owns."""

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="clinic-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres", group="postgres")
            self.as_user = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", "postgres", "--"]
        self.initialised = False

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{DB_NAME}"

    def _pg(self, program, *args, timeout=60):
        return _run([*self.as_user, str(PG_BIN / program), *args], timeout=timeout)

    def init(self):
        self._pg(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.initialised = True

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
                 "-o", options, "start")  # fmt: skip

    def stop(self):
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def is_running(self):
        if not self.initialised:
            return False
        result = subprocess.run(  # noqa: S603
            [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True, check=False,
        )  # fmt: skip
        return result.returncode == 0

    def create_database(self):
        self.sql(f'CREATE DATABASE "{DB_NAME}"', database="postgres", autocommit=True)

    def sql(self, query, params=(), *, database=DB_NAME, autocommit=False):
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database,
            autocommit=autocommit, connect_timeout=5,
        ) as conn, conn.cursor() as cursor:  # fmt: skip
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    def cleanup(self):
        try:
            if self.is_running():
                self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A redis-server of its own: no persistence, its own port and folder."""

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="clinic-faults-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        log = open(self.root / "redis.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.process.log = log
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(f"redis-server exited; see {self.root / 'redis.log'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise StackError("redis-server did not answer PING within 10 s")

    def is_running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: redis-server shuts down cleanly
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.log.close()

    def cleanup(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Gunicorn:
    """The app as deployed: gunicorn.conf.py, production settings (static files
    collected into a temporary folder), 2 sync workers."""

    def __init__(self, *, database_url, redis_url, **extra_env):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="clinic-faults-app-"))
        self.log_path = self.root / "gunicorn.log"
        self.process = None
        self.log = None
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))},
            "DJANGO_SETTINGS_MODULE": "tests.ops.fault_settings",
            "FAULTS_STATIC_ROOT": str(self.root / "static"),
            "SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CONN_MAX_AGE": "60",
            "EMAIL_URL": "dummymail://",
            "LOG_FORMAT": "text",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "1",
            "PYTHONUNBUFFERED": "1",
            "ENV_FILE": "",  # a developer's .env must not point the server elsewhere
            # Production's file cache (no Redis) goes in the run's own folder.
            "CACHE_DIR": str(self.root / "cache"),
            **extra_env,
        }

    def manage(self, *args):
        _run([str(VENV_BIN / "python"), "manage.py", *args], cwd=BASE_DIR, env=self.env,
             timeout=180)  # fmt: skip

    def prepare(self):
        self.manage("migrate", "--noinput")
        self.manage("load_clinic_content")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                if Client(self.port).get("/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise StackError(f"gunicorn: /healthz not 200 within 60 s:\n{self.log_tail()}")

    def master_pid(self):
        return self.process.pid

    def log_tail(self, lines=60):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def last_traceback(self):
        """Where the last exception gunicorn logged came from: the project's own
        frames (not the virtualenv's) and the exception line."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        start = text.rfind("Traceback (most recent call last)")
        if start == -1:
            return "(no traceback in the log)"
        lines = text[start:].splitlines()
        shown = []
        for index, line in enumerate(lines[1:], 1):
            if not line.startswith(" "):
                shown.append(line)
                break
            if line.startswith(f'  File "{BASE_DIR}/') and "/.venv/" not in line:
                shown += [line, lines[index + 1] if index + 1 < len(lines) else ""]
        return "\n".join(shown)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        if self.log is not None:
            self.log.close()
            self.log = None

    def cleanup(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("Location", "")


class Client:
    """A small browser over plain HTTP: it says it came through the TLS proxy
    (X-Forwarded-Proto: https, which production trusts), keeps cookies whatever
    their Secure flag, and sends the CSRF token and Origin on POSTs."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.port}"

    def _store(self, headers):
        for header in headers.get_all("Set-Cookie") or ():
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                expired = morsel["max-age"] == "0" or (
                    morsel["expires"] and "1970" in morsel["expires"]
                )
                if expired or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def request(self, method, path, data=None, *, timeout=10):
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(data or {}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            content = raw.read()
        finally:
            conn.close()
        self._store(raw.headers)
        return Response(raw.status, raw.headers, content, time.monotonic() - started)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data, **kwargs)


def submission_key_in(page):
    match = re.search(r'name="submission_key"[^>]*value="([0-9a-f-]{36})"', page)
    if match is None:
        match = re.search(r'value="([0-9a-f-]{36})"[^>]*name="submission_key"', page)
    return html.unescape(match.group(1)) if match else None
