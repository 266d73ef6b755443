"""Two app instances behind a real load balancer: a throwaway PostgreSQL and Redis,
two gunicorn instances (production settings, each with its own collectstatic, as on
two servers) and Debian's nginx with the shipped proxy rules (ops/nginx/), all on
loopback. Proves the app servers are stateless: sessions, second factor, drafts, rate
limits and the content cache live in PostgreSQL and Redis; static files hash alike;
nginx's passive health check takes a killed instance out."""

import html
import os
import re
import secrets
import signal
import socket
import time
import urllib.parse
from dataclasses import dataclass

import pytest

from tests.intake.answers import VALID_STEPS
from tests.ops import stack as ops
from tests.ops.conftest import _skip_or_fail
from tests.ops.nginx import Nginx, nginx_binary
from tests.ops.test_faults import assert_saved_whole

STAFF = "derm.two"
STAFF_PASSWORD = "two-instances-" + os.urandom(8).hex()
TOTP_KEY = os.urandom(20).hex()
RATE_LIMIT = 3


class ProxyClient(ops.Client):
    """A browser talking to nginx: nginx passes Host without the port ($host)."""

    @property
    def origin(self):
        return "https://127.0.0.1"


@dataclass
class Cluster:
    postgres: ops.Postgres
    redis: ops.Redis
    a: ops.Gunicorn
    b: ops.Gunicorn
    nginx: Nginx

    def client(self):
        return ProxyClient(self.nginx.port)

    def port_of(self, response):
        """Which instance answered (the last one nginx tried)."""
        tried = response.headers.get("X-Clinic-Upstream", "")
        return int(tried.rsplit(":", 1)[-1]) if tried else None


# Every instance must share SECRET_KEY: sessions and their auth hash are signed with it.
SECRET_KEY = secrets.token_urlsafe(48)


def instance_env(**extra):
    return {
        "SECRET_KEY": SECRET_KEY,
        "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        "INTAKE_RATE_LIMIT": str(RATE_LIMIT),
        "LOG_FORMAT": "json",
        "STAFF_PASSWORD": STAFF_PASSWORD,
        **extra,
    }


