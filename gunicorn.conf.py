"""gunicorn settings: `gunicorn -c gunicorn.conf.py` serves config.wsgi with the production settings.

Environment: GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (workers, default 2),
GUNICORN_ACCESS_LOG ("-" for stdout, the default; "off" for none), FORWARDED_ALLOW_IPS (the proxy's
addresses, default 127.0.0.1), GUNICORN_TIMEOUT (seconds, default 30), GUNICORN_CONTROL_SOCKET (a path:
gunicornc's control socket for this instance; unset, none).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
access_log = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if access_log == "off" else access_log
errorlog = "-"
# gunicorn 25+ opens a control socket at one path per user ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl):
# a second instance on the host takes it over, and gunicornc then commands the wrong one. Off unless an
# instance is given a path of its own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
