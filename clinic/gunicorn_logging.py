"""gunicorn's logger with guide tokens and query strings kept out of its logs.

gunicorn writes the access log (and "Error handling request <uri>" in its error
log) itself, before or after Django runs, so the app's own log filter cannot reach
it. This logger redacts every value a format could name (%(U)s, %(r)s, a header),
drops the query string and the referrer, and redacts the error log's messages.
"""

import logging

from gunicorn.glogging import Logger

from clinic.redact import redact_secrets


class RedactFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        record.msg, record.args = redact_secrets(message), ()
        return True


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(RedactFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_secrets(environ.get("PATH_INFO") or "")
        atoms["U"] = path
        atoms["r"] = f"{environ['REQUEST_METHOD']} {path} {environ['SERVER_PROTOCOL']}"
        # Searches and future links live in query strings; a referrer can hold both.
        atoms["q"] = ""
        atoms["f"] = "-"
        for name in ("{referer}i", "{query_string}e", "{raw_uri}e", "{http_referer}e"):
            atoms.pop(name, None)
        return {name: redact_secrets(value) for name, value in atoms.items()}
