"""serve.py NAME PORT MODULE:ATTR STATE -- serve one OpenStack WSGI app with gunicorn.

Run by scripts/sandbox-cloud with the sandbox venv's python, from its copy in STATE/bin (the
pid check in sandbox-cloud matches that path on the command line).

oslo.config parses sys.argv, so gunicorn's CLI cannot be used (its args make the workers exit
2): drive gunicorn from Python and reset argv before the app is imported. The services' sqlite
databases are tuned for concurrent writes first (sqlite_tuning.py).
"""
import importlib
import sys

from gunicorn.app.base import BaseApplication

import sqlite_tuning

name, port, appspec, state = sys.argv[1:5]
sys.argv = [name]


class App(BaseApplication):
    def load_config(self):
        settings = {
            "bind": "127.0.0.1:%s" % port,            # loopback only
            "workers": 1, "worker_class": "gthread", "threads": 4,
            "timeout": 120, "graceful_timeout": 5,
            "errorlog": "%s/logs/%s.gunicorn.log" % (state, name),
            "accesslog": "%s/logs/%s.access.log" % (state, name),
            # the master's title; sandbox-cloud checks it before signalling a pid
            "proc_name": "nova-images-sandbox-%s %s" % (name, state),
            # gunicorn 27 otherwise shares one control socket, ~/.gunicorn/gunicorn.ctl
            "control_socket_disable": True,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        sqlite_tuning.install()   # before the service creates its database engines
        module, attr = appspec.split(":")
        return getattr(importlib.import_module(module), attr)


if __name__ == "__main__":
    App().run()
