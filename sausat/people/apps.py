from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sausat.people"
    label = "people"

    def ready(self):
        from django.urls import reverse

        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area
        from sausat.core.policy import register_grant_provider
        from sausat.people import policy, selectors

        def person_restore_url(user, person):
            return reverse("people:restore", args=[person.pk]) if policy.can_edit_person(user, person) else None

        def organ_restore_url(user, organ):
            return reverse("people:restore_organ", args=[organ.pk]) if policy.can_edit_organ(user, organ) else None

        register_grant_provider(selectors.grants_valid_on)
        register_area(Area(label="Cán bộ", url_name="people:directory", order=30))
        register_history("people.person", policy.person_with_deleted_or_404, restore_url=person_restore_url)
        register_history("people.organ", policy.organ_with_deleted_or_404, restore_url=organ_restore_url)
