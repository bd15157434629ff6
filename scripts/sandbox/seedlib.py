"""seedlib -- what seed_catalog.py and seed_images.py share: settings and Keystone/REST calls.

Settings come from the environment that scripts/sandbox-cloud sets (SEED_*).
"""
import os
import sys

import requests

E = os.environ
KS, GLANCE = E["SEED_KS_URL"], E["SEED_GLANCE_URL"]


def log(msg):
    print(msg, flush=True)


def session(user, password, project):
    """A requests.Session carrying a project-scoped token of USER (and .project_id)."""
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    r = requests.post(KS + "/auth/tokens", json=body, timeout=30)
    r.raise_for_status()
    s = requests.Session()
    s.headers["X-Auth-Token"] = r.headers["X-Subject-Token"]
    s.project_id = r.json()["token"]["project"]["id"]
    return s


def call(s, method, url, **kw):
    """One API call; any error status stops the script with the answer."""
    r = s.request(method, url, timeout=30, **kw)
    if r.status_code >= 400:
        sys.exit("%s %s -> %s %s" % (method, url, r.status_code, r.text))
    return r.json() if r.content else None
