"""gunicorn.conf.py: what a request's headers can change in the WSGI environ, as
gunicorn itself builds it, for a request from the trusted proxy address."""

import runpy

import pytest
from django.conf import settings
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

PROXY = ("127.0.0.1", 50000)


class _Socket:
    def send(self, data):
        pass


def environ_for(headers, config_file=settings.BASE_DIR / "gunicorn.conf.py"):
    cfg = Config()
    for name, value in runpy.run_path(str(config_file)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    raw = "GET /x/review/ HTTP/1.1\r\nHost: clinic.example\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    request = next(iter(RequestParser(cfg, [f"{raw}\r\n".encode()], PROXY)))
    _, environ = wsgi.create(request, _Socket(), PROXY, ("127.0.0.1", 8000), cfg)
    return environ


def test_a_script_name_header_does_not_change_routing():
    environ = environ_for({"SCRIPT_NAME": "/x", "PATH_INFO": "/admin/"})
    assert environ["SCRIPT_NAME"] == ""
    assert environ["PATH_INFO"] == "/x/review/"


def test_gunicorn_alone_would_honour_it(tmp_path):
    """The check above can fail: with gunicorn's defaults the header does change it."""
    defaults = tmp_path / "defaults.py"
    defaults.write_text("")
    environ = environ_for({"SCRIPT_NAME": "/x"}, config_file=defaults)
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("/x", "/review/")


@pytest.mark.parametrize(
    ("headers", "scheme"),
    [
        ({"X-Forwarded-Proto": "https"}, "https"),
        ({"X-Forwarded-Proto": "http"}, "http"),
        # Only the header our proxy sets counts; the client's others are ignored.
        ({"X-Forwarded-Ssl": "on"}, "http"),
        ({"X-Forwarded-Protocol": "ssl", "X-Forwarded-Proto": "http"}, "http"),
    ],
)
def test_only_x_forwarded_proto_sets_the_scheme(headers, scheme):
    assert environ_for(headers)["wsgi.url_scheme"] == scheme
