"""What a request says about its client, read one way everywhere (throttling, audit log)."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the
    nearest of them appended to X-Forwarded-For (the same rule as DRF's NUM_PROXIES), so a
    client cannot choose its own address by sending the header."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    count = settings.TRUSTED_PROXY_COUNT
    if count and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(count, len(addresses))]
    return request.META.get("REMOTE_ADDR") or None
