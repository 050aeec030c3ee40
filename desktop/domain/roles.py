"""Who may do what at a counter: the one role table that the window and the command line both
go through (DESIGN.md §9). A service names the action it is about to do; the signed-in officer
must hold one of the roles listed for it. Administrators may do everything, as before.

Reading personal data is an action like any other: look-up, a dossier's detail, exports, the
citizens to notify after an outage, statistics drill-downs and prints each have a row here.
"""

from __future__ import annotations

from types import MappingProxyType

RECEPTION = "reception"
RETURNS = "returns"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ALL_ROLES = (RECEPTION, RETURNS, SUPERVISOR, ADMIN)

# those who serve citizens or answer for the counter see its dossiers and its outages
_COUNTER_STAFF = frozenset({RECEPTION, RETURNS, SUPERVISOR})
_SERVING = frozenset({RECEPTION, RETURNS})

PERMISSIONS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        # reception (QĐ 921 Điều 9; Mẫu 01–03)
        "dossier.receive": frozenset({RECEPTION}),
        "dossier.refuse": frozenset({RECEPTION}),
        "dossier.supplement": frozenset({RECEPTION}),
        "dossier.withdraw": frozenset({RECEPTION}),
        # as DossierService.reschedule always allowed: whoever serves the citizen or answers
        # for the counter gives the new appointment
        "dossier.reschedule": _COUNTER_STAFF,
        "dossier.attach": _SERVING,
        # online dossiers from the portal: the inbox and its check within 4/8 working hours
        # (QĐ 921 Điều 9.1.a; QĐ 84/2025 Điều 13.2.a; QĐ 66/2020 Điều 15.4.b)
        "online.read": _COUNTER_STAFF,
        "online.check": frozenset({RECEPTION}),
        # hand-over to the specialist unit within ½ working day (QĐ 08/2018 Kon Tum Điều 14.4)
        "handover.read": _COUNTER_STAFF,
        "handover.create": frozenset({RECEPTION}),
        # fees (issue 19): taken by whoever serves the citizen; a refund is the supervisor's
        # decision (Kon Tum QĐ 08/2018 Điều 8.2.c)
        "fee.collect": _SERVING,
        "fee.exempt": frozenset({RECEPTION, SUPERVISOR}),
        "fee.refund": frozenset({SUPERVISOR}),
        "print.fee_receipt": frozenset({RECEPTION, RETURNS, SUPERVISOR}),
        # the citizen's side (issue 20): a rating is recorded by whoever served the citizen (the
        # citizen display's buttons) or typed in from a paper form (QĐ 921 Điều 17.2)
        "rating.record": _COUNTER_STAFF,
        # feedback and complaints: entered by the counter, answered within 15 working days
        # (QĐ 84/2025 Quảng Ninh Điều 17.3.b, 18)
        "feedback.read": _COUNTER_STAFF,
        "feedback.add": _COUNTER_STAFF,
        "feedback.answer": frozenset({SUPERVISOR}),
        # results by post (An Giang QĐ 66/2020 Điều 23.3, 26.2)
        "post.send": frozenset({RETURNS}),
        "post.deliver": frozenset({RETURNS, SUPERVISOR}),
        # returns (QĐ 921 Điều 13)
        "dossier.result_ready": frozenset({RETURNS}),
        "dossier.return": frozenset({RETURNS}),
        "receipt.check": frozenset({RETURNS}),
        # `motcua qr verify`: is this receipt genuine, and which dossier is it
        "receipt.verify": _COUNTER_STAFF,
        # reading personal data
        "dossier.lookup": _COUNTER_STAFF,
        "dossier.view": _COUNTER_STAFF,
        "print.form": _SERVING,
        "print.control": frozenset({RETURNS}),
        "print.queue": frozenset(),  # any officer signed in
        "print.reprint": _SERVING,  # a slip printed again shows what it showed the first time
        "print.register": _COUNTER_STAFF,  # the register book (Mẫu 06) lists the citizens
        # the counter's own day in figures (received, returned, waiting, due today): counts
        # only, no citizen's data, for whoever serves or answers for the counter (issue 22)
        "day.figures": _COUNTER_STAFF,
        # statistics and reports
        "stats.read": frozenset({SUPERVISOR}),
        "stats.drill": frozenset({SUPERVISOR}),  # the dossiers behind a number
        "stats.export": frozenset({SUPERVISOR}),  # CSV, XLSX, Biểu 06a files
        "stats.centre": frozenset({SUPERVISOR}),
        # outages and the day's close (QĐ 921 Phụ lục II; An Giang QĐ 66 Điều 24, 27)
        "incident.read": _COUNTER_STAFF,
        "incident.act": _COUNTER_STAFF,
        "incident.notify": _COUNTER_STAFF,
        # recording the request form (Phụ lục II) as sent, which starts the IT department's
        # answer clock (An Giang QĐ 66/2020 Điều 27.6): whoever reports the outage at the
        # counter — the form's "Người báo cáo" — or the supervisor who confirms it
        "incident.send": _COUNTER_STAFF,
        "day.close": _COUNTER_STAFF,
        "day.close_override": frozenset({SUPERVISOR}),
        # the catch-up report and the day's register (Mẫu 06), printed or written to a file
        "incident.report": _COUNTER_STAFF,
        "day.register": _COUNTER_STAFF,
        # the counter itself
        "settings.change": frozenset({ADMIN}),
        # the office's heading, place and number prefix printed on every form (issue 21)
        "office.set": frozenset({ADMIN}),
        "server.change": frozenset({ADMIN}),
        "counter.enrol": frozenset({ADMIN}),
        "officer.manage": frozenset({ADMIN}),
        "catalog.import": frozenset({ADMIN}),
        "calendar.change": frozenset({ADMIN, SUPERVISOR}),
        "audit.read": frozenset({SUPERVISOR}),
    }
)


class UnknownAction(KeyError):
    """A service asked about an action missing from the table: a bug, never a refusal."""


def roles_for(action: str) -> frozenset[str]:
    """The roles that may do ``action`` (empty: any officer who is signed in)."""
    try:
        return PERMISSIONS[action]
    except KeyError:
        raise UnknownAction(action) from None


def may(roles: frozenset[str], action: str) -> bool:
    wanted = roles_for(action)
    return ADMIN in roles or not wanted or bool(roles & wanted)
