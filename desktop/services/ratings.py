"""The citizen's satisfaction rating in the signed-in officer's name (issue 20, item 2): from
the citizen display's buttons at the end of a reception or a return, or typed in from a paper
form (``motcua rate``). The store writes the ``rated`` event and its audit entry together."""

from __future__ import annotations

from desktop.domain.satisfaction import Level, Stage
from desktop.store.dossiers.ratings import Rated, Ratings

from .state import DeskState

__all__ = ["Level", "Rated", "RatingDesk", "Stage"]


class RatingDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def rate(
        self, code: str, level: Level, stage: Stage = Stage.RETURN, comment: str | None = None
    ) -> Rated:
        officer = self.state.session.require("rating.record")
        return Ratings(self.state.db, self.state.ctx).rate(code, officer, level, stage, comment)
