"""Gunicorn's settings, read from the working directory: ``.venv/bin/gunicorn wsgi:app``.

The access log names no client (no ``%(h)s``, no forwarded-for header) and no query
string (no ``%(q)s``, and no ``%(r)s``, the raw request line that holds it): anonymous
answers must not be tied to an address, and a query string could hold a code or typed text.
"""

bind = "127.0.0.1:8000"
workers = 2
threads = 8
#: access lines to stdout (the systemd journal)
accesslog = "-"
#: time, method, path without query, status, bytes, milliseconds
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
