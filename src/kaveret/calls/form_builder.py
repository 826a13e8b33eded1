"""The application form of a call: sections and typed questions, in versions.

While the call has not opened (and nobody has applied), staff edit the current version in
place. Once ``opens_at`` has passed or the first application exists, the current version
is frozen (``frozen_at``) and the next change copies it into a new version (number + 1),
which becomes current; applications keep the version they answered. That new version is
edited in place until an application answers it, so a series of edits after the opening
makes one new version, not one per edit.

Questions are named by their ``key`` (kept across versions) and sections by their place
(``order``, renumbered 0, 1, 2… on every change), so a page drawn from a version that has
since been frozen still names the right question in the new one.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kaveret.core.errors import DomainError

from . import audit
from .models import Call, FormSection, FormVersion, Question, QuestionKind
from .rules import runs_call

FILE_SIZE_CEILING_MB = 10
LONG_TEXT_CEILING = 20000
SHORT_TEXT_CEILING = 500
SHORT_TEXT_DEFAULT = 200
EXTENSION = re.compile(r"^[a-z0-9]{1,10}$")

QUESTION_FIELDS = (
    "kind",
    "label",
    "label_en",
    "label_ar",
    "help_text",
    "help_text_en",
    "help_text_ar",
    "required",
    "max_length",
    "min_value",
    "max_value",
    "choices",
    "file_types",
    "max_file_mb",
)
SECTION_FIELDS = ("title", "title_en", "title_ar")


# Reading


def current_form(call: Call) -> FormVersion:
    """The call's current form version (the highest number); version 1 is made if none."""
    version = call.form_versions.order_by("-number").first()
    if version is not None:
        return version
    try:
        with transaction.atomic():
            return FormVersion.objects.create(call=call, number=1)
    except IntegrityError:
        return call.form_versions.order_by("-number").first()  # type: ignore[return-value]


def freezing_is_due(call: Call, version: FormVersion) -> bool:
    """Whether the version may no longer change in place: it is frozen, someone answered
    it, or it was the current version when the call opened. (A version made after the
    opening stays editable until its first application.)"""
    if version.frozen_at is not None or version.applications.exists():
        return True
    if version.number > 1 and version.created_at >= call.opens_at:
        return False
    return call.opens_at <= timezone.now()


def freeze_version(version: FormVersion) -> FormVersion:
    """Freeze a version (idempotent); the applications part calls it on the first draft."""
    if version.frozen_at is None:
        FormVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )
        version.refresh_from_db(fields=["frozen_at"])
    return version


def _text(obj: Any, field: str, language: str) -> str:
    base: str = getattr(obj, field)
    if language.startswith("en"):
        return getattr(obj, f"{field}_en") or base
    if language.startswith("ar"):
        return getattr(obj, f"{field}_ar") or base
    return base


def choice_label(choice: dict[str, Any], language: str) -> str:
    if language.startswith("en") and choice.get("label_en"):
        return str(choice["label_en"])
    if language.startswith("ar") and choice.get("label_ar"):
        return str(choice["label_ar"])
    return str(choice.get("label", choice.get("value", "")))


def _question_schema(question: Question, language: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "key": question.key,
        "kind": question.kind,
        "label": _text(question, "label", language),
        "help_text": _text(question, "help_text", language),
        "required": question.required,
    }
    if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        schema["max_length"] = question.max_length
    if question.kind == QuestionKind.NUMBER:
        schema["min_value"] = None if question.min_value is None else str(question.min_value)
        schema["max_value"] = None if question.max_value is None else str(question.max_value)
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        schema["choices"] = [
            {"value": choice["value"], "label": choice_label(choice, language)}
            for choice in question.choices
        ]
    if question.kind == QuestionKind.FILE:
        schema["file_types"] = list(question.file_types)
        schema["max_file_mb"] = question.max_file_mb or FILE_SIZE_CEILING_MB
    return schema


