"""Factories for applying: a call whose form has every kind of question, an entrepreneur
acting for a venture, drafts, and small real files."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kaveret.accounts.models import Role, User
from kaveret.calls.models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    Call,
    FormVersion,
    Question,
    QuestionKind,
)
from kaveret.ecosystem.models import Venture

from .calls_factories import ApplicationFactory, CallFactory, FormVersionFactory, QuestionFactory
from .factories import RoleAssignmentFactory, UserFactory, VentureFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes = PDF_BYTES) -> Any:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def call_with_full_form(**kwargs: Any) -> Call:
    """An open call whose form (version 1) asks one question of every kind."""
    call: Call = CallFactory(**kwargs)  # type: ignore[assignment]
    version: FormVersion = FormVersionFactory(call=call)  # type: ignore[assignment]
    questions = [
        {"key": "name", "kind": QuestionKind.SHORT_TEXT, "label": "שם המיזם", "max_length": 50},
        {
            "key": "pitch",
            "kind": QuestionKind.LONG_TEXT,
            "label": "תארו את המיזם",
            "label_en": "Describe the venture",
            "max_length": 300,
        },
        {
            "key": "team",
            "kind": QuestionKind.NUMBER,
            "label": "גודל הצוות",
            "label_en": "Team size",
            "min_value": Decimal(1),
            "max_value": Decimal(50),
            "max_length": None,
        },
        {
            "key": "track",
            "kind": QuestionKind.SINGLE_CHOICE,
            "label": "מסלול",
            "max_length": None,
            "choices": [
                {"value": "pilot", "label": "פיילוט", "label_en": "Pilot"},
                {"value": "scale", "label": "הרחבה", "label_en": "Scale"},
            ],
        },
        {
            "key": "needs",
            "kind": QuestionKind.MULTIPLE_CHOICE,
            "label": "מה דרוש",
            "required": False,
            "max_length": None,
            "choices": [{"value": "money", "label": "כסף"}, {"value": "mentor", "label": "ליווי"}],
        },
        {
            "key": "start",
            "kind": QuestionKind.DATE,
            "label": "מועד התחלה",
            "required": False,
            "max_length": None,
        },
        {
            "key": "registered",
            "kind": QuestionKind.YES_NO,
            "label": "האם רשום כעמותה",
            "max_length": None,
        },
        {
            "key": "deck",
            "kind": QuestionKind.FILE,
            "label": "מצגת",
            "label_en": "Pitch deck",
            "file_types": ["pdf"],
            "max_file_mb": 1,
            "max_length": None,
        },
    ]
    for order, values in enumerate(questions):
        QuestionFactory(version=version, order=order, **values)
    return call


def complete_answers() -> dict[str, Any]:
    return {
        "name": "תעסוקה בכבוד",
        "pitch": "מיזם שמחבר בין מעסיקים לאנשים עם מוגבלות.",
        "team": 4,
        "track": "pilot",
        "registered": True,
    }


@dataclass
class Applicant:
    user: User
    venture: Venture


def entrepreneur(**venture_values: Any) -> Applicant:
    """A user acting for a venture (the entrepreneur role)."""
    venture: Venture = VentureFactory(**venture_values)  # type: ignore[assignment]
    user: User = UserFactory(language="en")  # type: ignore[assignment]
    RoleAssignmentFactory(user=user, role=Role.ENTREPRENEUR, venture=venture)
    return Applicant(user=user, venture=venture)


def draft_of(call: Call, applicant: Applicant, **values: Any) -> Application:
    """A draft application of ``applicant``'s venture to ``call``."""
    values.setdefault("answers", {})
    return ApplicationFactory(  # type: ignore[return-value]
        call=call,
        actor=applicant.venture,
        created_by=applicant.user,
        applicant_kind=ApplicantKind.VENTURE,
        status=ApplicationStatus.DRAFT,
        submitted_at=None,
        **values,
    )


def question(call: Call, key: str) -> Question:
    return Question.objects.get(version__call=call, key=key)
