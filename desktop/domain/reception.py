"""What an officer fills in at the counter, validated before anything is written."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from desktop.domain.refusal import Refusal
from sync.limits import (
    MAX_ADDRESS,
    MAX_DOCUMENT_NAME,
    MAX_DOCUMENTS,
    MAX_FEE_LINES,
    MAX_FEE_NAME,
    MAX_NOTE,
)
from sync.protocol import check_text

from .applicants import Applicant, clean
from .procedures import Procedure
from .validation import describe_errors, error_fields

# Limits are sync/protocol.py's, shared with the server: a form that passes here is never a
# dossier the server refuses (issue 17); ``clean`` refuses control, bidi and invisible characters.
CleanText = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(clean)]
RequestId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReceivedDocument(_Model):
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=3, max_length=MAX_DOCUMENT_NAME),
        AfterValidator(clean),
    ]
    originals: int = Field(default=0, ge=0, le=50)
    certified_copies: int = Field(default=0, ge=0, le=50)
    photocopies: int = Field(default=0, ge=0, le=50)


class ResultDelivery(_Model):
    """Where the citizen collects the result: at the counter or by post (bưu chính công ích)."""

    method: Literal["counter", "post"] = "counter"
    address: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, max_length=MAX_ADDRESS),
            AfterValidator(clean),
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _post_needs_address(self) -> ResultDelivery:
        if self.method == "post" and not (self.address and len(self.address) >= 5):
            raise ValueError("nhận kết quả qua bưu chính cần địa chỉ nhận")
        return self


class FeeLine(_Model):
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=2, max_length=MAX_FEE_NAME),
        AfterValidator(clean),
    ]
    amount: int = Field(ge=0, le=1_000_000_000)
    quantity: int = Field(default=1, ge=1, le=10_000)


class ReceptionForm(_Model):
    """The full form; only ``procedure`` and ``applicant`` are required, the rest defaults
    from the catalog entry."""

    procedure: Annotated[str, AfterValidator(check_text)] = Field(min_length=3, max_length=40)
    applicant: Applicant
    documents: list[ReceivedDocument] | None = Field(default=None, max_length=MAX_DOCUMENTS)
    sets: int | None = Field(default=None, ge=1, le=20)
    channel: Literal[1, 2, 3] = 1
    result_delivery: ResultDelivery = ResultDelivery()
    fees: list[FeeLine] | None = Field(default=None, max_length=MAX_FEE_LINES)
    received_at: datetime | None = None
    note: Annotated[str, StringConstraints(max_length=MAX_NOTE), AfterValidator(clean)] | None = (
        None
    )
    # a script's own id for this item: running the same file again answers with the dossier
    # already received for it instead of receiving it twice (unique per counter)
    request_id: RequestId | None = None

    def documents_or_default(self, procedure: Procedure) -> list[ReceivedDocument]:
        if self.documents is not None:
            return self.documents
        return [
            ReceivedDocument(
                name=d.name,
                originals=d.originals,
                certified_copies=d.certified_copies,
                photocopies=d.photocopies,
            )
            for d in procedure.documents
            if d.required
        ]

    def fees_or_default(self, procedure: Procedure) -> list[FeeLine]:
        if self.fees is not None:
            return self.fees
        return [FeeLine(name=f.name, amount=f.amount) for f in procedure.fees if f.per == "hồ sơ"]


class FormError(Refusal, ValueError):
    """A form that does not validate; ``str()`` lists each problem in Vietnamese."""

    code = "form_invalid"


def parse_form(data: object) -> ReceptionForm:
    try:
        return ReceptionForm.model_validate(data)
    except ValidationError as exc:
        raise FormError(describe_errors(exc), fields=error_fields(exc)) from None