def form_schema(version: FormVersion, language: str) -> dict[str, Any]:
    """The version as JSON: sections in order, each with its questions, labels in the
    language (falling back to Hebrew); questions outside any section come first."""
    sections = list(version.sections.order_by("order", "pk"))
    questions = list(version.questions.order_by("order", "pk"))
    loose = [q for q in questions if q.section_id is None]
    out_sections: list[dict[str, Any]] = []
    if loose:
        out_sections.append(
            {"title": "", "questions": [_question_schema(q, language) for q in loose]}
        )
    for section in sections:
        out_sections.append(
            {
                "title": _text(section, "title", language),
                "questions": [
                    _question_schema(q, language) for q in questions if q.section_id == section.pk
                ],
            }
        )
    return {
        "call": version.call.slug,
        "version": version.number,
        "frozen": version.frozen_at is not None,
        "language": language,
        "sections": out_sections,
    }


def version_structure(version: FormVersion) -> list[tuple[FormSection | None, list[Question]]]:
    """The version's sections with their questions, for the builder and the preview pages
    (two queries); questions without a section come first, under ``None``."""
    sections = list(version.sections.order_by("order", "pk"))
    questions = list(version.questions.order_by("order", "pk"))
    groups: list[tuple[FormSection | None, list[Question]]] = []
    loose = [q for q in questions if q.section_id is None]
    if loose or not sections:
        groups.append((None, loose))
    for section in sections:
        groups.append((section, [q for q in questions if q.section_id == section.pk]))
    return groups


# Validation


NUMBER_CEILING = Decimal(10) ** 12


