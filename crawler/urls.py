"""URL helpers: canonical form (dedupe key) and the private-address check.

:func:`canonicalize` strips what changes a URL without changing the page
(tracking parameters, fragments, default ports, host case), so the same
article reached from a feed and from Hacker News is fetched once.
:func:`is_private_address` says whether an IP must not be fetched unless a
source allows it (loopback, private, link-local, reserved, multicast).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only track where a click came from.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
    "ref", "ref_src", "ref_url", "cmpid", "ncid", "ito", "guccounter", "src",
    "sr_share", "smid", "sh", "mkt_tok", "_hsenc", "_hsmi", "oly_anon_id", "oly_enc_id",
    "rss", "via", "campaign", "taid", "soc_src", "soc_trk",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "at_")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonicalize(url: str) -> str:
    """The canonical form of an http(s) URL: lower-case scheme and host, no
    default port, no fragment, no tracking parameters, remaining query
    parameters sorted, "/" for an empty path. Other URLs come back unchanged.

    >>> canonicalize("HTTPS://Example.com:443/a?utm_source=x&b=2&a=1#top")
    'https://example.com/a?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _is_tracking(k))
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def is_private_address(address: str) -> bool:
    """True for addresses a crawler must not be tricked into fetching:
    loopback, private (RFC 1918, ULA), link-local (incl. 169.254.169.254
    metadata), carrier-grade NAT, reserved, multicast and unspecified.
    Raises ValueError when ``address`` is not an IP address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified or ip in _CGNAT)


_CGNAT = ipaddress.ip_network("100.64.0.0/10")
