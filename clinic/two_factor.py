"""Two-factor sign-in for staff: set up an authenticator app once, then confirm a
six-digit code after each password sign-in. django-otp stores the devices,
verifies codes (with its own slow-down after failures) and marks the session."""

import io

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
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

    def error_links(self):
        return [(f"#{self['code'].auto_id}", message) for message in self.errors.get("code", [])]


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


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
        device = _setup_device(request.user)
    form = CodeForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "code", "That code did not work. Codes change every 30 seconds; try the newest one."
        )
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "setting_up": setting_up,
            "secret": _grouped(device.config_url),
            "next": _next_url(request),
        },
    )


def _grouped(config_url):
    """The base32 secret from the otpauth URL, in groups of four for typing."""
    secret = config_url.split("secret=")[1].split("&")[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_qr(request):
    """The set-up QR code, only while the person has no confirmed device."""
    if _confirmed_device(request.user) is not None:
        return HttpResponse(status=404)
    device = _setup_device(request.user)
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=5, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