def _decimal_or_none(value: Any, field: str, errors: dict[str, str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number.")
        return None
    # The columns hold 14 digits, 2 of them after the point.
    if not number.is_finite() or abs(number) >= NUMBER_CEILING:
        errors[field] = _("Enter a number below 1,000,000,000,000.")
        return None
    if number != number.quantize(Decimal("0.01")):
        errors[field] = _("Enter a number with at most 2 decimal places.")
        return None
    return number


def _int_or_none(value: Any, field: str, errors: dict[str, str]) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        errors[field] = _("Enter a whole number.")
        return None


def parse_choices(text: str) -> list[dict[str, str]]:
    """Choices written one a line as ``Hebrew | English | Arabic`` (the last two optional)."""
    choices: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not parts[0]:
            continue
        parts += ["", ""]
        choices.append({"label": parts[0], "label_en": parts[1], "label_ar": parts[2]})
    return choices


def choices_as_text(choices: list[dict[str, Any]]) -> str:
    lines = []
    for choice in choices:
        extra = [choice.get("label_en", ""), choice.get("label_ar", "")]
        while extra and not extra[-1]:
            extra.pop()
        lines.append(" | ".join([choice.get("label", ""), *extra]))
    return "\n".join(lines)


def _clean_choices(raw: Any, errors: dict[str, str]) -> list[dict[str, str]]:
    choices = parse_choices(raw) if isinstance(raw, str) else list(raw or [])
    cleaned: list[dict[str, str]] = []
    values: set[str] = set()
    labels: set[str] = set()
    for index, choice in enumerate(choices, start=1):
        label = str(choice.get("label", "")).strip()
        if not label:
            continue
        if label in labels:
            errors["choices"] = _("Each choice must be different: “%(label)s” is repeated.") % {
                "label": label
            }
        labels.add(label)
        value = str(choice.get("value") or "").strip()
        if not value:
            value = slugify(choice.get("label_en") or label, allow_unicode=True)[:40] or str(index)
        while value in values:
            value = f"{value}-{index}"
        values.add(value)
        cleaned.append(
            {
                "value": value,
                "label": label,
                "label_en": str(choice.get("label_en", "")).strip(),
                "label_ar": str(choice.get("label_ar", "")).strip(),
            }
        )
    if len(cleaned) < 2 and "choices" not in errors:
        errors["choices"] = _("A choice question needs at least two choices, one a line.")
    return cleaned


def _clean_file_types(raw: Any, errors: dict[str, str]) -> list[str]:
    items = re.split(r"[\s,;]+", raw) if isinstance(raw, str) else list(raw or [])
    types: list[str] = []
    for item in items:
        extension = str(item).strip().lower().lstrip(".")
        if not extension:
            continue
        if not EXTENSION.match(extension):
            errors["file_types"] = _(
                "“%(type)s” is not a file extension; write extensions such as pdf, docx."
            ) % {"type": item}
        elif extension not in types:
            types.append(extension)
    if not types and "file_types" not in errors:
        errors["file_types"] = _("Name the file types accepted, such as pdf, docx.")
    return types


def clean_question(values: dict[str, Any]) -> dict[str, Any]:
    """A question's values checked for its kind; settings of other kinds are cleared.

    Raises DomainError with a message per field.
    """
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if kind not in QuestionKind.values:
        raise DomainError({"kind": _("Choose the kind of question.")})
    cleaned: dict[str, Any] = {"kind": kind}
    for field in ("label", "label_en", "label_ar", "help_text", "help_text_en", "help_text_ar"):
        cleaned[field] = str(values.get(field) or "").strip()
    if not cleaned["label"]:
        errors["label"] = _("Write the question in Hebrew.")
    for field in ("label", "label_en", "label_ar"):
        if len(cleaned[field]) > 500:
            errors[field] = _("The question may be at most 500 characters long.")
    cleaned["required"] = bool(values.get("required", True))
    cleaned.update(
        max_length=None, min_value=None, max_value=None, choices=[], file_types=[], max_file_mb=None
    )
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        ceiling = SHORT_TEXT_CEILING if kind == QuestionKind.SHORT_TEXT else LONG_TEXT_CEILING
        length = _int_or_none(values.get("max_length"), "max_length", errors)
        if length is None and "max_length" not in errors:
            if kind == QuestionKind.LONG_TEXT:
                errors["max_length"] = _("A long-text question needs a length limit.")
            length = SHORT_TEXT_DEFAULT
        elif length is not None and not 1 <= length <= ceiling:
            errors["max_length"] = _("The length limit must be between 1 and %(ceiling)s.") % {
                "ceiling": ceiling
            }
        cleaned["max_length"] = length
    elif kind == QuestionKind.NUMBER:
        low = _decimal_or_none(values.get("min_value"), "min_value", errors)
        high = _decimal_or_none(values.get("max_value"), "max_value", errors)
        if low is not None and high is not None and low >= high:
            errors["max_value"] = _("The highest number must be above the lowest number.")
        cleaned["min_value"], cleaned["max_value"] = low, high
    elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        cleaned["choices"] = _clean_choices(values.get("choices"), errors)
    elif kind == QuestionKind.FILE:
        cleaned["file_types"] = _clean_file_types(values.get("file_types"), errors)
        size = _int_or_none(values.get("max_file_mb"), "max_file_mb", errors)
        if size is None and "max_file_mb" not in errors:
            size = FILE_SIZE_CEILING_MB
        elif size is not None and not 1 <= size <= FILE_SIZE_CEILING_MB:
            errors["max_file_mb"] = _("The largest file must be between 1 and %(ceiling)s MB.") % {
                "ceiling": FILE_SIZE_CEILING_MB
            }
        cleaned["max_file_mb"] = size
    if errors:
        raise DomainError(errors)
    return cleaned


def clean_section(values: dict[str, Any]) -> dict[str, str]:
    cleaned = {field: str(values.get(field) or "").strip() for field in SECTION_FIELDS}
    if not cleaned["title"]:
        raise DomainError({"title": _("Give the section a title in Hebrew.")})
    return cleaned


# Writing


def _copy_version(version: FormVersion) -> FormVersion:
    """A new version (number + 1) with the same sections and questions."""
    copy = FormVersion.objects.create(call=version.call, number=version.number + 1)
    sections: dict[int, FormSection] = {}
    for section in version.sections.order_by("order", "pk"):
        old_pk = section.pk
        section.pk = None
        section.version = copy
        section.save()
        sections[old_pk] = section
    questions = list(version.questions.order_by("order", "pk"))
    for question in questions:
        question.pk = None
        question.version = copy
        question.section = sections.get(question.section_id) if question.section_id else None
    Question.objects.bulk_create(questions)
    return copy


def editable_version(*, by: Any, call: Call) -> FormVersion:
    """The version a change goes into: the current one while it may change in place;
    otherwise it is frozen and copied into a new current version (recorded in the audit).

    Call inside the change's transaction; the call's row is locked so two editors never
    make two new versions. Raises PermissionDenied for anyone who does not run the call.
    """
    if not runs_call(by, call):
        raise PermissionDenied
    Call.objects.select_for_update().filter(pk=call.pk).first()
    version = current_form(call)
    if not freezing_is_due(call, version):
        return version
    freeze_version(version)
    copy = _copy_version(version)
    audit.record(
        call=call,
        by=by,
        action="form_version_created",
        obj=copy,
        summary=f"הטופס ננעל בגרסה {version.number}; נפתחה גרסה {copy.number}",
        changes={"version": [version.number, copy.number]},
    )
    return copy


def _renumber(items: list[Any]) -> None:
    for order, item in enumerate(items):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])


