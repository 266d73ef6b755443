"""Creates a staff account with a role: a content editor, a dermatologist or a
clinic manager (superuser), and prints a one-time invitation link at which the
person chooses a password and sets up an authenticator app
(STAFF_INVITATION_TTL_HOURS, default 72). With an e-mail address, the link is
mailed too. A password alone never enrols an authenticator, so the command asks
for none; STAFF_PASSWORD in the environment sets one for automation (the load
benchmark), and the person still needs the link, or a device made otherwise, to
pass the second step."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.invitations import invitation_issue, invitation_send, invitation_url

ROLES = {
    "editor": "Content editors",
    "dermatologist": "Dermatologists",
    "manager": None,  # superuser
}


class Command(BaseCommand):
    help = "Create a staff account with a role (editor, dermatologist or manager) and invite them."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="Put in front of the link (default: the SITE_URL setting).",
        )

    def _set_password(self, user):
        password = os.environ.get("STAFF_PASSWORD") or None  # empty is unset
        if password is None:
            user.set_unusable_password()
            return
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)

    def handle(self, *args, username, role, email, first_name, last_name, site_url, **options):
        User = get_user_model()
        with transaction.atomic():
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
            self._set_password(user)
            user.full_clean()
            user.save()
            if ROLES[role]:
                user.groups.add(Group.objects.get(name=ROLES[role]))
            token = invitation_issue(user=user)
        link = site_url.rstrip("/") + invitation_url(token)
        self.stdout.write(self.style.SUCCESS(f"Created {role} account {username!r}."))
        self.stdout.write(
            f"Invitation link (works once, for {settings.STAFF_INVITATION_TTL_HOURS} hours):"
        )
        self.stdout.write(link)
        if email and invitation_send(user=user, link=link):
            self.stdout.write(f"The link was also queued for e-mail to {email}.")
