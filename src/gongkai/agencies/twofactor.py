"""Two-factor login (双因素认证) of staff: who needs it, the TOTP secret as a QR code, the guard.

A staff member signs in with the password, then with a 6-digit code from an authenticator app
(TOTP, RFC 6238) or one of its recovery codes. It is required for the roles of
`settings.GONGKAI_2FA_ROLES` (and for superusers when "sysadmin" is among them); anyone else who
has enrolled a device is asked for the code as well. `TwoFactorMiddleware` keeps a signed-in user
who still owes the code away from every page but the login steps, the workbench, /admin/ and the
API alike; the devices and codes are django-otp's (`otp_totp`, `otp_static`).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from urllib.parse import quote

import segno
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role, Staff

# The session remembers, from the password step, that this login owes a second factor (the user
# had a device then), so that a later request need not look the devices up again.
OWES_CODE_SESSION_KEY = "gongkai_2fa_owed"
RECOVERY_CODES_SESSION_KEY = "gongkai_2fa_new_codes"
PENDING_KEY_SESSION_KEY = "gongkai_2fa_pending_key"
RECOVERY_CODE_COUNT = 10


def role_requires_two_factor(user: Staff) -> bool:
    """Whether the user's roles (or superuser status) make a second factor compulsory."""
    required = settings.GONGKAI_2FA_ROLES
    if not getattr(user, "is_authenticated", False):
        return False
    if "*" in required:
        return True
    if user.is_superuser and Role.SYSADMIN in required:
        return True
    return user.has_role(*required)


def owes_code(request) -> bool:
    """A signed-in user who must still give the second factor in this session."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(OWES_CODE_SESSION_KEY)) or role_requires_two_factor(user)


def needs_code_after_password(user: Staff) -> bool:
    return role_requires_two_factor(user) or user_has_device(user)


def step_url(user: Staff, next_url: str = "") -> str:
    """Where a user who owes the code goes: the code page, or enrolment if there is no device yet."""
    name = "workbench:login_code" if user_has_device(user) else "workbench:two_factor_enrol"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# --- the secret -----------------------------------------------------------------------------------


def new_key() -> str:
    """A fresh TOTP secret, hex-encoded as django-otp stores it (20 bytes, as RFC 4226 advises)."""
    return secrets.token_hex(20)


def key_from_base32(secret: str) -> str:
    """The hex key of a base32 secret as authenticator apps show it (spaces and case ignored)."""
    cleaned = "".join(secret.split()).upper()
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except binascii.Error:
        raise ValueError(f"not a base32 secret: {secret!r}") from None
    if len(raw) < 10:
        raise ValueError("a TOTP secret needs at least 80 bits")
    return raw.hex()


def base32_secret(key_hex: str) -> str:
    """The secret as a person types it into an app: base32 in groups of four."""
    text = base64.b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def totp_for(key_hex: str) -> TOTP:
    """The TOTP of a key with django-otp's defaults (30 s steps, 6 digits), as TOTPDevice uses."""
    defaults = {
        f.name: f.default for f in TOTPDevice._meta.get_fields() if f.name in {"step", "t0", "digits"}
    }
    return TOTP(bytes.fromhex(key_hex), defaults["step"], defaults["t0"], defaults["digits"])


def current_code(key_hex: str) -> str:
    """The code an authenticator app shows now for this key (the demo's `gongkai demo --code`)."""
    return f"{totp_for(key_hex).token():06d}"


def provisioning_uri(key_hex: str, user: Staff) -> str:
    issuer = settings.GONGKAI_SITE_NAME
    label = quote(f"{issuer}:{user.username}")
    secret = base64.b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&digits=6&period=30&algorithm=SHA1"


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG, drawn here (no image service, no script)."""
    return segno.make(uri, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=False)


# --- the guard ------------------------------------------------------------------------------------


class TwoFactorMiddleware:
    """Sends a signed-in user who owes the second factor to the code or enrolment page.

    Installed after django-otp's OTPMiddleware. Only the login steps, logout and static files are
    open to such a user; /admin/ signs in through the workbench login so that the code is asked.
    """

    OPEN_URL_NAMES = (
        "workbench:login",
        "workbench:login_code",
        "workbench:two_factor_enrol",
        "workbench:logout",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path == reverse("admin:login") and not request.user.is_authenticated:
            # Signed-in staff without admin rights get Django's own "no permission" page instead
            # (sending them to the login, which sends them back, would loop).
            return redirect(
                f"{reverse('workbench:login')}?{urlencode({'next': request.GET.get('next', '/admin/')})}"
            )
        if path.startswith(settings.STATIC_URL) or path in {reverse(n) for n in self.OPEN_URL_NAMES}:
            return self.get_response(request)
        if owes_code(request):
            return redirect(step_url(request.user, request.get_full_path()))
        return self.get_response(request)
