"""Django's database sessions (SESSION_ENGINE = "clinic.sessions"), in fewer round trips.

Sessions stay in PostgreSQL, as decided (never in a cache: a patient's session names
their draft). What changes is only how many statements a save costs, which matters on
every patient's first step and every submit:

- A new key is not looked up before it is used. Django's create() already inserts with
  must_create and tries a new key when the unique key refuses one, so the SELECT
  before it was a second check of the same thing (32 random characters: a clash is
  never expected, and it is still handled).
- Outside a transaction a save is one statement in autocommit, not BEGIN, the
  statement and COMMIT. Django wraps it in atomic() so that a refused insert cannot
  break a caller's transaction; inside one (in_atomic_block), it still does.
- A save of exactly what this session object last wrote, under the same key, writes
  nothing. The intake writes a new session itself (so a failure can still show the
  patient their answers) and the middleware then saves it again to set the cookie.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    _last_written = None  # (key, serialized data) of this object's last save

    def _get_new_session_key(self):
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        using = router.db_for_write(self.model)
        if transaction.get_connection(using).in_atomic_block:
            super().save(must_create=must_create)
            self._last_written = None
            return None
        data = self._get_session(no_load=must_create)
        # Compared before signing: the signature carries the time, so the same data
        # encodes differently a second later.
        written = (self.session_key, self.serializer().dumps(data))
        if not must_create and written == self._last_written:
            return None
        row = self.create_model_instance(data)
        try:
            row.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError as clash:
            if must_create:
                raise CreateError from clash
            raise
        except DatabaseError as failure:
            if not must_create:
                raise UpdateError from failure
            raise
        self._last_written = written
        return None