def _section_at(version: FormVersion, position: int | None) -> FormSection | None:
    if position is None:
        return None
    section = version.sections.order_by("order", "pk")[position : position + 1].first()
    if section is None:
        raise DomainError({"section": _("That section no longer exists.")})
    return section


def _question(version: FormVersion, key: str) -> Question:
    question = version.questions.filter(key=key).first()
    if question is None:
        raise DomainError(_("That question no longer exists."), code="question_missing")
    return question


def _new_key(version: FormVersion, values: dict[str, Any]) -> str:
    base = slugify(values.get("label_en") or "", allow_unicode=False)[:40] or "q"
    taken = set(version.questions.values_list("key", flat=True))
    if base != "q" and base not in taken:
        return base
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@transaction.atomic
def add_question(*, by: Any, call: Call, section: int | None = None, **values: Any) -> Question:
    """Add a question at the end of a section (``section`` is its place, or None)."""
    if not runs_call(by, call):
        raise PermissionDenied
    cleaned = clean_question(values)
    version = editable_version(by=by, call=call)
    in_section = _section_at(version, section)
    last = version.questions.aggregate(last=Max("order"))["last"]
    question = Question.objects.create(
        version=version,
        section=in_section,
        key=_new_key(version, cleaned),
        order=0 if last is None else last + 1,
        **cleaned,
    )
    audit.record(
        call=call,
        by=by,
        action="form_question_added",
        obj=question,
        summary=f"נוספה שאלה לטופס (גרסה {version.number}): {question.label}",
        changes=audit.diff({}, cleaned),
    )
    return question


@transaction.atomic
def update_question(
    *, by: Any, call: Call, key: str, section: int | None = None, **values: Any
) -> Question:
    """Change a question's wording or settings; its key stays."""
    if not runs_call(by, call):
        raise PermissionDenied
    cleaned = clean_question(values)
    version = editable_version(by=by, call=call)
    question = _question(version, key)
    before = {field: getattr(question, field) for field in QUESTION_FIELDS}
    before["section"] = question.section_id
    for field, value in cleaned.items():
        setattr(question, field, value)
    question.section = _section_at(version, section)
    question.save()
    audit.record(
        call=call,
        by=by,
        action="form_question_changed",
        obj=question,
        summary=f"שונתה שאלה בטופס (גרסה {version.number}): {question.label}",
        changes=audit.diff(before, {**cleaned, "section": question.section_id}),
    )
    return question


