"""Who is acting, for the audit rows written by the hooks on Wagtail's signals (they carry no user)."""

import contextvars

current_actor: contextvars.ContextVar = contextvars.ContextVar("portal_actor", default=None)
