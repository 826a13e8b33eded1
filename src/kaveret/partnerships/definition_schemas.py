"""The shapes of the definition API (step 05 of a partnership)."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class ExpectationOut(Schema):
    key: str
    label: str
    side: str
    status: str
    status_label: str
    note: str


class SideOut(Schema):
    side: str
    label: str
    expectations: list[ExpectationOut]


class LegalItemOut(Schema):
    key: str
    label: str
    agreed_text: str
    is_agreed: bool


class PilotPlanOut(Schema):
    scope: str
    participants_headquarters: str
    participants_field: str
    data_access: str
    terms_of_use: str
    training_support: str
    feedback_collection: str
    adaptation_level: str
    duration: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    success_indicators: str


class AmbassadorOut(Schema):
    name: str
    role: str
    person_id: int | None


class DocumentOut(Schema):
    id: int
    version: int
    language: str
    content_hash: str
    created_at: datetime.datetime
    url: str


class DefinitionOut(Schema):
    partnership_id: int
    title: str
    definition_version: int
    changed: bool | None = Field(
        None, description="On a write: whether it changed the definition (a new version)."
    )
    sides: list[SideOut]
    legal_items: list[LegalItemOut]
    legal_agreed: int
    pilot_plan: PilotPlanOut
    ambassador: AmbassadorOut
    agreement_signed_on: datetime.date | None
    documents: list[DocumentOut]


class ExpectationIn(Schema):
    status: str | None = Field(None, description="open, agreed or agreed_with_note.")
    note: str | None = Field(None, max_length=5000)


class LegalItemIn(Schema):
    agreed_text: str | None = Field(None, max_length=5000)
    is_agreed: bool | None = None


class PilotPlanIn(Schema):
    scope: str = Field("", max_length=5000)
    participants_headquarters: str = Field("", max_length=5000)
    participants_field: str = Field("", max_length=5000)
    data_access: str = Field("", max_length=5000)
    terms_of_use: str = Field("", max_length=5000)
    training_support: str = Field("", max_length=5000)
    feedback_collection: str = Field("", max_length=5000)
    adaptation_level: str = Field("", max_length=5000)
    duration: str = Field("", max_length=200)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    success_indicators: str = Field("", max_length=5000)


class AmbassadorIn(Schema):
    name: str = Field("", max_length=200)
    role: str = Field("", max_length=200)
    person_id: int | None = Field(
        None, description="A person affiliated with the organisation (optional)."
    )


class AgreementIn(Schema):
    signed_on: datetime.date | None = Field(
        None, description="The date it was signed (not in the future); null: not signed."
    )


class DocumentsQuery(Schema):
    limit: int = Field(50, ge=1, le=200, description="How many documents, newest first.")
    offset: int = Field(0, ge=0)
