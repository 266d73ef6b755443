"""Signing the bench dermatologist in like a browser, second factor and all."""

import threading
import urllib.parse
import urllib.request

from bench import loadgen
from bench.config import STAFF_USERNAME, BenchError

# --- signing in -------------------------------------------------------------------


def totp(key_hex):
    """The authenticator app's current code: django-otp's own TOTP (django_otp.oath),
    with the device's defaults (30 s steps, 6 digits)."""
    from django_otp.oath import totp as otp_totp

    return f"{otp_totp(bytes.fromhex(key_hex)):06d}"


def _local(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(cfg, password, totp_key):
    """Signs the bench dermatologist in like a browser: POST /accounts/login/, then,
    when production asks for it, the two-factor code from the authenticator that
    bench/seed.py set up. Returns the client: its cookie jar holds sessionid and
    csrftoken of a session that may open the review queue."""
    client = loadgen.Client("127.0.0.1", cfg["port"], {}, threading.Lock())
    page = client.request("GET", "/accounts/login/", expect=(200,))
    response = client.request(
        "POST",
        "/accounts/login/",
        form={
            "username": STAFF_USERNAME,
            "password": password,
            "csrfmiddlewaretoken": loadgen.input_value(page.text, "csrfmiddlewaretoken"),
        },
        expect=(302,),
    )
    location = _local(response.headers.get("Location", ""))
    for _ in range(5):  # follow the redirects: /review/ -> two-factor -> /review/
        page = client.request("GET", location, expect=(200, 302))
        if page.status == 200 and "/two-factor/" in location:
            form = {
                "csrfmiddlewaretoken": loadgen.input_value(page.text, "csrfmiddlewaretoken"),
                "code": totp(totp_key),
                "next": loadgen.input_value(page.text, "next"),
            }
            page = client.request("POST", location, form=form, expect=(302,))
        elif page.status == 200:
            if location.startswith("/review/"):
                break
            raise BenchError(f"signing in ended on {location}, not the review queue")
        location = _local(page.headers.get("Location", ""))
    else:
        raise BenchError(f"signing in: too many redirects (last {location})")
    if "sessionid" not in client.cookies:
        raise BenchError("signed in, but no sessionid cookie came back")
    return client
