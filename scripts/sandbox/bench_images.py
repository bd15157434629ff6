"""bench_images.py -- many small images in the sandbox's Glance for `scripts/bench --cloud`,
and their removal.

  target/sandbox-venv/bin/python scripts/sandbox/bench_images.py seed [--count 2000]
  target/sandbox-venv/bin/python scripts/sandbox/bench_images.py delete

`seed` creates --count images in the demo project (cloud `sandbox` of the sandbox's
clouds.yaml), each named `bench-images-NNNNN`, with 16 bytes of data (so Glance shows them
active, with checksum and sha512 as a real image has) and the properties a real cloud's public
images carry (os_*, hw_*, a description); every fifth is shaped as a server snapshot. Their
IDs go to $NOVA_IMAGES_SANDBOX/bench-images.json as they are made. `delete` deletes exactly
the images listed there whose name still starts with `bench-images-`, and nothing else (other
users of the sandbox keep theirs). Needs the sandbox up (`eval "$(scripts/sandbox-cloud env)"`).
"""
import argparse
import concurrent.futures
import json
import os
import sys
import threading

import requests
import yaml

PREFIX = "bench-images-"
STATE = os.path.join(os.environ.get("NOVA_IMAGES_SANDBOX", "target/sandbox"), "bench-images.json")


def connect(cloud):
    """(requests.Session with a project-scoped token, Glance's URL) for `cloud`."""
    with open(os.environ["OS_CLIENT_CONFIG_FILE"]) as f:
        auth = yaml.safe_load(f)["clouds"][cloud]["auth"]
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": auth["username"], "domain": {"name": auth["user_domain_name"]},
        "password": auth["password"]}}}, "scope": {"project": {
            "name": auth["project_name"], "domain": {"name": auth["project_domain_name"]}}}}}
    r = requests.post(auth["auth_url"].rstrip("/") + "/auth/tokens", json=body, timeout=30)
    r.raise_for_status()
    catalog = r.json()["token"]["catalog"]
    glance = next(e["url"] for s in catalog if s["type"] == "image"
                  for e in s["endpoints"] if e["interface"] == "public")
    s = requests.Session()
    s.headers["X-Auth-Token"] = r.headers["X-Subject-Token"]
    return s, glance.rstrip("/")


def properties(n):
    props = {"os_distro": "ubuntu", "os_version": "24.04", "os_type": "linux",
             "architecture": "x86_64", "hw_disk_bus": "scsi", "hw_scsi_model": "virtio-scsi",
             "hw_vif_model": "virtio", "hw_qemu_guest_agent": "yes", "hw_rng_model": "virtio",
             "hw_machine_type": "q35", "hw_firmware_type": "uefi", "os_admin_user": "ubuntu",
             "description": f"Ubuntu 24.04 LTS cloud image, build {n}, from the image pipeline"}
    if n % 5 == 4:
        props.update(image_type="snapshot", instance_uuid=f"5e2f0c1a-7b3d-4c8e-9f10-{n:012}",
                     base_image_ref="00000000-0000-4000-8000-000000000000",
                     auto_disk_config="True")
    return props


def seed(args):
    s, glance = connect(args.cloud)
    made = load()
    lock = threading.Lock()

    def one(n):
        body = {"name": f"{PREFIX}{n:05}", "disk_format": "raw", "container_format": "bare",
                "visibility": "private", "min_ram": 512, "min_disk": 1, **properties(n)}
        r = s.post(f"{glance}/v2/images", json=body, timeout=60)
        r.raise_for_status()
        image = r.json()["id"]
        with lock:
            made.append(image)
            save(made)
        r = s.put(f"{glance}/v2/images/{image}/file", data=b"x" * 16, timeout=60,
                  headers={"Content-Type": "application/octet-stream"})
        r.raise_for_status()

    start = len(made)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for i, _ in enumerate(pool.map(one, range(start, start + args.count)), 1):
            if i % 250 == 0:
                print(f"bench_images: {i} of {args.count} made", file=sys.stderr, flush=True)
    print(f"bench_images: {len(made)} images listed in {STATE}", file=sys.stderr)


def delete(args):
    s, glance = connect(args.cloud)
    made = load()

    def one(image):
        r = s.get(f"{glance}/v2/images/{image}", timeout=60)
        if r.status_code == 404:
            return
        r.raise_for_status()
        if not (r.json().get("name") or "").startswith(PREFIX):
            print(f"bench_images: {image} is not ours any more, kept", file=sys.stderr)
            return
        r = s.delete(f"{glance}/v2/images/{image}", timeout=60)
        if r.status_code not in (204, 404):
            r.raise_for_status()

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(one, made))
    os.remove(STATE)
    print(f"bench_images: {len(made)} images deleted", file=sys.stderr)


def load():
    try:
        with open(STATE) as f:
            return json.load(f)
    except FileNotFoundError:
        return []


def save(made):
    with open(STATE + ".tmp", "w") as f:
        json.dump(made, f)
    os.replace(STATE + ".tmp", STATE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["seed", "delete"])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--cloud", default="sandbox")
    args = ap.parse_args()
    seed(args) if args.action == "seed" else delete(args)


if __name__ == "__main__":
    main()
