#!/usr/bin/env python3
"""The minimal client scripts/bench --scale and --both-apis compare `nova-images list` with.

Python's http.client on ONE keep-alive connection: the token request, then every page of
GET /images/detail, following each page's `images_links` next link (or, with --glance, every
page of Glance's GET /v2/images?limit=PAGE_SIZE, following each page's `next`). Nothing is
decoded beyond finding that link (no JSON parsing, no output): the cost of the round trips and
of reading the bytes, plus Python's start-up (scripts/bench reports that start-up on its own).

Usage: bench_client.py IDENTITY_URL API_URL PAGE_SIZE [--glance [--discover]] [--print-urls]

API_URL is the compute endpoint (`.../v2.1`) or, with --glance, the image API's versioned
URL (`.../v2`, as the catalog's image endpoint plus `/v2`). Both are http:// URLs (one
keep-alive connection each, one in all when they share host and port, as on the fake cloud).
The token is the fake cloud's demo user's, or BENCH_AUTH_BODY's (the JSON body of Keystone's
token request, for a real cloud). With --discover, the image API's root (API_URL without its
version) is asked for its versions before the pages, as nova-images (and openstacksdk) do for
an unversioned catalog URL. --print-urls prints each page's URL (path and query) on
stdout, which scripts/bench uses to give curl the same requests.
"""

import http.client
import os
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


def glance_next(body, root):
    """The page's `next` link (Glance writes it last, from its own root: `/v2/images?...`)
    as a path under `root`, the image endpoint's path without its version; None at the end."""
    start = body.rfind(b'"next"')
    if start < 0:
        return None
    first = body.find(b'"', body.find(b":", start + 6)) + 1
    return root + body[first:body.find(b'"', first)].replace(b"\\/", b"/").decode()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[2])
    identity, compute, page_size = urlsplit(sys.argv[1]), urlsplit(sys.argv[2]), sys.argv[3]
    print_urls = "--print-urls" in sys.argv[4:]
    glance = "--glance" in sys.argv[4:]
    if identity.scheme != "http" or compute.scheme != "http":
        sys.exit("bench_client: the identity and API URLs must be http://")
    conn = http.client.HTTPConnection(identity.hostname, identity.port, timeout=60)
    auth = os.environ.get("BENCH_AUTH_BODY", "").encode() or AUTH_BODY
    conn.request("POST", identity.path.rstrip("/") + "/v3/auth/tokens", body=auth,
                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    resp = conn.getresponse()
    resp.read()
    token = resp.getheader("X-Subject-Token")
    if resp.status != 201 or not token:
        sys.exit(f"bench_client: token request answered {resp.status}")
    if compute.netloc != identity.netloc:
        conn.close()
        conn = http.client.HTTPConnection(compute.hostname, compute.port, timeout=60)

    headers = {"X-Auth-Token": token, "X-OpenStack-Nova-API-Version": "2.1",
               "Accept": "application/json"}
    path = f"{compute.path.rstrip('/')}/images/detail?limit={page_size}"
    if glance:
        headers = {"X-Auth-Token": token, "Accept": "application/json"}
        path = f"{compute.path.rstrip('/')}/images?limit={page_size}"
        root = compute.path.rstrip("/").rsplit("/", 1)[0]  # `/image/v2` -> `/image`
        if "--discover" in sys.argv[4:]:
            conn.request("GET", root + "/", headers={"Accept": "application/json"})
            resp = conn.getresponse()
            resp.read()
            if resp.status not in (200, 300):
                sys.exit(f"bench_client: GET {root}/ answered {resp.status}")
    while path:
        if print_urls:
            print(path)
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            sys.exit(f"bench_client: GET {path} answered {resp.status}")
        path = glance_next(body, root) if glance else next_link(body)
    conn.close()


if __name__ == "__main__":
    main()
