from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "sausat.opinions"
    label = "opinions"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.data_versions import track
        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, signed_in, with_role
        from sausat.opinions import history_labels, inbox, meeting_page, policy, reminders  # noqa: F401  (reminders job)
        from sausat.people.models import Role

        register_area(Area(label=gettext_noop("Ý kiến"), url_name="opinions:index", order=41, visible=signed_in))
        register_area(
            Area(
                label=gettext_noop("Cần trả lời"),
                url_name="opinions:queue",
                order=42,
                visible=with_role(Role.RESPONDER, Role.LEADER, Role.SECRETARY),
            )
        )
        inbox.register()
        # What the cached lists read (sausat.opinions.list_cache): their rows change only at these writes.
        for prefix, key in (
            ("opinions.", "opinions"),
            ("meetings.", "meetings"),
            ("people.", "people"),
            ("geo.", "geo"),
        ):
            track(prefix, key=key)
        track("core.calendarday", key="calendar")
        track("core.datedsetting", key="settings")  # the opinion page's answer period (views/detail.py)
        history_labels.register()  # how its objects' histories read (core.timeline)
        meeting_page.register()
        register_history("opinions.opinion", policy.opinion_or_404)
        register_history("opinions.issuegroup", policy.group_or_404)
        register_history("opinions.draftpolicy", policy.draft_or_404)
