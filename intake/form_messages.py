"""The intake's form messages used in more than one place, each worded once and marked for
translation (issue #15). Messages with a number use ``{limit}`` and are filled with
``format_lazy`` (the number is known when the form class is built, the language only when
the message is shown); ``%(show_value)d`` is Django's own placeholder, filled when the
error is raised."""

from django.utils.translation import gettext_lazy as _

CHOOSE_ONE = _("Choose an answer for: {question}")
CHOOSE_SOME = _("Choose at least one answer for: {question}")
UP_TO = _("Up to {limit} characters.")
KEEP_TO = _("Keep this to {limit} characters or fewer (you have %(show_value)d).")
FIRST_NAME_TOO_LONG = _("Your first name must be {limit} characters or fewer.")
LAST_NAME_TOO_LONG = _("Your last name must be {limit} characters or fewer.")
NAME_TOO_LONG = _("Your name must be {limit} characters or fewer.")
EMAIL_TOO_LONG = _("Your email address must be {limit} characters or fewer.")
PHONE_TOO_LONG = _("Enter a phone number of {limit} characters or fewer.")
ENTER_A_DATE = _("Enter a date.")
SIGN_WITH_NAME = _("Type your full name to sign the form.")
SIGNED_ON = _("Signed on %(date)s")
