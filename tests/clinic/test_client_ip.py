import pytest
from django.test import RequestFactory

from clinic.client_ip import client_ip


@pytest.mark.parametrize(
    ("header_setting", "forwarded", "expected"),
    [
        ("", "203.0.113.9", "127.0.0.1"),  # not trusted: ignored
        ("HTTP_X_FORWARDED_FOR", "203.0.113.9", "203.0.113.9"),
        ("HTTP_X_FORWARDED_FOR", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # forged prefix
        ("HTTP_X_FORWARDED_FOR", "not an ip", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxy_header(
    settings, header_setting, forwarded, expected
):
    settings.CLIENT_IP_HEADER = header_setting
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
