"""Creates a staff account with a role: a content editor, a dermatologist or a
clinic manager (superuser). The password is prompted for, or read from the
environment variable STAFF_PASSWORD for automation; it is never an argument,
so it stays out of shell history."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ROLES = {
    "editor": "Content editors",
    "dermatologist": "Dermatologists",
    "manager": None,  # superuser
}


class Command(BaseCommand):
    help = "Create a staff account with a role (editor, dermatologist or manager)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def _password(self, user):
        password = os.environ.get("STAFF_PASSWORD")
        if password is None:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password

    @transaction.atomic
    def handle(self, *args, username, role, email, first_name, last_name, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
            is_superuser=role == "manager",
        )
        user.set_password(self._password(user))
        user.full_clean()
        user.save()
        if ROLES[role]:
            user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(self.style.SUCCESS(f"Created {role} account {username!r}."))
