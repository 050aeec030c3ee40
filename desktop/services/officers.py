"""Officers' accounts: creating one is an administrator's action from the role table, and
the account's creation is audited by the store (``officer.created``); changing one's own
password and signing in need the password itself, not a session (the store audits both)."""

from __future__ import annotations

from desktop.store.accounts import officers as accounts
from desktop.store.sync.online_login import SignIn, change_password_everywhere, sign_in

from .state import DeskState


class OfficerDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def add(self, username: str, full_name: str, roles: str, initial_password: str) -> None:
        """A new account with ``roles`` ("reception,returns"); the officer must change the
        initial password at the first sign-in."""
        admin = self.state.session.require("officer.manage")
        parsed = accounts.parse_roles(roles)
        with self.state.db.write() as s:
            accounts.create_officer(
                s, username, full_name, parsed, initial_password, by=admin.username
            )

    def change_password(self, username: str, old: str, new: str) -> bool:
        """At the counter, and on the server when it answers (True then)."""
        return change_password_everywhere(self.state.db, self.state.ctx, username, old, new)

    def sign_in(self, username: str, password: str) -> SignIn:
        """Online when the server answers, else at the counter; a first sign-in that must
        still change its password is allowed (the answer says so)."""
        return sign_in(self.state.db, self.state.ctx, username, password, allow_must_change=True)
