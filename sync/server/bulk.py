"""Many-row inserts for the push path, without SQLAlchemy's per-row parameter handling.

A pushed batch inserts hundreds of event and dossier rows; building and processing those
parameters through ``Connection.execute`` cost more than SQLite took to write them. The
statement is compiled once per dialect and table, each value still goes through its column
type's own bind processor (SQLite's datetime text, JSON through the engine's serializer), and
the rows go to the driver's ``executemany`` as they are, so what is stored is exactly what a
Core insert stores, on SQLite and PostgreSQL alike.

Values are processed a column at a time rather than a row at a time, and a JSON value the caller
already encoded (:class:`JsonText`, e.g. a payload measured against its size limit while the
request was checked) is stored as it is instead of being encoded again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any
from weakref import WeakKeyDictionary

from pydantic_core import to_json
from sqlalchemy import (
    JSON,
    Connection,
    String,
    Table,
    any_,
    bindparam,
    cast,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine


class JsonText(str):
    """A JSON column's value already encoded by the engine's own serializer
    (``sync.server.db``), stored exactly as it is."""

    __slots__ = ()


Processor = Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class _Plan:
    sql: str
    names: tuple[str, ...]  # the statement's parameters, in order
    columns: tuple[str, ...]  # the row key each parameter takes its value from
    processors: tuple[Processor | None, ...]  # each turns a column's values into the driver's
    positional: bool


_DEFAULT_SQLITE_DATETIME: str | None = getattr(sqlite.DATETIME, "_storage_format", None)
# per dialect object: the processors close over its settings (the engine's JSON serializer)
_PLANS: WeakKeyDictionary[Dialect, dict[str, _Plan]] = WeakKeyDictionary()


def _plan(dialect: Dialect, table: Table) -> _Plan:
    plans = _PLANS.setdefault(dialect, {})
    plan = plans.get(table.name)
    if plan is None:
        compiled = insert(table).compile(dialect=dialect)
        # one parameter per column, named after it (Core's insert of a whole table)
        by_param = {compiled.bind_names[b]: b.key for b in compiled.bind_names}
        positional = bool(compiled.positiontup)
        names = tuple(compiled.positiontup or by_param)
        columns = tuple(by_param[n] for n in names)
        processors = tuple(_processor(table.c[c].type, dialect) for c in columns)
        plan = _Plan(compiled.string, names, columns, processors, positional)
        plans[table.name] = plan
    return plan


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Processor | None:
    impl = type_.dialect_impl(dialect)
    core = impl.bind_processor(dialect)
    if core is None:
        return None
    if isinstance(impl, JSON):
        return lambda values: [v if type(v) is JsonText else core(v) for v in values]
    # SQLite keeps datetimes as text; for a naive datetime its default storage format is exactly
    # isoformat(" ", "microseconds"), done in C rather than by a %-format of seven fields
    if (
        isinstance(impl, sqlite.DATETIME)
        and _DEFAULT_SQLITE_DATETIME is not None
        and impl._storage_format == _DEFAULT_SQLITE_DATETIME
    ):

        def text_of(v: Any) -> Any:
            if type(v) is datetime and v.tzinfo is None:
                return v.isoformat(" ", "microseconds")
            return core(v)

        # each distinct value formatted once: a batch's stored_at / created_at / updated_at are
        # one instant, and a day's dossiers share few appointment times
        def distinct_once(values: list[Any]) -> list[Any]:
            text = {v: text_of(v) for v in set(values)}
            return [text[v] for v in values]

        return distinct_once
    return lambda values: [core(v) for v in values]


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with every column of ``table``) in one ``executemany``."""
    if not rows:
        return
    if conn.dialect.driver == "psycopg":  # one statement, the rows as one JSON document
        sql = _RECORDSET.get((conn.dialect, table.name))
        if sql is None:
            sql = _RECORDSET[(conn.dialect, table.name)] = recordset_insert(conn.dialect, table, {})
        conn.exec_driver_sql(sql, {"rows": recordset_of(conn.dialect, table, rows)})
        return
    plan = _plan(conn.dialect, table)
    if len(plan.columns) == 1:  # itemgetter of one key returns the value, not a tuple
        columns: list[Any] = [[r[plan.columns[0]] for r in rows]]
    else:
        columns = list(zip(*map(itemgetter(*plan.columns), rows), strict=True))
    # as Core does: a column's processor sees every value, None included
    for i, process in enumerate(plan.processors):
        if process is not None:
            columns[i] = process(columns[i])
    values = list(zip(*columns, strict=True))
    if plan.positional:
        conn.exec_driver_sql(plan.sql, values)
    else:
        names = plan.names
        conn.exec_driver_sql(plan.sql, [dict(zip(names, v, strict=True)) for v in values])


