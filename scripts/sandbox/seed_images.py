"""seed_images.py -- the sample images in Glance, idempotently; writes STATE/images.json.

Run by every `scripts/sandbox-cloud up` (with the sandbox venv's python): only images that are
missing (deleted by a user or a test) are created, with new ids.
"""
import contextlib
import json
import os
import sqlite3
import sys

from seedlib import E, GLANCE, call, log, session

SNAPSHOT_SERVER = "6c4e3c5a-1b2c-4d5e-8f90-123456789abc"
RAW = {"disk_format": "raw", "container_format": "bare"}
# (name, owner, count, final glance status, extra create fields). Data is a few bytes.
SPECS = [
    ("cirros-active", "admin", 1, "active", {"visibility": "public", "min_ram": 64, "min_disk": 1}),
    ("ubuntu-active", "admin", 1, "active", {"visibility": "public", "os_distro": "ubuntu"}),
    ("queued-image", "admin", 1, "queued", {"visibility": "public"}),
    ("killed-image", "admin", 1, "killed", {"visibility": "public"}),
    ("dup-name", "admin", 2, "active", {"visibility": "public"}),
    ("private-demo", "demo", 1, "active", {"visibility": "private"}),
    ("snapshot-image", "demo", 1, "active", {"visibility": "private", "image_type": "snapshot",
                                             "instance_uuid": SNAPSHOT_SERVER}),
    ("deleteme-1", "demo", 1, "active", {"visibility": "private"}),
    ("deleteme-2", "demo", 1, "active", {"visibility": "private"}),
] + [("bulk-%02d" % i, "admin", 1, "active", {"visibility": "public"}) for i in range(10)]


@contextlib.contextmanager
def glance_db():
    db = sqlite3.connect(E["SEED_GLANCE_DB"], timeout=30)
    try:
        with db:  # one transaction
            yield db
    finally:
        db.close()


def killed_images(name, owner):
    # Glance's list API hides `killed` images (a real Glance 33 behaviour, so Nova's
    # images/detail never shows them either); only GET by id does. Find ours in the db.
    with glance_db() as db:
        rows = db.execute("SELECT id FROM images WHERE name = ? AND owner = ? AND status = 'killed'"
                          " AND deleted = 0 ORDER BY created_at", (name, owner)).fetchall()
    return [{"id": r[0], "status": "killed"} for r in rows]


def images():
    owners = {"admin": session("admin", E["SEED_ADMIN_PASSWORD"], "admin"),
              "demo": session("demo", E["SEED_DEMO_PASSWORD"], "demo")}
    url = GLANCE + "/v2/images"
    result, created = {}, 0
    for name, owner, count, status, extra in SPECS:
        s = owners[owner]
        found = call(s, "GET", url, params={"name": name, "owner": s.project_id, "sort": "created_at:asc"})["images"]
        if status == "killed":
            found += killed_images(name, s.project_id)   # Glance never lists killed images
        while len(found) < count:
            found.append(call(s, "POST", url, json=dict(RAW, name=name, **extra)))
            created += 1
        ids = []
        for img in found[:count]:
            if status != "queued" and img["status"] == "queued":
                if status == "active":
                    r = s.put("%s/%s/file" % (url, img["id"]), data=("%s\n" % name).encode(), timeout=30,
                              headers={"Content-Type": "application/octet-stream"})
                    if r.status_code >= 400:
                        sys.exit("upload %s -> %s %s" % (name, r.status_code, r.text))
                else:
                    # Glance v2 offers no API way to reach `killed` any more (a failed upload
                    # goes back to `queued`), so this DIRECT DB EDIT sets it in Glance's sqlite
                    # db, the status a failed v1-era upload left behind. Glance reads the row
                    # on every request, so the running service sees it at once.
                    with glance_db() as db:
                        db.execute("UPDATE images SET status = ? WHERE id = ?", (status, img["id"]))
            ids.append(img["id"])
        result[name] = ids if count > 1 else ids[0]
    tmp = E["SEED_IMAGES_JSON"] + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(tmp, E["SEED_IMAGES_JSON"])
    log("images ok: %d names, %d created now" % (len(result), created))
    return created


if __name__ == "__main__":
    images()
