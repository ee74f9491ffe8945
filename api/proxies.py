"""The proxy in front: whose X-Forwarded-For/-Proto to believe (Werkzeug's ProxyFix), and address matching."""

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix

from api.errors import ConfigurationError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(text: str, setting: str) -> tuple[Network, ...]:
    """"10.0.0.0/8, ::1" as networks; anything else stops start-up naming the setting."""
    try:
        return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in text.split(",") if item.strip())
    except ValueError as error:
        raise ConfigurationError(f"{setting}: {error}") from None


def address_in(address: str | None, allowed: tuple[Network, ...]) -> bool:
    """Whether an address (as a string; None or junk never matches) lies in one of the networks."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in allowed)


class TrustedProxy:
    """ProxyFix for requests that come from the named proxy addresses; any other peer's headers are ignored."""

    def __init__(self, app, trusted: tuple[Network, ...]):
        self.app = app
        self.fixed = ProxyFix(app, x_for=1, x_proto=1)
        self.trusted = trusted

    def __call__(self, environ, start_response):
        via_proxy = address_in(environ.get("REMOTE_ADDR"), self.trusted)
        return (self.fixed if via_proxy else self.app)(environ, start_response)


def trust_proxies(wsgi_app, setting: str):
    """Wrap the WSGI app so request.remote_addr and request.scheme are the client's, as TRUSTED_PROXIES says.

    A count trusts that many hops of X-Forwarded-For/-Proto (what each proxy appended); addresses trust one hop
    from those peers alone. X-Forwarded-Host is never trusted: links in e-mails keep the Host the proxy passed.
    """
    if setting.strip().isdigit():
        hops = int(setting)
        return ProxyFix(wsgi_app, x_for=hops, x_proto=hops) if hops else wsgi_app
    return TrustedProxy(wsgi_app, networks(setting, "TRUSTED_PROXIES"))
