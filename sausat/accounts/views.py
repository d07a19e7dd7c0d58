"""Sign-in (throttled), the second-factor pages and the password change page."""

from __future__ import annotations

import math
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from sausat.accounts import mfa, services
from sausat.accounts.throttle import client_address, retry_after
from sausat.core.navigation import account_links


def _locked_message(seconds: int) -> str:
    return _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {
        "minutes": max(1, math.ceil(seconds / 60))
    }


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wait = retry_after(request.POST.get("username", ""), client_address(request))
        if wait:
            # Refused before authenticate(): a throttled attempt never reaches the password hasher.
            form = self.get_form_class()(request)
            context = self.get_context_data(form=form, locked_message=_locked_message(wait))
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        if username and self.request.POST.get("password"):
            services.record_login_failure(username=username, address=client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        services.record_login_success(username=form.get_user().get_username())
        return super().form_valid(form)


def _next_url(request, default: str = "core:home") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return str(reverse_lazy(default))


@login_required
def mfa_verify(request):
    device = mfa.confirmed_device(request.user)
    if device is None or mfa.pending_step(request) != mfa.VERIFY:
        return redirect(_next_url(request))
    error, status = "", 200
    if request.method == "POST":
        token = "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())
        # django-otp doubles a wait after each wrong code (1 s, 2 s, 4 s…): say so rather than "wrong".
        if not device.verify_is_allowed()[0]:
            error, status = _("Đã nhập sai mã nhiều lần. Vui lòng đợi vài giây rồi thử lại."), 429
        elif token and django_otp.verify_token(request.user, device.persistent_id, token) is not None:
            mfa.mark_verified(request)
            return HttpResponseRedirect(_next_url(request))
        else:
            error, status = _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại."), 400
    context = {"error": error, "next": _next_url(request)}
    return render(request, "accounts/mfa_verify.html", context, status=status)


def _candidate(request) -> TOTPDevice:
    key = request.session.get(mfa.CANDIDATE_KEY)
    if not key:
        key = random_hex(20)
        request.session[mfa.CANDIDATE_KEY] = key
    return TOTPDevice(user=request.user, name="TOTP", key=key)


def _code_matches(device: TOTPDevice, token: str) -> bool:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return token.isdigit() and totp.verify(int(token), tolerance=device.tolerance)


@login_required
def mfa_setup(request):
    user = request.user
    step = mfa.pending_step(request)
    if step == mfa.VERIFY:
        return redirect(f"{reverse_lazy('accounts:mfa_verify')}?{urlencode({'next': _next_url(request)})}")
    required = mfa.mfa_required(user)
    device = mfa.confirmed_device(user)
    error = ""
    if request.method == "POST" and request.POST.get("action") == "remove" and device is not None:
        if required:
            error = _("Tài khoản của đồng chí bắt buộc dùng xác thực hai lớp, không thể tắt.")
        else:
            services.remove_totp(actor=user, user=user)
            messages.success(request, _("Đã tắt xác thực hai lớp."))
            return redirect("accounts:mfa_setup")
    elif request.method == "POST" and device is None:
        candidate = _candidate(request)
        token = "".join(ch for ch in request.POST.get("token", "") if ch.isdigit())
        if _code_matches(candidate, token):
            services.enrol_totp(actor=user, user=user, key=candidate.key)
            request.session.pop(mfa.CANDIDATE_KEY, None)
            mfa.mark_verified(request)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            return HttpResponseRedirect(_next_url(request))
        error = _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại.")
    context = {"device": device, "required": required, "error": error, "next": _next_url(request), "step": step}
    if device is None:
        candidate = _candidate(request)
        context["qr_uri"] = segno.make(candidate.config_url, error="m").svg_data_uri(scale=5, border=2)
        context["secret"] = b32encode(unhexlify(candidate.key)).decode()
    response = render(request, "accounts/mfa_setup.html", context, status=400 if error else 200)
    response["Cache-Control"] = "no-store"  # the page shows the secret
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def post(self, request, *args, **kwargs):
        wait = retry_after(request.user.get_username(), client_address(request))
        if wait:
            messages.error(request, _locked_message(wait))
            response = self.render_to_response(self.get_context_data(), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            # The old-password check is a password guess like any other.
            services.record_login_failure(
                username=self.request.user.get_username(), address=client_address(self.request)
            )
        return super().form_invalid(form)

    def form_valid(self, form):
        services.change_password(
            actor=self.request.user, user=form.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return HttpResponseRedirect(self.get_success_url())


@login_required
def account(request):
    """The person's own account page: the daily digest preference and links to the security pages."""
    from sausat.accounts.digest import address_of, wants_digest

    if request.method == "POST":
        enabled = request.POST.get("daily_digest") == "on"
        services.set_daily_digest(actor=request.user, user=request.user, enabled=enabled)
        if enabled:
            messages.success(request, _("Đã đăng ký nhận thư tóm tắt việc cần làm mỗi sáng."))
        else:
            messages.success(request, _("Đã thôi nhận thư tóm tắt việc cần làm."))
        return redirect("accounts:account")
    context = {
        "daily_digest": wants_digest(request.user),
        "address": address_of(request.user),
        "links": account_links(request.user),
    }
    return render(request, "accounts/account.html", context)
