"""Test helpers: a signed-in test client past the second factor, and a TOTP code as a phone computes it."""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

from sausat.accounts import mfa


def pass_second_factor(client) -> None:
    """What entering a right TOTP code does to the session (for tests that are about something else)."""
    session = client.session
    if session.get(mfa.SESSION_KEY) not in (None, mfa.OK):
        session[mfa.SESSION_KEY] = mfa.OK
        session.save()


def totp_code(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 computed independently of django-otp, as an authenticator app would."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)
