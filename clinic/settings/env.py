"""Reading configuration where an empty value means "not set".

`.env.example` lists every variable, many of them empty (`DATABASE_URL=`,
`SECRET_KEY=`), and its first line says to copy it to `.env`. django-environ would
read an empty value as the value itself (an empty database URL, an empty key), so a
fresh copy broke `make run`. Here a variable that is empty or only spaces is treated
exactly as if it were absent: the default applies, and where there is none (as for
production's SECRET_KEY) the setting is refused with ImproperlyConfigured.
"""

import os
from collections.abc import Mapping

import environ


class NonEmptyEnviron(Mapping):
    """A read-only view of os.environ without its empty variables."""

    def __init__(self, source=os.environ):
        self.source = source

    def __getitem__(self, name):
        value = self.source[name]
        if not value.strip():
            raise KeyError(name)
        return value

    def __iter__(self):
        return (name for name, value in self.source.items() if value.strip())

    def __len__(self):
        return sum(1 for _ in self)


class Env(environ.Env):
    """django-environ's Env, reading through NonEmptyEnviron."""

    ENVIRON = NonEmptyEnviron()
