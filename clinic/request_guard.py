"""Input no page can use answers the 400 page before any view or query runs.

A NUL character cannot be stored in PostgreSQL text, so a `%00` in a search, a
path argument or an admin filter used to end in a 500 (and an e-mail to the
admins each time). Invalid UTF-8 arrives as U+FFFD, and no link of ours carries a
value of thousands of characters. Form fields refuse NUL themselves (Django's
CharField does), with the page and every answer shown again, so POST bodies are
left to the forms; a stale cookie that is not text is ignored rather than refused.
"""

from clinic.views import bad_request

MAX_PATH_LENGTH = 2048
MAX_QUERY_VALUE_LENGTH = 1000
NOT_TEXT = ("\x00", "\ufffd")


def _is_bad(value, limit):
    return len(value) > limit or any(char in value for char in NOT_TEXT)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_bad(request.path_info, MAX_PATH_LENGTH) or any(
            _is_bad(key, MAX_QUERY_VALUE_LENGTH) or _is_bad(value, MAX_QUERY_VALUE_LENGTH)
            for key, values in request.GET.lists()
            for value in values
        ):
            return bad_request(request)
        for name, value in list(request.COOKIES.items()):
            if not value.isascii() or not value.isprintable():
                del request.COOKIES[name]
        return self.get_response(request)
