"""Who may do what, written from the domain's access rules (not from the views).

Each rule takes an :class:`~probes.facts.Actor` and a sample's facts and answers True (allowed) or
False (refused).  Roles: leader and secretary are the office of their subtree; responders act for
their organ; commune cadres and liaison officers see their own commune; citizens see their own
submissions; admins see everything; anonymous visitors only public pages.
"""

from __future__ import annotations

L, S, R, LIA, CC, CIT = "leader", "secretary", "responder", "liaison", "commune_cadre", "citizen"
OFFICE = (L, S)


def public(a, f=None) -> bool:
    return True


def signed_in(a, f=None) -> bool:
    return a.signed_in


def admin(a, f=None) -> bool:
    return a.admin


def office_anywhere(a, f=None) -> bool:
    return a.has(*OFFICE)


def secretary_anywhere(a, f=None) -> bool:
    return a.has(S)


def meeting_creator(a, f=None) -> bool:
    return a.has(*OFFICE)


# --- meetings and opinions ----------------------------------------------------------------------
def meeting_manage(a, m) -> bool:
    return a.covers(m["path"], *OFFICE)


def meeting_read(a, m) -> bool:
    if meeting_manage(a, m) or (a.organs() & m["organs"]):
        return True
    return bool(m["invite_path"]) and any(
        r in m["invite_roles"] and p.startswith(m["invite_path"]) for r, p, _o in a.grants
    )


def opinion_read(a, o) -> bool:
    if a.covers(o["meeting_path"], *OFFICE) or a.covers(o["path"], *OFFICE):
        return True
    if o["organ"] and o["organ"] in a.organs():
        return True
    if not o["anonymous"] and a.covers(o["path"], CC, LIA) and not a.admin:
        return True
    return a.admin or (a.user_id is not None and o["submitted_by"] == a.user_id)


def opinion_answer(a, o) -> bool:
    if a.admin or a.covers(o["meeting_path"], *OFFICE):
        return True
    if o["meeting"] is None and a.covers(o["path"], *OFFICE):
        return True
    return bool(o["organ"]) and o["organ"] in a.organs()


def opinion_note(a, o) -> bool:
    return opinion_read(a, o) and opinion_answer(a, o)


def group_read(a, g) -> bool:
    return a.covers(g["meeting_path"], *OFFICE) or (bool(g["organ"]) and g["organ"] in a.organs())


def answer_act(a, f) -> bool:
    return opinion_read(a, f) and opinion_answer(a, f)


# --- directives -----------------------------------------------------------------------------------
def task_read(a, t) -> bool:
    if a.covers(t["path"], *OFFICE):
        return True
    if a.organs() & ({t["lead"]} | t["coop"]):
        return True
    return bool(t["lead_path"]) and a.has(CC) and not a.admin and a.covers(t["lead_path"], CC)


def task_office(a, t) -> bool:
    return a.covers(t["path"], S)


def task_lead(a, t) -> bool:
    if not task_read(a, t):
        return False
    if t["lead"] is None:
        return task_office(a, t)
    if t["lead"] in a.organs() or (t["lead_path"] and a.covers(t["lead_path"], CC) and a.has(CC)):
        return True
    return task_office(a, t)


def document_read(a, d) -> bool:
    return a.covers(d["path"], *OFFICE) or any(task_read(a, t) for t in d["tasks"])


def document_office(a, d) -> bool:
    return a.covers(d["path"], S)


def directives_body(a, f=None) -> bool:
    """The no-task-missed check and the quarterly pack: the office, or a body speaking for its organ
    (a responder, or a commune cadre whose commune has organs); nobody else."""
    return a.has(*OFFICE) or bool(a.organs()) or (a.has(CC) and a.commune_organs)


def directives_user(a, f=None) -> bool:
    """Pages listing tasks: open to every signed-in user (an empty list for those with none)."""
    return a.signed_in


# --- liaison --------------------------------------------------------------------------------------
def liaison_read(a, f) -> bool:
    return a.covers(f["path"], *OFFICE, LIA, CC) or f["unit"] in a.assigned


def liaison_log(a, f) -> bool:
    """Field work is logged only where one's own current assignment sends one (admins included)."""
    return f["unit"] in a.assigned


def liaison_office(a, f=None) -> bool:
    return a.has(*OFFICE)


def decision_read(a, d) -> bool:
    return a.covers(d["path"], *OFFICE)


# --- people and geo -------------------------------------------------------------------------------
def person_read(a, p) -> bool:
    return p["office"] or a.covers(p["path"])


def person_edit(a, p) -> bool:
    return a.covers(p["path"], S)


def organ_edit(a, o) -> bool:
    return a.covers(o["path"], S)


def province_manage(a, p) -> bool:
    return a.covers(p["path"], S)


def job_read(a, j) -> bool:
    return a.admin or (a.user_id is not None and a.user_id == j["owner"])


def published_results(a, m) -> bool:
    return m["published"]


def meeting_results_by_id(a, m) -> bool:
    """The results under the guessable id: managers (preview) and, once published, the meeting's
    signed-in readers (sent on to the public address); anonymous visitors never."""
    return a.signed_in and (meeting_manage(a, m) or (m["published"] and meeting_read(a, m)))


# --- cadre records: the organisation board and the committee (leaders) of the managing level, and
# the person themself; no administrator override -------------------------------------------------
CADRE_READERS = ("org_board", L)


def cadre_reader(a, f=None) -> bool:
    return any(r in CADRE_READERS for r, _p, _o in a.grants)


def cadre_index(a, f=None) -> bool:
    return cadre_reader(a) or a.own_cadre_record


def cadre_read(a, c) -> bool:
    if a.user_id is not None and c["user"] == a.user_id:
        return True
    return any(r in CADRE_READERS and c["path"].startswith(p) for r, p, _o in a.grants)


# --- portal: staff of a province's portal (reporters, editors; leaders approve) --------------------
PORTAL_MODERATORS = ("portal_editor", L)
PORTAL_DRAFTERS = ("portal_reporter", "portal_editor")


def _portal_role(a, roles) -> bool:
    if a.admin:
        return bool(a.portal_homes)
    return any(r in roles and h.startswith(p) for r, p, _o in a.grants for h in a.portal_homes)


def portal_moderator(a, f=None) -> bool:
    return _portal_role(a, PORTAL_MODERATORS)


def portal_draft(a, m) -> bool:
    """Drafters of a portal whose province holds the meeting (meetings.policy.meeting_in_subtrees_or_404),
    whether or not they may open the meeting's own pages."""
    if a.admin:
        return any(m["path"].startswith(h) for h in a.portal_homes)
    return any(
        r in PORTAL_DRAFTERS and h.startswith(p) and m["path"].startswith(h)
        for r, p, _o in a.grants
        for h in a.portal_homes
    )