@pytest.fixture(scope="module")
def cluster():
    _skip_or_fail()
    if nginx_binary() is None:
        message = "the two-instance test needs nginx (apt-get install -y nginx)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI installs it in .ci/run", pytrace=False)
        pytest.skip(message)
    postgres, redis = ops.Postgres(), ops.Redis()
    a = b = proxy = None
    try:
        postgres.init()
        postgres.start()
        postgres.create_database()
        redis.start()
        a = ops.Gunicorn(database_url=postgres.url, redis_url=redis.url, **instance_env())
        b = ops.Gunicorn(database_url=postgres.url, redis_url=redis.url, **instance_env())
        a.prepare()
        b.manage("collectstatic", "--noinput", "-v", "0")  # B's own, as on another server
        a.manage("create_staff", STAFF, "--role", "dermatologist")
        a.manage(
            "shell", "-c",
            "from django.contrib.auth.models import User; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            f"TOTPDevice.objects.create(user=User.objects.get(username='{STAFF}'), "
            f"name='phone', key='{TOTP_KEY}', confirmed=True)",
        )  # fmt: skip
        a.start()
        b.start()
        proxy = Nginx([a.port, b.port])
        proxy.start()
        yield Cluster(postgres, redis, a, b, proxy)
    finally:
        for part in (proxy, b, a, redis, postgres):
            if part is not None:
                try:
                    part.cleanup()
                except Exception as error:  # noqa: BLE001 - clean up the rest anyway
                    print(f"cleanup of {type(part).__name__} failed: {error}")


@pytest.fixture
def both_up(cluster):
    for app in (cluster.a, cluster.b):
        if app.process is None or app.process.poll() is not None:
            app.start()
    # Past nginx's fail_timeout for an instance it had marked down.
    deadline = time.monotonic() + 30
    seen = set()
    while seen != {cluster.a.port, cluster.b.port}:
        assert time.monotonic() < deadline, f"nginx sends to {seen} only"
        seen.add(cluster.port_of(cluster.client().get("/healthz")))
        time.sleep(0.2)
    return cluster


def wait_until_refused(port, timeout=10):
    """Until no process of a killed instance holds its socket. The master's exit comes
    first; a dying worker can still accept a connection for a moment, and a POST sent
    into it is lost mid-request, which nginx rightly does not send again (a request
    that may have been handled is never repeated: ops/nginx/clinic-proxy.conf). The
    test is of an instance that is gone, so it waits for that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return
        time.sleep(0.05)
    raise AssertionError(f"port {port} still accepts connections {timeout} s after the kill")


def instances_answering(cluster, client, path, times=6, expect=200):
    ports = set()
    for _ in range(times):
        response = client.get(path)
        assert response.status == expect, (path, response.status, response.text[:500])
        ports.add(cluster.port_of(response))
    return ports


def _local(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(client):
    """Password, then the authenticator's code (django-otp's own TOTP), following
    the redirects as a browser does; ends signed in on the review queue."""
    from django_otp.oath import totp

    assert client.get("/accounts/login/?next=/review/").status == 200
    response = client.post(
        "/accounts/login/?next=/review/", {"username": STAFF, "password": STAFF_PASSWORD}
    )
    assert response.status == 302, response.text[:1000]
    location = _local(response.location)
    chain = [("POST /accounts/login/", response.status, location)]
    for _ in range(5):
        page = client.get(location)
        chain.append((location, page.status, page.location))
        if page.status == 200 and "/two-factor/" in location:
            code = f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
            nxt = re.search(r'name="next"[^>]*value="([^"]*)"', page.text)
            form = {"code": code, **({"next": html.unescape(nxt[1])} if nxt else {})}
            page = client.post(location, form)
            assert page.status == 302, page.text[:1000]
            chain.append(("POST two-factor", page.status, page.location))
        elif page.status == 200:
            assert location.startswith("/review/"), location
            return
        location = _local(page.location)
    pytest.fail(
        f"signing in did not reach the review queue: {chain} cookies {list(client.cookies)}"
    )


def test_a_dermatologists_session_and_second_factor_hold_on_both_instances(both_up):
    doctor = both_up.client()
    sign_in(doctor)
    ports = instances_answering(both_up, doctor, "/review/")
    assert ports == {both_up.a.port, both_up.b.port}
    # Straight to each instance too (no proxy in between): the same session works.
    for app in (both_up.a, both_up.b):
        direct = ops.Client(app.port)
        direct.cookies = dict(doctor.cookies)
        assert direct.get("/review/").status == 200


def test_static_files_carry_the_same_hashes_from_both(both_up):
    pages = [ops.Client(app.port).get("/learn/").text for app in (both_up.a, both_up.b)]
    names = [
        sorted(set(re.findall(r'/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js)', p))) for p in pages
    ]
    assert names[0] and names[0] == names[1], names
    for name in names[0]:
        bodies = [ops.Client(app.port).get(name).body for app in (both_up.a, both_up.b)]
        assert bodies[0] == bodies[1] and bodies[0], name


def test_the_content_cache_is_shared(both_up):
    """An editor's change, made through one instance's code, shows on both: the page
    cache and its content version live in Redis, not in a process."""
    before = [
        re.sub(r"127\.0\.0\.1:\d+", "HOST", ops.Client(app.port).get("/learn/treatments/").text)
        for app in (both_up.a, both_up.b)
    ]
    assert before[0] == before[1]
    marker = f"Shared-cache-check {os.urandom(3).hex()}"
    both_up.a.manage(
        "shell", "-c",
        "from education.models import Treatment; t = Treatment.objects.published().first(); "
        f"t.summary = '{marker}. ' + t.summary; t.save()",
    )  # fmt: skip
    for app in (both_up.a, both_up.b):
        assert marker in ops.Client(app.port).get("/learn/treatments/").text, app.port


def test_the_submission_rate_limit_is_shared(both_up):
    """INTAKE_RATE_LIMIT per client address, counted in Redis: slots taken on one
    instance are gone on the other."""
    statuses = []
    apps = [both_up.a, both_up.b, both_up.a, both_up.b]
    for app in apps[: RATE_LIMIT + 1]:
        patient = ops.Client(app.port)
        for slug, data in VALID_STEPS.items():
            patient.get(f"/intake/{slug}/")
            assert patient.post(f"/intake/{slug}/", data).status == 302, slug
        key = ops.submission_key_in(patient.get("/intake/check/").text)
        statuses.append(patient.post("/intake/check/", {"submission_key": key}).status)
    assert statuses == [302] * RATE_LIMIT + [429], statuses
    flush_redis(both_up.redis)  # give the slots back for the other tests


def flush_redis(redis):
    import socket

    with socket.create_connection(("127.0.0.1", redis.port), timeout=5) as sock:
        sock.sendall(b"FLUSHDB\r\n")
        assert sock.recv(16).startswith(b"+OK")


def test_instance_a_killed_mid_intake_the_patient_finishes_on_b_with_every_answer(both_up):
    cluster = both_up
    patient = cluster.client()
    steps = list(VALID_STEPS.items())
    served = set()
    half = len(steps) // 2
    for slug, data in steps[:half]:
        served.add(cluster.port_of(patient.get(f"/intake/{slug}/")))
        response = patient.post(f"/intake/{slug}/", data)
        assert response.status == 302, (slug, response.status)
        served.add(cluster.port_of(response))
    assert cluster.a.port in served, served  # A took part of the intake

    os.killpg(cluster.a.process.pid, signal.SIGKILL)  # no graceful shutdown
    cluster.a.process.wait(timeout=10)
    wait_until_refused(cluster.a.port)
    killed_at = time.monotonic()

    answered_by = []
    for slug, data in steps[half:]:
        page = patient.get(f"/intake/{slug}/")
        assert page.status == 200, (slug, page.status)
        response = patient.post(f"/intake/{slug}/", data)
        assert response.status == 302, (slug, response.status, response.text[:500])
        answered_by += [cluster.port_of(page), cluster.port_of(response)]
    check = patient.get("/intake/check/")
    assert check.status == 200
    # Every answer from before the kill is on the check page B renders.
    for value in ("Zoë", "O&#x27;Brien-Nguyễn", "zoe@example.org"):
        assert value in check.text, value
    key = ops.submission_key_in(check.text)
    response = patient.post("/intake/check/", {"submission_key": key, "website": ""})
    assert response.status == 302 and response.location.startswith("/intake/guide/")
    assert patient.get(response.location).status == 200
    assert set(answered_by) == {cluster.b.port}, answered_by
    assert_saved_whole(cluster.postgres, key)
    rows = cluster.postgres.sql(
        "SELECT first_name, last_name, email FROM intake_intake WHERE submission_key = %s",
        (key,),
    )
    assert rows == [("Zoë", "O'Brien-Nguyễn", "zoe@example.org")]

    # The proxy took A out: within fail_timeout, nothing more is sent to it.
    if time.monotonic() - killed_at < cluster.nginx.fail_timeout - 2:
        assert instances_answering(cluster, cluster.client(), "/healthz", times=8) == {
            cluster.b.port
        }
    errors = cluster.nginx.error_log.read_text(errors="replace")
    # nginx saw A fail (a refused connect, or a kept-alive connection reset) and left it out.
    assert f"127.0.0.1:{cluster.a.port}" in errors, errors
    assert "connect() failed" in errors or "temporarily disabled" in errors, errors


def test_one_request_id_follows_a_request_through_nginx_and_the_instance(both_up):
    response = both_up.client().get("/learn/")
    rid = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)  # made by nginx ($request_id)
    app = both_up.a if both_up.port_of(response) == both_up.a.port else both_up.b
    deadline = time.monotonic() + 5
    while True:
        proxy_log = both_up.nginx.access_log.read_text(errors="replace")
        app_log = app.log_path.read_text(errors="replace")
        if f"rid={rid}" in proxy_log and f"rid={rid}" in app_log:
            break
        assert time.monotonic() < deadline, (proxy_log[-1000:], app_log[-1000:])
        time.sleep(0.1)
    assert f'"request_id": "{rid}"' in app_log


def test_health_through_the_proxy(both_up):
    response = both_up.client().get("/health/")
    assert response.status == 200, response.text
    assert '"status": "ok"' in response.text
