"""gunicorn settings for Sâu sát, shared by `make prod` and the systemd unit (read from the environment).

Reload without losing a request: `kill -HUP <master pid>` (systemd: `systemctl reload sausat-web`)
starts new workers on the new code, and the old ones finish what they hold before they exit.
"""

import os
import shutil
from pathlib import Path

bind = os.environ.get("SAUSAT_WEB_BIND", "127.0.0.1:8001")
# Sync workers: the pages are database-bound and short; two per core is the usual figure.
workers = int(os.environ.get("SAUSAT_WEB_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
timeout = int(os.environ.get("SAUSAT_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
proc_name = "sausat-web"
# nginx writes the access log (with the public form's lines scrubbed); gunicorn logs errors only.
accesslog = None
errorlog = os.environ.get("SAUSAT_WEB_ERRORLOG", "-")
capture_output = errorlog != "-"
forwarded_allow_ips = "127.0.0.1,::1"
# Controlled by signals (HUP, TERM); gunicorn 27's control socket would live in $HOME, which the
# systemd sandbox hides and which two instances on one machine would share.
control_socket_disable = True


def on_starting(server):
    # prometheus_client's per-process files from a previous run would add old counts to the new ones.
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