def update_rows(
    conn: Connection, table: Table, key: str, columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """Set ``columns`` of the rows of ``table`` whose ``key`` column equals each row's ``key``
    value. PostgreSQL (psycopg): one ``UPDATE … FROM json_to_recordset``, not one statement per
    row; elsewhere a Core ``executemany``."""
    if not rows:
        return
    if conn.dialect.driver != "psycopg":
        conn.execute(
            update(table).where(table.c[key] == bindparam("_key")),
            [{"_key": r[key], **{c: r[c] for c in columns}} for r in rows],
        )
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = _RECORDSET.get((conn.dialect, f"{table.name}:{key}:{','.join(columns)}"))
    if sql is None:
        sql = _RECORDSET[(conn.dialect, f"{table.name}:{key}:{','.join(columns)}")] = (
            f"UPDATE {quote(table.name)} AS t SET "
            + ", ".join(f"{quote(c)} = {_value(table, c, quote)}" for c in columns)
            + f" FROM json_to_recordset(%(rows)s::json) AS r({_declared(conn.dialect, table)})"
            + f" WHERE t.{quote(key)} = r.{quote(key)}"
        )
    conn.exec_driver_sql(sql, {"rows": recordset_of(conn.dialect, table, rows)})


# PostgreSQL statements reading their rows from one JSON document, per dialect and use
_RECORDSET: dict[tuple[Dialect, str], str] = {}


def one_of(column: ColumnElement[Any], key: str, dialect: str) -> ColumnElement[bool]:
    """``column IN (the values bound to key)``, bound as one parameter whatever their number,
    so the statement compiles once: SQLite reads a JSON array with ``json_each``, PostgreSQL
    takes an array (``dialect``: the dialect's name). Bind the values with :func:`values_of`.
    An expanding IN list would be rendered again, a placeholder per value, for every batch."""
    if dialect == "postgresql":
        return column == any_(cast(bindparam(key), postgresql.ARRAY(String)))
    listed = func.json_each(bindparam(key)).table_valued("value")
    return column.in_(select(listed.c.value))


def values_of(values: Sequence[str], dialect: str) -> Any:
    """The parameter :func:`one_of` expects for these strings."""
    if dialect == "postgresql":
        return list(values)
    return to_json(list(values)).decode()


def recordset_insert(dialect: Dialect, table: Table, computed: dict[str, str]) -> str:
    """PostgreSQL: ``INSERT INTO table … SELECT … FROM json_to_recordset(%(rows)s::json)``, the
    rows sent as one JSON document (:func:`recordset_of`) and inserted by one statement, not one
    per row. ``computed``: SQL put in place of a column's value, which may read the row's as
    ``r.<column>``. JSON columns travel as text (already encoded, so never encoded twice) and
    are cast back. The statement uses psycopg's ``%(name)s`` parameters."""
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in table.columns)
    chosen = ", ".join(computed.get(c.name, _value(table, c.name, quote)) for c in table.columns)
    return (
        f"INSERT INTO {quote(table.name)} ({names}) SELECT {chosen} "
        f"FROM json_to_recordset(%(rows)s::json) AS r({_declared(dialect, table)})"
    )


def _declared(dialect: Dialect, table: Table) -> str:
    """The record's columns as ``json_to_recordset`` reads them: JSON ones as text."""
    quote = dialect.identifier_preparer.quote
    return ", ".join(
        f"{quote(c.name)} {'text' if isinstance(c.type, JSON) else c.type.compile(dialect)}"
        for c in table.columns
    )


def _value(table: Table, column: str, quote: Callable[[str], str]) -> str:
    """The row's value of ``column`` in SQL: JSON cast back from its text."""
    name = f"r.{quote(column)}"
    return f"{name}::json" if isinstance(table.c[column].type, JSON) else name


def recordset_of(dialect: Dialect, table: Table, rows: Sequence[dict[str, Any]]) -> str:
    """The rows as the JSON document :func:`recordset_insert` reads, JSON columns as text: what
    the engine's serializer makes of them (``sync.server.db``), :class:`JsonText` as it is."""
    serialize: Callable[[Any], str] = getattr(dialect, "_json_serializer", None) or (
        lambda v: to_json(v).decode()
    )
    encoded = {
        c.name: [v if type(v) is JsonText else serialize(v) for v in (r[c.name] for r in rows)]
        for c in table.columns
        if isinstance(c.type, JSON)
    }
    if encoded:
        rows = [
            {**r, **{c: values[i] for c, values in encoded.items()}} for i, r in enumerate(rows)
        ]
    return to_json(list(rows)).decode()
