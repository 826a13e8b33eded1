"""The applicant's form, drawn from the questions of a form version.

Each question kind becomes a Django field (labels and help in the active language, Hebrew
when a translation is missing). The same fields clean answers for the page and the API:
``clean_answer`` turns one raw value into what ``Application.answers`` keeps, or raises a
``ValidationError`` with Django's translated message. Required answers are checked on
submit only, so every field here is optional.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kaveret.core.uploads import DEFAULT_MAX_BYTES, describe_extensions

from .models import ApplicantKind, FormSection, FormVersion, Question, QuestionKind

SHORT_TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 20000
YES = "yes"
NO = "no"


def translated(obj: Any, field: str, language: str | None = None) -> str:
    """``obj.<field>`` in ``language`` (the active one by default), else the Hebrew one."""
    language = (language or translation.get_language() or "he")[:2]
    if language in {"en", "ar"}:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return str(value)
    return str(getattr(obj, field, "") or "")


def choice_label(choice: dict[str, Any], language: str | None = None) -> str:
    language = (language or translation.get_language() or "he")[:2]
    if language in {"en", "ar"} and choice.get(f"label_{language}"):
        return str(choice[f"label_{language}"])
    return str(choice.get("label") or choice.get("value") or "")


def question_choices(question: Question) -> list[tuple[str, str]]:
    return [
        (str(choice.get("value")), choice_label(choice))
        for choice in question.choices or []
        if isinstance(choice, dict) and choice.get("value") not in (None, "")
    ]


def max_file_bytes(question: Question) -> int:
    return question.max_file_mb * 1024 * 1024 if question.max_file_mb else DEFAULT_MAX_BYTES


def file_help(question: Question) -> str:
    parts = []
    if question.file_types:
        parts.append(
            str(_("Allowed: %(types)s.") % {"types": describe_extensions(question.file_types)})
        )
    parts.append(str(_("Up to %(size)d MB.") % {"size": max_file_bytes(question) // (1024 * 1024)}))
    return " ".join(parts)


def answer_field(question: Question) -> forms.Field:
    """The form field of one question, optional (required answers are checked on submit)."""
    label = translated(question, "label")
    help_text = translated(question, "help_text")
    common: dict[str, Any] = {"label": label, "help_text": help_text, "required": False}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(
            max_length=question.max_length or SHORT_TEXT_LIMIT,
            widget=forms.TextInput(attrs={"dir": "auto"}),
            **common,
        )
    if kind == QuestionKind.LONG_TEXT:
        limit = question.max_length or LONG_TEXT_LIMIT
        if question.max_length:
            length_note = str(_("At most %(count)d characters.") % {"count": limit})
            common["help_text"] = f"{help_text} {length_note}".strip()
        return forms.CharField(
            max_length=limit, widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}), **common
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            min_value=question.min_value,
            max_value=question.max_value,
            max_digits=14,
            decimal_places=2,
            **common,
        )
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=question_choices(question), widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question_choices(question), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
        )
    common["help_text"] = f"{help_text} {file_help(question)}".strip()
    accept = ",".join(f".{extension.lstrip('.')}" for extension in question.file_types or [])
    return forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": accept} if accept else {}), **common
    )


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def clean_answer(question: Question, raw: Any) -> Any:
    """One raw value (from a page or JSON) as stored in ``answers``; ``None`` when empty.

    Raises ``ValidationError`` with the field's translated message.
    """
    if question.kind == QuestionKind.FILE:
        raise ValidationError(_("Upload files with the file field."), code="file_answer")
    if _blank(raw):
        return None
    if question.kind == QuestionKind.YES_NO:
        if isinstance(raw, bool):
            return raw
        raw = {"true": YES, "false": NO}.get(str(raw).lower(), str(raw).lower())
    if question.kind == QuestionKind.MULTIPLE_CHOICE and not isinstance(raw, list | tuple):
        raw = [raw]
    if question.kind == QuestionKind.NUMBER and isinstance(raw, bool):
        raise ValidationError(_("Enter a number."), code="invalid")
    if question.kind in {
        QuestionKind.SHORT_TEXT,
        QuestionKind.LONG_TEXT,
        QuestionKind.DATE,
    } and not isinstance(raw, str | datetime.date):
        raise ValidationError(_("Enter a valid value."), code="invalid")
    if question.kind in {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT} and not isinstance(
        raw, str
    ):
        raise ValidationError(_("Enter a valid value."), code="invalid")
    if question.kind == QuestionKind.NUMBER and not isinstance(raw, int | float | str | Decimal):
        raise ValidationError(_("Enter a number."), code="invalid")
    if question.kind == QuestionKind.MULTIPLE_CHOICE and not all(
        isinstance(item, str | int) and not isinstance(item, bool) for item in raw
    ):
        raise ValidationError(_("Enter a valid value."), code="invalid")
    if question.kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO} and not isinstance(
        raw, str | int
    ):
        raise ValidationError(_("Enter a valid value."), code="invalid")
    value = answer_field(question).clean(raw)
    return _stored(question, value)


def _stored(question: Question, value: Any) -> Any:
    if _blank(value):
        return None
    if question.kind == QuestionKind.YES_NO:
        return value == YES
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return list(value) if isinstance(value, list | tuple) else value


def initial_value(question: Question, answer: Any) -> Any:
    """A stored answer as the page's field shows it."""
    if question.kind == QuestionKind.YES_NO and isinstance(answer, bool):
        return YES if answer else NO
    return answer


