from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sausat.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from sausat.accounts.mfa import mark_session_at_login

        # Every login path (the form, Django's test client, a future SSO) must leave the session
        # waiting for the second factor when the account needs one.
        user_logged_in.connect(mark_session_at_login, dispatch_uid="sausat.accounts.mfa")
