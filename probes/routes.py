"""The access matrix's table: every named route, the object type it acts on, and who may read / write.

``Route(kind, read, write)``: ``kind`` names the sample type whose ids fill the URL (None: no id);
``read``/``write`` are rules from :mod:`probes.rules` (None: that action does not exist or is not
probed). ``destructive`` writes are only sent by roles that must be refused (the allowed ones would
delete or publish the demo's data mid-run). A route missing here fails the probe as "unclassified".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from probes import rules as r


@dataclass(frozen=True)
class Route:
    kind: str | None = None
    read: Callable | None = None
    write: Callable | None = None
    destructive: bool = False
    params: Callable | None = None  # sample -> URL kwargs; default {<only param>: sample.pk}
    query: str | Callable = ""  # or sample -> query string
    skip: str = ""  # why the route is not probed (still classified)


def token(s):
    return {"token": s.facts["token"]}


def code(s):
    return {"code": s.facts["code"]}


def unit_id(s):
    return {"unit_id": s.facts["unit"]}


def ref(s):
    return {"ref": s.facts["ref"]}


ROUTES: dict[str, Route] = {
    # core and accounts
    "core:home": Route(read=r.public),
    "core:login": Route(read=r.public, skip="exercised by every login"),
    "core:logout": Route(skip="would end the probe's sessions"),
    # Working-day calendar: an administrator's / province secretary's tool (least privilege).
    "core:calendar": Route(read=r.secretary_anywhere),
    "core:tokens": Route(read=r.signed_in),
    "core:health": Route(read=r.public),
    "core:ready": Route(skip="answers 503 while no worker runs beside the server (by design)"),
    "core:metrics": Route(skip="loopback-only by design; the probe is on loopback"),
    "core:history": Route("history", read=None, skip="see HISTORY below"),
    "core:job_status": Route("job", read=r.job_read),
    "core:job_download": Route("job", skip="only finished export jobs have a file"),
    "accounts:mfa_setup": Route(read=r.signed_in),
    "accounts:mfa_verify": Route(skip="second-factor step, exercised by the admin's login"),
    "accounts:password_change": Route(read=r.signed_in),
    "accounts:account": Route(read=r.signed_in),
    "opinions:lookup": Route(read=r.public, skip="the reference-code look-up is rate-limited (test_reference)"),
    "opinions:drafts": Route(read=r.signed_in),
    "opinions:draft": Route(skip="draft policies are not sampled yet; sausat/opinions/tests/test_draft_policy.py"),
    "directives:deadline_preview": Route(read=r.signed_in, skip="a form helper fragment; needs its form's fields"),
    "meetings:attendee_add": Route("meeting", write=r.meeting_manage),
    "meetings:attendee_remove": Route(skip="needs an attendee id; same guard as attendee_add"),
    "meetings:conclusion_giver": Route("meeting", write=r.meeting_manage),
    "set_language": Route(skip="language switch, no object"),
    # geo
    "geo:index": Route(read=r.public),
    "geo:picker": Route("province", read=r.public, params=lambda s: {}, query=lambda s: f"code={s.facts['code']}"),
    "geo:detail": Route("province", read=r.public, params=code),
    "geo:children": Route("province", read=r.public, params=code),
    "geo:hamlet_import": Route("province", read=r.province_manage, write=r.province_manage, params=code),
    "geo:hamlet_template": Route("province", read=r.province_manage, params=code),
    # people: holders of a current leadership post are public office holders (name, titles, unit);
    # the directory shows anonymous visitors only those, and never contact or personal data.
    "people:directory": Route(read=r.public),
    "people:detail": Route("person", read=r.person_read),
    "people:add_position": Route("person", write=r.person_edit),
    "people:end_position": Route(skip="needs a position id; guarded by the person's edit rule"),
    "people:delete": Route("person", write=r.person_edit, destructive=True),
    "people:restore": Route("person", write=r.person_edit, destructive=True),
    "people:delete_organ": Route("organ", write=r.organ_edit, destructive=True),
    "people:restore_organ": Route("organ", write=r.organ_edit, destructive=True),
    # meetings
    "meetings:index": Route(read=r.signed_in),
    "meetings:create": Route(read=r.meeting_creator, write=r.meeting_creator),
    "meetings:detail": Route("meeting", read=r.meeting_read),
    "meetings:edit": Route("meeting", read=r.meeting_manage, write=r.meeting_manage),
    "meetings:status": Route("meeting", write=r.meeting_manage, destructive=True),
    "meetings:attach": Route("meeting", write=r.meeting_manage),
    "meetings:attachment": Route(skip="the demo has no attachment; hostile uploads cover it"),
    "meetings:qr_png": Route("meeting", read=r.meeting_manage),
    "meetings:qr_svg": Route("meeting", read=r.meeting_manage),
    "meetings:summary": Route("meeting", read=r.meeting_read, params=lambda s: {"meeting_pk": s.pk}),
    "meetings:board": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    "meetings:results": Route("meeting", read=r.meeting_results_by_id, params=lambda s: {"meeting_pk": s.pk}),
    "meetings:public_results": Route("meeting", read=r.published_results, params=ref),
    "meetings:publish_results": Route("meeting", write=r.meeting_manage, destructive=True),
    "meetings:register_xlsx": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    "meetings:notice": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    # opinions
    "opinions:index": Route(read=r.signed_in),
    "opinions:detail": Route("opinion", read=r.opinion_read),
    # GET: the answer form (an HTMX fragment; a plain GET redirects to the page with the form inline).
    "opinions:answer": Route("opinion", read=r.opinion_note, write=r.opinion_note),
    "opinions:add_note": Route("opinion", write=r.opinion_note),
    "opinions:queue": Route(read=r.signed_in),
    "opinions:answer_group": Route("group", write=r.group_read),
    "opinions:petition": Route("answer", write=r.answer_act),
    "opinions:publish": Route("answer", write=r.answer_act, destructive=True),
    "opinions:submit": Route(
        "meeting", read=r.public, params=token, skip="public form: the corpus and anonymity probes"
    ),
    "opinions:submitted": Route("meeting", read=r.public, params=token),
    "opinions:import_template": Route(read=r.signed_in),
    "opinions:import": Route(
        "meeting", read=r.meeting_manage, write=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}
    ),
    "opinions:live_entry": Route(
        "meeting", read=r.meeting_manage, write=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}
    ),
    "opinions:grouping": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    "opinions:grouping_action": Route("meeting", write=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    "opinions:suggestions": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    "opinions:board_since": Route("meeting", read=r.meeting_manage, params=lambda s: {"meeting_pk": s.pk}),
    # directives
    "directives:index": Route(read=r.directives_user),
    "directives:documents": Route(read=r.directives_user),
    "directives:document_create": Route(read=r.secretary_anywhere, write=r.secretary_anywhere),
    "directives:document": Route("document", read=r.document_read),
    "directives:task_create": Route("document", read=r.document_office, write=r.document_office),
    "directives:task": Route("task", read=r.task_read),
    "directives:task_edit": Route("task", read=r.task_office, write=r.task_office),
    "directives:task_progress": Route("task", write=r.task_lead),
    "directives:task_complete": Route("task", write=r.task_lead),
    "directives:task_extend": Route("task", write=r.task_lead),
    "directives:request_decide": Route(skip="the demo has no open request"),
    "directives:check": Route(read=r.directives_body),
    "directives:pack": Route(read=r.directives_body),
    "directives:pack_xlsx": Route(read=r.directives_body),
    "directives:pack_docx": Route(read=r.directives_body),
    "directives:dashboard": Route(read=r.office_anywhere),
    # liaison
    "liaison:index": Route(read=r.signed_in),
    "liaison:unit": Route("commune", read=r.liaison_read, params=unit_id),
    "liaison:activity_new": Route("commune", read=r.liaison_log, write=r.liaison_log, params=unit_id),
    "liaison:report_new": Route("commune", read=r.liaison_log, write=r.liaison_log, params=unit_id),
    "liaison:activity": Route("activity", read=r.liaison_read),
    "liaison:photo": Route(skip="the demo has no photo; hostile uploads cover photos"),
    "liaison:report": Route("report", read=r.liaison_read),
    "liaison:dashboard": Route(read=r.liaison_office),
    "liaison:review_xlsx": Route(read=r.liaison_office),
    "liaison:review_docx": Route(read=r.liaison_office),
    "liaison:decisions": Route(read=r.liaison_office),
    "liaison:decision": Route("decision", read=r.decision_read),
    "liaison:assignment_end": Route(skip="needs an assignment id; office-only (same guard as decisions)"),
    "liaison:assignment_move": Route(skip="needs an assignment id; office-only (same guard as decisions)"),
    "liaison:import": Route(read=r.liaison_office),
    "liaison:import_template": Route(read=r.liaison_office),
    # textkit
    "articles:import": Route(read=r.secretary_anywhere),
    # cadre records (the most confidential data): board and committee of the managing level, the person
    "cadres:index": Route(read=r.cadre_index),
    "cadres:record": Route("cadre", read=r.cadre_read, params=lambda s: {"person_id": s.pk}),
    "cadres:record_export": Route("cadre", read=r.cadre_read, params=lambda s: {"person_id": s.pk}),
    "cadres:period": Route(skip="evaluation periods are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:period_decide": Route(skip="evaluation periods are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:evaluation": Route(skip="evaluations are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:session": Route(skip="confidence-vote sessions are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:ballot_box": Route(skip="confidence-vote sessions are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:minutes": Route(skip="confidence-vote sessions are not sampled yet; sausat/cadres/tests cover them"),
    # The in-room ballot page is public by design (attendees vote with a one-time code, no account).
    "cadres:ballot_cast": Route(read=r.public),
    "cadres:appointments": Route(read=r.cadre_reader),
    "cadres:appointment": Route(skip="appointment procedures are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:report": Route(skip="evaluation periods are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:report_xlsx": Route(skip="evaluation periods are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:report_docx": Route(skip="evaluation periods are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:region": Route(skip="regions are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:region_xlsx": Route(skip="regions are not sampled yet; sausat/cadres/tests cover them"),
    "cadres:plan": Route(skip="plans are not sampled yet; sausat/cadres/tests/test_planning.py covers them"),
    "cadres:rotation_add": Route(
        "cadre", skip="the board's form and write only; sausat/cadres/tests/test_planning.py covers it and the 404s"
    ),
    # news portal: staff pages, then the public reader pages
    "portal:moderation": Route(read=r.portal_moderator),
    "portal:draft_from_meeting": Route("meeting", read=r.portal_draft, params=lambda s: {"meeting_id": s.pk}),
    "portal_public:search": Route(read=r.public),
    "portal_public:archive": Route(skip="portal homes are not sampled; public by design (test_reader_pages)"),
    "portal_public:archive_month": Route(skip="portal homes are not sampled; public by design (test_reader_pages)"),
    "portal_public:atom": Route(skip="categories are not sampled; public by design"),
    "portal_public:print": Route(skip="articles are not sampled; live articles only (test_reader_pages)"),
    "portal_public:tag": Route(skip="tags are not sampled; live articles only (test_reader_pages)"),
    "portal_rendition": Route(skip="the public renditions folder only (sausat/portal/tests/test_media.py)"),
    "portal_public:sitemap": Route(read=r.public),
    "portal_public:rss": Route(skip="categories are not sampled; public by design"),
    "portal_public:comment": Route(skip="public comment form (POST-only); would post comments"),
}

# Wagtail's admin (/quan-tri-tin/) and page serving: Wagtail's own permission system, configured by
# the portal app; classified as a block, not probed route by route (see the portal app's tests).
WAGTAIL_NAMESPACES = ("wagtail", "documents", "images", "pages")
WAGTAIL_NAMES = ("None",)

# The audit history page of each object type answers exactly as the object's own page.
HISTORY = {
    "meeting": ("meetings.meeting", r.meeting_read),
    "opinion": ("opinions.opinion", r.opinion_read),
    "task": ("directives.task", r.task_read),
    "decision": ("liaison.assignmentdecision", r.decision_read),
    "person": ("people.person", r.person_read),
    "document": ("directives.directingdocument", r.document_read),
    "activity": ("liaison.activity", r.liaison_read),
    "report": ("liaison.situationreport", r.liaison_read),
    "group": ("opinions.issuegroup", r.group_read),
}

# API: (method, path template, sample kind, rule, JSON body or None).
API_READS = {
    "api:me": ("/api/v1/me", None, r.signed_in),
    "api:list_units": ("/api/v1/units/", None, r.public),
    "api:get_unit": ("/api/v1/units/{code}", "province", r.public),
    "api:list_organs": ("/api/v1/people/organs/", None, r.public),
    "api:get_organ": ("/api/v1/people/organs/{pk}", "organ", r.public),
    "api:list_people": ("/api/v1/people/", None, r.public),  # public office holders only, see people:directory
    "api:get_person": ("/api/v1/people/{pk}", "person", r.person_read),
    "api:list_meetings": ("/api/v1/meetings/", None, r.signed_in),
    "api:get_meeting": ("/api/v1/meetings/{pk}", "meeting", r.meeting_read),
    "api:list_opinions": ("/api/v1/opinions/", None, r.signed_in),
    "api:get_opinion": ("/api/v1/opinions/{pk}", "opinion", r.opinion_read),
    "api:list_answers": ("/api/v1/opinions/{pk}/answers", "opinion", r.opinion_read),
    "api:list_notes": ("/api/v1/opinions/{pk}/notes", "opinion", r.opinion_note),  # internal follow-up notes
    "api:list_tasks": ("/api/v1/directives/tasks", None, r.signed_in),
    "api:get_task": ("/api/v1/directives/tasks/{pk}", "task", r.task_read),
    "api:my_units": ("/api/v1/liaison/units", None, r.signed_in),
    "api:unit_activities": ("/api/v1/liaison/units/{unit}/activities", "commune", r.liaison_read),
    "api:coverage": ("/api/v1/liaison/coverage", None, r.liaison_office),
    "api:inbox": ("/api/v1/me/inbox", None, r.signed_in),
    "api:get_record": ("/api/v1/cadres/records/{pk}", "cadre", r.cadre_read),
    "api:which_rule": ("/api/v1/cadres/rules?kind=evaluation.party&on=2025-12-01", None, r.signed_in),
}
API_WRITES = {
    "api:register": ("/api/v1/opinions/", "commune", lambda a, f: a.covers(f["path"], *r.OFFICE), "opinion"),
    "api:add_note": ("/api/v1/opinions/{pk}/notes", "opinion", r.opinion_note, "note"),
    "api:log_activity": ("/api/v1/liaison/units/{unit}/activities", "commune", r.liaison_log, "activity"),
}
API_UNPROBED = {"api:openapi-json": "the schema (schemathesis reads it)", "api:api-root": "the docs page"}
