"""Who is signed in at this desk, and the one place where an action's role is checked and its
audit entry written (DESIGN.md §9). The window keeps one session for as long as it is open; a
command signs in for the one action it runs. Roles come from :mod:`desktop.domain.roles`.
"""

from __future__ import annotations

from desktop.domain.roles import may, roles_for
from desktop.store.accounts import audit
from desktop.store.accounts.officers import ROLE_LABELS_VI, OfficerInfo, PermissionDenied
from desktop.store.db import Database


class Session:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.officer: OfficerInfo | None = None
        self.pending: OfficerInfo | None = None  # signed in, but must change the password first

    def require(self, action: str) -> OfficerInfo:
        """The signed-in officer, if one may do ``action``; else a refusal."""
        officer = self.officer
        if officer is None:
            raise PermissionDenied(
                "Chưa đăng nhập, hoặc màn hình đã khóa: đăng nhập lại", code="not_signed_in"
            )
        if not may(officer.roles, action):
            wanted = ", ".join(ROLE_LABELS_VI[r] for r in sorted(roles_for(action)))
            raise PermissionDenied(
                f"Tài khoản {officer.username} không có quyền này (cần: {wanted})",
                user=officer.username,
                roles=tuple(sorted(roles_for(action))),
            )
        return officer

    def acting(self, officer: OfficerInfo, action: str) -> None:
        """An action done in ``officer``'s name must be done by the one signed in."""
        current = self.require(action)
        if current.username != officer.username:
            raise PermissionDenied(
                f"Tài khoản {officer.username} không phải người đang đăng nhập",
                code="not_the_signed_in_officer",
                user=officer.username,
            )

    def note(self, action: str, target: str = "", detail: audit.Detail | None = None) -> None:
        """Write what the signed-in officer did to the hash-chained audit log."""
        officer = self.require_signed_in()
        with self.db.write() as s:
            audit.record(s, officer.username, action, target, detail)

    def require_signed_in(self) -> OfficerInfo:
        if self.officer is None:
            raise PermissionDenied(
                "Chưa đăng nhập, hoặc màn hình đã khóa: đăng nhập lại", code="not_signed_in"
            )
        return self.officer
