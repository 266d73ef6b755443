"""Two-factor sign-in for staff: set up an authenticator app once, then confirm a
six-digit code after each password sign-in. django-otp stores the devices,
verifies codes (with its own slow-down after failures) and marks the session.

Set-up also gives ten one-time recovery codes (django-otp's static device), shown
once, so a lost phone does not lock a dermatologist out of the morning's intakes."""

import io
import logging

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.access import staff_view
from clinic.forms import ErrorSummaryMixin

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
# Set by an accepted invitation (clinic.invitation_views): the one session that may
# enrol an authenticator for this person. A password alone never enrols one.
ENROLMENT_SESSION_KEY = "staff_enrolment_user"


def _may_enrol(request):
    return request.session.get(ENROLMENT_SESSION_KEY) == request.user.pk


class CodeForm(ErrorSummaryMixin, forms.Form):
    code = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": "Enter the six-digit code from your authenticator app.",
            "min_length": "Enter all six digits of the code.",
            "max_length": "Enter all six digits of the code.",
        },
    )


class RecoveryCodeForm(ErrorSummaryMixin, forms.Form):
    recovery_code = forms.CharField(
        label="Recovery code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter one of your recovery codes."},
    )

    def clean_recovery_code(self):
        # Codes are shown in lower case; people may type them in capitals or with spaces.
        return "".join(self.cleaned_data["recovery_code"].split()).lower()


def recovery_codes_replace(user):
    """A new set of one-time recovery codes for the user; any old ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes", "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    logger.info("staff %s: new recovery codes", user.get_username())
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _next_url(request):
    """Where to go after the second step, as a URL: LOGIN_REDIRECT_URL is a URL
    name, which redirect() understands but an href in a template does not."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def device_verify(device, code, *, confirm=False):
    """The device, fresh from the database, when `code` is good for it; else None.

    The device's row is locked while the code is checked, so requests carrying one
    code (a replay, a double click, a race from several sessions) take turns and
    only the first gets in: the next finds a recovery code deleted, or a TOTP step
    already used (django-otp's last_t). select_for_update waits on PostgreSQL; on
    SQLite, whose writers take turns anyway, it is a no-op. `confirm` marks a new
    authenticator confirmed in the same transaction."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().filter(pk=device.pk).first()
        if locked is None or not locked.verify_token(code):
            return None
        if confirm:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
        return locked


def _second_factor_login(request, device):
    """Marks the session verified, then gives it a new key and a new CSRF token, as
    Django's login() does for the password step: privileges went up, so a session key
    seen or planted before this point (on a shared computer, in a proxy log) must not
    carry them."""
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)


def _wait_message(device):
    """Why a code was refused when django-otp is slowing failures down, or None.
    The person is told to wait instead of being told their right code 'did not work'."""
    allowed, why = device.verify_is_allowed()
    if allowed or not why or not why.get("locked_until"):
        return None
    seconds = max(1, int((why["locked_until"] - timezone.now()).total_seconds()) + 1)
    wait = f"{seconds} seconds" if seconds < 120 else f"{-(-seconds // 60)} minutes"
    return (
        f"Too many wrong codes in a row. Wait {wait}, then enter the newest code from your "
        "authenticator app, or use a recovery code."
    )


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _setup_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@never_cache
@login_required
def two_factor(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = _confirmed_device(request.user)
    setting_up = device is None
    if setting_up:
        if not _may_enrol(request):
            return render(request, "registration/two_factor_needs_invitation.html", status=403)
        device = _setup_device(request.user)
    # Two forms on one page: the app's code, or (once set up) a recovery code.
    using_recovery = request.method == "POST" and "recovery_code" in request.POST
    form = CodeForm(data=request.POST if request.method == "POST" and not using_recovery else None)
    recovery_form = RecoveryCodeForm(data=request.POST if using_recovery else None)
    if using_recovery and not setting_up:
        if recovery_form.is_valid():
            if _recovery_sign_in(request, recovery_form.cleaned_data["recovery_code"]):
                return redirect(_next_url(request))
            recovery_form.add_error(
                "recovery_code", "That recovery code did not work. Each code works only once."
            )
    elif form.is_bound and form.is_valid():
        wait = _wait_message(device)
        verified = (
            None if wait else device_verify(device, form.cleaned_data["code"], confirm=setting_up)
        )
        if verified is not None:
            _second_factor_login(request, verified)
            if setting_up:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                # Shown once, in this answer; a reload finds the session verified.
                return _recovery_codes_page(request, recovery_codes_replace(request.user))
            return redirect(_next_url(request))
        # Who, never the code: a run of these is someone guessing, or a clock off.
        logger.warning("staff %s: two-factor code refused", request.user.get_username())
        form.add_error(
            "code",
            wait or "That code did not work. Codes change every 30 seconds; try the newest one.",
        )
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "recovery_form": recovery_form,
            "error_links": form.error_links() + recovery_form.error_links(),
            "setting_up": setting_up,
            "secret": _grouped(device.config_url),
            "next": _next_url(request),
        },
    )


def _recovery_sign_in(request, code):
    """Signs the session in with a recovery code, which is used up. False if no code
    of the person's matches (django-otp slows repeated failures down)."""
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    verified = device and device_verify(device, code)
    if verified is None:
        logger.warning("staff %s: recovery code refused", request.user.get_username())
        return False
    _second_factor_login(request, verified)
    left = recovery_codes_left(request.user)
    logger.warning(
        "staff %s signed in with a recovery code; %d left", request.user.get_username(), left
    )
    messages.warning(
        request,
        f"You signed in with a recovery code. You have {left} left. If you lost your phone, "
        "ask the clinic manager to remove your old authenticator in the admin, then set up "
        "a new one at your next sign-in.",
    )
    return True


def _recovery_codes_page(request, codes):
    return render(
        request,
        "registration/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """How many recovery codes are left, and a new set on request (shown once).
    Only after the second step: new codes must not be one stolen password away."""
    if request.method == "POST":
        return _recovery_codes_page(request, recovery_codes_replace(request.user))
    return render(
        request,
        "registration/recovery_codes_manage.html",
        {"left": recovery_codes_left(request.user)},
    )


def _grouped(config_url):
    """The base32 secret from the otpauth URL, in groups of four for typing."""
    secret = config_url.split("secret=")[1].split("&")[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_qr(request):
    """The set-up QR code, only while the person may enrol and has no device."""
    if _confirmed_device(request.user) is not None or not _may_enrol(request):
        return HttpResponse(status=404)
    device = _setup_device(request.user)
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=5, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
