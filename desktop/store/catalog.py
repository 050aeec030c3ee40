"""The procedure catalog as the counter holds it (from the server, or the shipped demo)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.procedures import Catalog, Procedure, fold_accents
from desktop.domain.refusal import Refusal
from desktop.store.models import CounterIdentity, Dossier, ProcedureRow


class UnknownProcedure(Refusal, LookupError):
    code = "unknown_procedure"


def import_catalog(session: Session, catalog: Catalog) -> int:
    """Insert or update every procedure; procedures already used by dossiers stay."""
    for p in catalog.procedures:
        row = session.get(ProcedureRow, p.code) or ProcedureRow(code=p.code)
        row.name = p.name
        row.name_folded = fold_accents(p.name)
        row.field_code = p.field.code
        row.field_name = p.field.name
        row.limit = p.limit
        row.data = p.model_dump(mode="json")
        row.catalog_version = catalog.version
        session.add(row)
    return len(catalog.procedures)


def list_procedures(session: Session) -> list[Procedure]:
    rows = session.scalars(
        select(ProcedureRow).order_by(ProcedureRow.field_name, ProcedureRow.name)
    )
    return [Procedure.model_validate(r.data) for r in rows]


def get_procedure(session: Session, code: str) -> Procedure:
    row = session.get(ProcedureRow, code.strip())
    if row is None:
        raise UnknownProcedure(f"Không có thủ tục mã {code!r} trong danh mục của quầy")
    return Procedure.model_validate(row.data)


def procedure_usage(session: Session) -> dict[str, int]:
    """Procedure code → dossiers received at this counter: the picker ranks the procedures
    this counter takes most above the others that match as well."""
    here = select(CounterIdentity.counter).scalar_subquery()
    rows = session.execute(
        select(Dossier.procedure_code, func.count())
        .where(Dossier.counter == here, Dossier.received_at.is_not(None))
        .group_by(Dossier.procedure_code)
    )
    return {code: n for code, n in rows}