def display_answer(question: Question, answer: Any) -> str:
    """A stored answer as words, for the read-only page and the PDF."""
    if _blank(answer):
        return ""
    if question.kind == QuestionKind.YES_NO:
        return str(_("Yes") if answer else _("No"))
    if question.kind in {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}:
        labels = dict(question_choices(question))
        values = answer if isinstance(answer, list) else [answer]
        return ", ".join(labels.get(str(value), str(value)) for value in values)
    return str(answer)


def ordered_questions(version: FormVersion) -> list[Question]:
    return list(version.questions.select_related("section").order_by("order", "pk"))


def sections_of(questions: Iterable[Question]) -> list[tuple[FormSection | None, list[Question]]]:
    """Questions grouped by section, sections in their order; unsectioned ones first."""
    groups: dict[int | None, list[Question]] = {}
    sections: dict[int | None, FormSection | None] = {None: None}
    for question in questions:
        groups.setdefault(question.section_id, []).append(question)
        sections[question.section_id] = question.section
    keys = sorted(
        groups,
        key=lambda key: (-1, 0) if key is None else (sections[key].order, key),  # type: ignore[union-attr]
    )
    return [(sections[key], groups[key]) for key in keys]


class ApplicationForm(forms.Form):
    """The answers of one application, one field per question (key = question key)."""

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        answers: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        answers = answers or {}
        for question in questions:
            self.fields[question.key] = answer_field(question)
            self.fields[question.key].question_required = question.required  # type: ignore[attr-defined]
            if question.key in answers:
                self.initial[question.key] = initial_value(question, answers[question.key])

    def raw_answers(self) -> dict[str, Any]:
        """Every non-file answer the page sent (an empty one clears it)."""
        raw: dict[str, Any] = {}
        for question in self.questions:
            if question.kind == QuestionKind.FILE:
                continue
            if question.kind == QuestionKind.MULTIPLE_CHOICE:
                raw[question.key] = self.data.getlist(question.key)  # type: ignore[attr-defined]
            else:
                raw[question.key] = self.data.get(question.key, "")
        return raw

    def uploads(self) -> dict[str, Any]:
        """The files the page sent, by question key."""
        return {
            question.key: self.files[question.key]
            for question in self.questions
            if question.kind == QuestionKind.FILE and question.key in self.files
        }

    def sections(self) -> list[tuple[FormSection | None, list[forms.BoundField]]]:
        return [
            (section, [self[question.key] for question in questions])
            for section, questions in sections_of(self.questions)
        ]


class ApplicantChoiceForm(forms.Form):
    """Who applies: one of the user's ventures or organisations, or themselves."""

    applicant = forms.ChoiceField(label=_("Apply as"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = choices  # type: ignore[attr-defined]
        if len(choices) == 1:
            self.initial["applicant"] = choices[0][0]


APPLICANT_KIND_LABELS = dict(ApplicantKind.choices)
