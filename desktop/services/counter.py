"""Setting a counter up: a fresh data dir bound to its agency and counter (with its first
administrator) and the demo data. Nobody is signed in before the counter exists, so
these check no role; everything an officer does afterwards goes through the desk's services.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.office import OfficeLines
from desktop.domain.profile import ProvinceProfile
from desktop.store.counter import init_counter
from desktop.store.db import DB_NAME, Database
from desktop.store.demo import DEMO_OFFICER as DEMO_OFFICER
from desktop.store.demo import load_demo as load_demo


def provincial_centre(province: str, number_prefix: str) -> OfficeLines:
    """The province's centre with ``number_prefix``: ``init`` given only a number prefix."""
    from desktop.domain.office import check_office, province_default
    from desktop.store.resources import load_profile

    base = province_default(load_profile(province).province_name)
    return check_office(base.authority, base.name, base.place, number_prefix)


def initialised(data_dir: Path) -> bool:
    return (data_dir / DB_NAME).exists()


def initialise(
    data_dir: Path,
    *,
    province: str,
    agency: str,
    counter: str,
    server_url: str | None,
    admin_user: str | None,
    admin_password: str | None,
    admin_name: str | None,
    office: OfficeLines | None = None,
) -> ProvinceProfile:
    """A new counter database in ``data_dir``; nothing is left behind when it fails."""
    db = Database.open(data_dir, create=True)
    try:
        profile = init_counter(
            db,
            province=province,
            agency=agency,
            counter=counter,
            server_url=server_url,
            admin_user=admin_user,
            admin_password=admin_password,
            admin_name=admin_name,
            office=office,
        )
    except BaseException:
        db.close()
        # nothing of value was written: remove the half-made database so init can be re-run
        for suffix in ("", "-wal", "-shm"):
            (data_dir / (DB_NAME + suffix)).unlink(missing_ok=True)
        raise
    db.close()
    return profile
