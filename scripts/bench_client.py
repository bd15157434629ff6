#!/usr/bin/env python3
"""The minimal client scripts/bench --scale compares `nova-images list` with.

Python's http.client on ONE keep-alive connection: the token request, then every page of
GET /images/detail, following each page's `images_links` next link. Nothing is decoded beyond
finding that link (no JSON parsing, no output): the cost of the round trips and of reading the
bytes, plus Python's start-up (scripts/bench reports that start-up on its own).

Usage: bench_client.py IDENTITY_URL COMPUTE_URL PAGE_SIZE [--print-urls]

IDENTITY_URL and COMPUTE_URL must share scheme, host and port (the fake cloud serves both);
the token is the fake cloud's demo user's. --print-urls prints each page's URL (path and
query) on stdout, which scripts/bench uses to give curl the same requests.
"""

import http.client
import sys
from urllib.parse import urlsplit

AUTH_BODY = (
    b'{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", '
    b'"domain": {"name": "Default"}, "password": "secret-demo-pw"}}}, "scope": {"project": '
    b'{"name": "demo", "domain": {"name": "Default"}}}}}'
)


def next_link(body):
    """The href of the page's next link, as a path with query, or None on the last page."""
    start = body.rfind(b'"images_links"')
    if start < 0:
        return None
    end = body.find(b"]", start)
    links = body[start:end]
    if b'"next"' not in links:
        return None
    href = links.find(b'"href"')
    first = links.find(b'"', links.find(b":", href + 6)) + 1
    url = links[first:links.find(b'"', first)].replace(b"\\/", b"/").decode()
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[2])
    identity, compute, page_size = urlsplit(sys.argv[1]), urlsplit(sys.argv[2]), sys.argv[3]
    print_urls = "--print-urls" in sys.argv[4:]
    if identity.netloc != compute.netloc or identity.scheme != "http":
        sys.exit("bench_client: identity and compute must be on the same http://host:port")
    conn = http.client.HTTPConnection(identity.hostname, identity.port, timeout=60)

    conn.request("POST", identity.path.rstrip("/") + "/v3/auth/tokens", body=AUTH_BODY,
                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    resp = conn.getresponse()
    resp.read()
    token = resp.getheader("X-Subject-Token")
    if resp.status != 201 or not token:
        sys.exit(f"bench_client: token request answered {resp.status}")

    headers = {"X-Auth-Token": token, "X-OpenStack-Nova-API-Version": "2.1",
               "Accept": "application/json"}
    path = f"{compute.path.rstrip('/')}/images/detail?limit={page_size}"
    while path:
        if print_urls:
            print(path)
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            sys.exit(f"bench_client: GET {path} answered {resp.status}")
        path = next_link(body)
    conn.close()


if __name__ == "__main__":
    main()
