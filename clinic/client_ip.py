"""The client's address, for rate limits and the audit log.

Behind the TLS proxy every request comes from 127.0.0.1, so when
CLIENT_IP_HEADER names the header the proxy sets (e.g. HTTP_X_FORWARDED_FOR),
the right-most address in it — the one our own proxy added — is used. Left
unset, a forged header can never change the address.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or None


def limit_key(request):
    """What a per-client limit counts by: the address, or one shared bucket when there
    is none (a request with no address still counts against something)."""
    return client_ip(request) or "unknown"
