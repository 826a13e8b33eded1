"""Reading a partnership's definition (step 05): the expectations by side, the legal
checklist, the pilot plan, the documents, a summary, and the content its PDF is made of.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from .models import (
    EXPECTATIONS_BY_SIDE,
    AgreementStatus,
    DefinitionDocument,
    Expectation,
    ExpectationSide,
    LegalItem,
    LegalKey,
    Partnership,
    PilotPlan,
)

DOCUMENT_LANGUAGES: tuple[str, ...] = ("he", "en")
KEY_ORDER: dict[str, int] = {
    str(key): index
    for index, key in enumerate(key for keys in EXPECTATIONS_BY_SIDE.values() for key in keys)
}
LEGAL_ORDER: dict[str, int] = {key: index for index, key in enumerate(LegalKey.values)}


@dataclass
class SideExpectations:
    side: str
    label: str
    expectations: list[Expectation]


@dataclass
class Definition:
    partnership: Partnership
    sides: list[SideExpectations]
    legal_items: list[LegalItem]
    plan: PilotPlan
    documents: list[DefinitionDocument] = field(default_factory=list)

    @property
    def expectations(self) -> list[Expectation]:
        return [expectation for side in self.sides for expectation in side.expectations]


def definition_of(partnership: Partnership, *, with_documents: bool = True) -> Definition:
    """Everything of the partnership's definition, in seed 001's order, in a few queries.

    Expects the rows to exist (``definition_services.ensure_definition_rows``).
    """
    expectations = sorted(
        Expectation.objects.filter(partnership=partnership),
        key=lambda expectation: KEY_ORDER.get(expectation.key, len(KEY_ORDER)),
    )
    sides = [
        SideExpectations(
            side=str(side),
            label=str(ExpectationSide(side).label),
            expectations=[e for e in expectations if e.side == side],
        )
        for side in EXPECTATIONS_BY_SIDE
    ]
    legal_items = sorted(
        LegalItem.objects.filter(partnership=partnership),
        key=lambda item: LEGAL_ORDER.get(item.key, len(LEGAL_ORDER)),
    )
    plan = PilotPlan.objects.filter(partnership=partnership).first() or PilotPlan(
        partnership=partnership
    )
    documents = (
        list(DefinitionDocument.objects.filter(partnership=partnership)) if with_documents else []
    )
    return Definition(
        partnership=partnership,
        sides=sides,
        legal_items=legal_items,
        plan=plan,
        documents=documents,
    )


def documents_by_version(documents: list[DefinitionDocument]) -> list[dict[str, Any]]:
    """``[{"version", "created_at", "he": doc, "en": doc}]``, newest version first."""
    versions: dict[int, dict[str, Any]] = {}
    for document in documents:
        entry = versions.setdefault(
            document.version, {"version": document.version, "created_at": document.created_at}
        )
        entry[document.language] = document
        entry["created_at"] = min(entry["created_at"], document.created_at)
    return [versions[version] for version in sorted(versions, reverse=True)]


def definition_snapshot(definition: Definition) -> dict[str, Any]:
    """The content the PDF is made of, language-free (keys and values), for its hash."""
    partnership = definition.partnership
    plan = definition.plan
    return {
        "partnership": {
            "title": partnership.title,
            "organisation": partnership.organisation_id,
            "venture": partnership.venture_id,
            "challenge": partnership.challenge_id,
            "level": partnership.level,
            "ambassador_name": partnership.ambassador_name,
            "ambassador_role": partnership.ambassador_role,
            "ambassador": partnership.ambassador_id,
            "agreement_signed_on": (
                partnership.agreement_signed_on.isoformat()
                if partnership.agreement_signed_on
                else None
            ),
        },
        "expectations": [[e.key, e.status, e.note] for e in definition.expectations],
        "legal": [[i.key, i.is_agreed, i.agreed_text] for i in definition.legal_items],
        "pilot_plan": {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name, value in (
                (f.name, getattr(plan, f.name))
                for f in PilotPlan._meta.concrete_fields
                if f.name not in {"id", "partnership"}
            )
        },
    }


def content_hash(definition: Definition) -> str:
    """SHA-256 of the definition's content: equal hashes, equal documents."""
    text = json.dumps(definition_snapshot(definition), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class DefinitionSummary:
    open_expectations: int
    expectations_total: int
    legal_agreed: int
    legal_total: int
    ambassador_name: str
    ambassador_role: str
    agreement_signed_on: Any
    latest_version: int | None
    latest: dict[str, DefinitionDocument]


def definition_summary(partnership: Partnership) -> DefinitionSummary:
    """The figures the partnership page shows about its definition (three queries)."""
    statuses = list(
        Expectation.objects.filter(partnership=partnership).values_list("status", flat=True)
    )
    agreed = list(
        LegalItem.objects.filter(partnership=partnership).values_list("is_agreed", flat=True)
    )
    latest_version = (
        DefinitionDocument.objects.filter(partnership=partnership)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    latest = (
        {
            document.language: document
            for document in DefinitionDocument.objects.filter(
                partnership=partnership, version=latest_version
            )
        }
        if latest_version is not None
        else {}
    )
    return DefinitionSummary(
        open_expectations=sum(1 for status in statuses if status == AgreementStatus.OPEN)
        if statuses
        else sum(len(keys) for keys in EXPECTATIONS_BY_SIDE.values()),
        expectations_total=len(statuses)
        or sum(len(keys) for keys in EXPECTATIONS_BY_SIDE.values()),
        legal_agreed=sum(1 for is_agreed in agreed if is_agreed),
        legal_total=len(LegalKey.values),
        ambassador_name=partnership.ambassador_name,
        ambassador_role=partnership.ambassador_role,
        agreement_signed_on=partnership.agreement_signed_on,
        latest_version=latest_version,
        latest=latest,
    )