@transaction.atomic
def delete_question(*, by: Any, call: Call, key: str) -> None:
    if not runs_call(by, call):
        raise PermissionDenied
    version = editable_version(by=by, call=call)
    question = _question(version, key)
    audit.record(
        call=call,
        by=by,
        action="form_question_deleted",
        obj=question,
        summary=f"נמחקה שאלה מהטופס (גרסה {version.number}): {question.label}",
        changes={"key": [question.key, None]},
    )
    question.delete()


@transaction.atomic
def move_question(*, by: Any, call: Call, key: str, direction: str) -> None:
    """Move a question one place up or down among the questions of its section."""
    if not runs_call(by, call):
        raise PermissionDenied
    version = editable_version(by=by, call=call)
    question = _question(version, key)
    siblings = list(
        version.questions.filter(section_id=question.section_id).order_by("order", "pk")
    )
    index = next(i for i, item in enumerate(siblings) if item.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    # Keep one order for the whole version: the siblings take their slots in turn.
    slots = sorted(item.order for item in siblings)
    if len(set(slots)) < len(slots):
        slots = list(range(len(siblings)))
    for slot, item in zip(slots, siblings, strict=True):
        if item.order != slot:
            item.order = slot
            item.save(update_fields=["order"])
    audit.record(
        call=call,
        by=by,
        action="form_question_moved",
        obj=question,
        summary=f"הוזזה שאלה בטופס (גרסה {version.number}): {question.label}",
    )


@transaction.atomic
def add_section(*, by: Any, call: Call, **values: Any) -> FormSection:
    if not runs_call(by, call):
        raise PermissionDenied
    cleaned = clean_section(values)
    version = editable_version(by=by, call=call)
    section = FormSection.objects.create(version=version, order=version.sections.count(), **cleaned)
    _renumber(list(version.sections.order_by("order", "pk")))
    audit.record(
        call=call,
        by=by,
        action="form_section_added",
        obj=section,
        summary=f"נוסף פרק לטופס (גרסה {version.number}): {section.title}",
        changes=audit.diff({}, cleaned),
    )
    return section


@transaction.atomic
def update_section(*, by: Any, call: Call, position: int, **values: Any) -> FormSection:
    if not runs_call(by, call):
        raise PermissionDenied
    cleaned = clean_section(values)
    version = editable_version(by=by, call=call)
    section = _section_at(version, position)
    assert section is not None
    before = {field: getattr(section, field) for field in SECTION_FIELDS}
    for field, value in cleaned.items():
        setattr(section, field, value)
    section.save(update_fields=list(cleaned))
    audit.record(
        call=call,
        by=by,
        action="form_section_changed",
        obj=section,
        summary=f"שונה פרק בטופס (גרסה {version.number}): {section.title}",
        changes=audit.diff(before, cleaned),
    )
    return section


@transaction.atomic
def delete_section(*, by: Any, call: Call, position: int) -> None:
    """Remove a section; its questions stay in the form, outside any section."""
    if not runs_call(by, call):
        raise PermissionDenied
    version = editable_version(by=by, call=call)
    section = _section_at(version, position)
    assert section is not None
    section.questions.update(section=None)
    audit.record(
        call=call,
        by=by,
        action="form_section_deleted",
        obj=section,
        summary=f"נמחק פרק מהטופס (גרסה {version.number}): {section.title}",
        changes={"title": [section.title, None]},
    )
    section.delete()
    _renumber(list(version.sections.order_by("order", "pk")))


@transaction.atomic
def move_section(*, by: Any, call: Call, position: int, direction: str) -> None:
    if not runs_call(by, call):
        raise PermissionDenied
    version = editable_version(by=by, call=call)
    sections = list(version.sections.order_by("order", "pk"))
    other = position - 1 if direction == "up" else position + 1
    if not (0 <= position < len(sections) and 0 <= other < len(sections)):
        return
    sections[position], sections[other] = sections[other], sections[position]
    _renumber(sections)
    audit.record(
        call=call,
        by=by,
        action="form_section_moved",
        obj=sections[other],
        summary=f"הוזז פרק בטופס (גרסה {version.number}): {sections[other].title}",
    )
