"""Every expected refusal says so itself (issue 24): it derives from ``Refusal`` (or, in ``sync``
and ``printing``, which do not import the app, carries a ``refusal_code``), with a stable code of
its own. These are the classes of the hand-kept list this replaced, and what came since: a
class that stops being a refusal would have its message hidden as a bug's."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.commands.errors import UsageError
from desktop.devices.imaging import ImageInputError
from desktop.devices.scanning import ScanCancelled, ScanError
from desktop.domain.applicants import IdNumberError
from desktop.domain.calendar import CalendarError
from desktop.domain.cccd_qr import CccdQrError
from desktop.domain.codes import CodeFormatError, validate_agency
from desktop.domain.dossier import TransitionError
from desktop.domain.leases import LeaseError
from desktop.domain.procedures import CatalogError
from desktop.domain.profile import ProfileError
from desktop.domain.qr_token import QrRejected
from desktop.domain.reception import FormError, parse_form
from desktop.domain.refusal import Refusal, is_refusal, refusal_code
from desktop.domain.stats.period import PeriodError, between, month
from desktop.store.accounts.keyring_guard import KeyStoreError
from desktop.store.accounts.officers import AuthError, PasswordChangeRequired, PermissionDenied
from desktop.store.catalog import UnknownProcedure
from desktop.store.counter import CounterSetupError, NotInitialised
from desktop.store.db import DatabaseError
from desktop.store.desk_settings import SettingsError, settings_from
from desktop.store.dossiers.service import ActionError
from desktop.store.incidents.day_close import DayCloseRefused
from desktop.store.stats.centre import SnapshotError
from desktop.store.stats.service import StatsError
from desktop.store.storage_errors import StorageError
from desktop.store.sync.enrolment import EnrolmentError
from desktop.store.sync.outbound import Unsendable
from desktop.store.sync.server_link import CaBundleError
from printing.a4_output import A4Unavailable
from printing.connections import PrinterConfigError, PrinterUnavailable
from sync.client import Refused, ServerFailed
from sync.connectivity import Cause, Unreachable

# the 30 classes of desktop/failures.py's former EXPECTED tuple
FORMERLY_LISTED: tuple[type[BaseException], ...] = (
    Unsendable,
    ActionError,
    AuthError,
    PermissionDenied,
    FormError,
    ProfileError,
    CatalogError,
    UnknownProcedure,
    NotInitialised,
    DatabaseError,
    LeaseError,
    CodeFormatError,
    TransitionError,
    IdNumberError,
    CalendarError,
    CccdQrError,
    KeyStoreError,
    QrRejected,
    PrinterConfigError,
    PrinterUnavailable,
    A4Unavailable,
    ScanError,
    PeriodError,
    StatsError,
    SnapshotError,
    CaBundleError,
    EnrolmentError,
    SettingsError,
    Unreachable,
    Refused,
)
# their subclasses with a code of their own, and refusals that were not on the list
MORE: tuple[type[BaseException], ...] = (
    ImageInputError,
    ScanCancelled,
    PasswordChangeRequired,
    StorageError,
    DayCloseRefused,
    UsageError,
    CounterSetupError,
)
APP_AGNOSTIC = (PrinterConfigError, PrinterUnavailable, A4Unavailable, Unreachable, Refused)


def _instance(cls: type[BaseException]) -> BaseException:
    if issubclass(cls, Refused):
        return cls(409, "conflict", "đã có")
    if issubclass(cls, Unreachable):
        return cls(Cause.TIMEOUT, "ReadTimeout")
    if cls is ScanCancelled:
        return ScanCancelled()
    if cls is DayCloseRefused:
        return DayCloseRefused(date(2026, 3, 2), 3)
    return cls("Thông điệp cho cán bộ")


def _code(cls: type[BaseException]) -> str:
    code = refusal_code(_instance(cls))
    assert code is not None, cls
    return code


@pytest.mark.parametrize("cls", FORMERLY_LISTED + MORE, ids=lambda c: c.__name__)
def test_each_is_a_refusal_with_a_snake_case_code(cls: type[BaseException]) -> None:
    exc = _instance(cls)
    assert is_refusal(exc)
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", _code(cls))
    if cls in APP_AGNOSTIC:  # sync and printing never import desktop
        assert not isinstance(exc, Refusal)
    else:
        assert isinstance(exc, Refusal) and str(exc) == exc.message


def test_codes_are_their_own() -> None:
    codes = [_code(c) for c in FORMERLY_LISTED + MORE]
    assert len(set(codes)) == len(codes)
    assert "refused" not in codes  # the base's catch-all


def test_subclasses_of_app_agnostic_refusals_are_refusals() -> None:
    assert is_refusal(ServerFailed(500, "Internal Server Error"))
    assert refusal_code(ServerFailed(500, "Internal Server Error")) == "server_unreachable"


def test_bases_that_callers_catch_are_kept() -> None:
    # `except ValueError` around parsing, pydantic validators, `except LookupError` for
    # procedures, `except RuntimeError` for the database: each still catches its refusal
    assert issubclass(FormError, ValueError) and issubclass(IdNumberError, ValueError)
    assert issubclass(UnknownProcedure, LookupError) and issubclass(DatabaseError, RuntimeError)
    assert issubclass(UsageError, ValueError) and issubclass(PrinterUnavailable, RuntimeError)


@pytest.mark.parametrize(
    "exc", [ValueError("x"), KeyError("x"), LookupError("x"), RuntimeError("x"), TypeError()]
)
def test_plain_errors_are_not_refusals(exc: Exception) -> None:
    assert not is_refusal(exc) and refusal_code(exc) is None


def test_a_raise_site_is_more_precise_than_its_class() -> None:
    exc = AuthError("Thử lại sau 7 phút", code="account_locked", minutes=7)
    assert (exc.code, dict(exc.params), str(exc)) == ("account_locked", {"minutes": 7}, exc.message)
    assert AuthError("x").code == "auth_failed" and dict(AuthError("x").params) == {}


def test_the_message_is_unchanged_and_the_parts_are_params() -> None:
    with pytest.raises(CodeFormatError) as agency:
        validate_agency("abc")
    assert agency.value.code == "agency_code_invalid" and agency.value.params == {"agency": "abc"}
    assert str(agency.value).startswith("Mã cơ quan không hợp lệ: 'abc'")

    with pytest.raises(PeriodError) as period:
        between(date(2026, 3, 2), date(2026, 3, 1))
    assert period.value.code == "period_reversed"
    assert period.value.params == {"first": "02/03/2026", "last": "01/03/2026"}
    with pytest.raises(PeriodError) as bad_month:
        month(2026, 13)
    assert (bad_month.value.code, bad_month.value.params) == ("month_invalid", {"month": 13})

    with pytest.raises(FormError) as form:
        parse_form({"procedure": "X"})
    assert form.value.code == "form_invalid" and "applicant" in form.value.params["fields"]

    assert DayCloseRefused(date(2026, 3, 2), 3).params == {"day": "02/03/2026", "pending": 3}


def test_settings_typed_in_the_window_are_refused_as_input() -> None:
    with pytest.raises(SettingsError) as exc:
        settings_from(print_mode="thermal", a4_queue="bad queue!", idle_lock_minutes=10)
    assert exc.value.code == "input_invalid" and exc.value.params["fields"] == ("a4_queue",)
    assert settings_from(print_mode="a4", a4_queue="", idle_lock_minutes=5).print_mode == "a4"
