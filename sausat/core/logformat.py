"""Log lines carry UTC timestamps, whatever TIME_ZONE says (ASVS 16.2.2).

Lines about the public opinion form carry nobody: no address, agent, user or request id. The form
promises that not even an administrator can trace an anonymous sender, and a log line with the
sender's address next to the moment of submission would break that (see docs/anonymity.md).
"""

import json
import logging
import time

# The public form and its "sent" page (sausat/opinions/urls.py: "y-kien/" + "gui/<token>/").
PUBLIC_FORM_MARKER = "/y-kien/gui/"
# The in-room electronic ballot (sausat/cadres/urls.py: "can-bo/ho-so/" + "bo-phieu/") makes the
# same promise: no log line may put an attendee's address or request id beside the moment of a vote.
PUBLIC_FORM_MARKERS = (PUBLIC_FORM_MARKER, "/can-bo/ho-so/bo-phieu/")

# gunicorn access-log atoms that describe the client: address, ident, user, user agent.
_CLIENT_ATOMS = {"h", "l", "u", "a"}


class UTCFormatter(logging.Formatter):
    converter = time.gmtime


class JSONFormatter(logging.Formatter):
    """One JSON object per line: UTC time, level, logger, message and the request id that the
    request's audit rows and nginx's access log line carry (X-Request-ID)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def is_public_form_path(path: str) -> bool:
    return any(marker in (path or "") for marker in PUBLIC_FORM_MARKERS)


def _record_path(record: logging.LogRecord) -> str:
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str):
        return path
    args = record.args
    if isinstance(args, dict):  # gunicorn.access
        return str(args.get("U", "") or args.get("r", ""))
    if isinstance(args, tuple) and args and isinstance(args[0], str):  # django.server: the request line
        return args[0]
    return record.getMessage() if record.name in {"django.request", "django.security.csrf"} else ""


class PublicFormFilter(logging.Filter):
    """Scrub the client from records about the public form; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not is_public_form_path(_record_path(record)):
            return True
        # Handlers such as AdminEmailHandler print request.META (address, agent, cookies).
        if hasattr(record, "request"):
            record.request = None
        record.request_id = "-"
        if isinstance(record.args, dict):
            record.args = {
                k: "-" if k in _CLIENT_ATOMS or k.endswith("}i") or k.endswith("}e") else v
                for k, v in record.args.items()
            }
        return True
