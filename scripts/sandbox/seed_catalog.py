"""seed_catalog.py -- Keystone projects, users, role grants, services and endpoints, idempotently.

Run by `scripts/sandbox-cloud up` (with the sandbox venv's python) once Keystone answers; the
admin user, the admin/member/reader roles and RegionOne come from `keystone-manage bootstrap`.
"""
from seedlib import E, GLANCE, KS, call, log, session


def catalog():
    s = session("admin", E["SEED_ADMIN_PASSWORD"], "admin")
    ks = lambda m, p, **kw: call(s, m, KS + p, **kw)

    def find_or_create(coll, key, query, body):
        found = ks("GET", "/" + coll, params=query)[coll]
        return found[0] if found else ks("POST", "/" + coll, json={key: body})[key]

    def project(name):
        q = {"name": name, "domain_id": "default"}
        return find_or_create("projects", "project", q, q)

    def user(name, password, proj):
        q = {"name": name, "domain_id": "default"}
        u = find_or_create("users", "user", q, dict(q, password=password, default_project_id=proj["id"]))
        ks("PATCH", "/users/" + u["id"], json={"user": {"password": password}})  # keep it known
        return u

    def grant(proj, u, role):
        rid = ks("GET", "/roles", params={"name": role})["roles"][0]["id"]
        ks("PUT", "/projects/%s/users/%s/roles/%s" % (proj["id"], u["id"], rid))

    service = project("service")
    for name in ("glance", "nova"):   # keystonemiddleware validates tokens with these
        u = user(name, E["SEED_SERVICE_PASSWORD"], service)
        grant(service, u, "admin")
        grant(service, u, "service")
    demo = project("demo")
    grant(demo, user("demo", E["SEED_DEMO_PASSWORD"], demo), "member")
    for name, stype, url in (("keystone", "identity", KS + "/"), ("glance", "image", GLANCE),
                             ("nova", "compute", E["SEED_NOVA_URL"])):
        svc = find_or_create("services", "service", {"type": stype},
                             {"name": name, "type": stype, "enabled": True})
        for iface in ("public", "internal", "admin"):
            eps = ks("GET", "/endpoints", params={"service_id": svc["id"], "interface": iface})["endpoints"]
            if not eps:
                ks("POST", "/endpoints", json={"endpoint": {
                    "service_id": svc["id"], "interface": iface, "url": url, "region_id": "RegionOne"}})
            elif eps[0]["url"] != url:
                ks("PATCH", "/endpoints/" + eps[0]["id"], json={"endpoint": {"url": url}})
    log("catalog ok: projects admin/service/demo, users glance/nova/demo, 3 services x 3 interfaces")


if __name__ == "__main__":
    catalog()
