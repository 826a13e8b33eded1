"""Who may apply to a call: its eligibility rules checked against the applicant's profile.

The rules are the JSON object described in ``models.py``; all of them must hold. A venture
is checked on its type, stage, founders' society, domains, populations and regions; an
organisation on its kind, domains, populations and regions; a person on
``applicant_kinds``. A rule that cannot apply to the applicant's kind (a venture type for
an organisation or a person, an organisation kind for a venture or a person, domains,
populations or regions for a person) fails: such an applicant cannot qualify. Every rule
that fails gives one reason, a translated sentence naming what the call asks for and what
the applicant's profile says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from kaveret.ecosystem.choices import (
    ActorType,
    FoundersSociety,
    OrganisationKind,
    VentureStage,
    VentureType,
)
from kaveret.ecosystem.models import (
    Actor,
    Domain,
    Organisation,
    Person,
    Region,
    TargetPopulation,
    Venture,
)

from .models import ApplicantKind, Call

Applicant = Actor | Person


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    failed_rules: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The result as stored on the application."""
        return {
            "eligible": self.eligible,
            "reasons": self.reasons,
            "failed_rules": self.failed_rules,
            "checked_at": timezone.now().isoformat(),
        }


def applicant_kind(applicant: Applicant) -> str:
    if isinstance(applicant, Person):
        return ApplicantKind.PERSON
    if applicant.actor_type == ActorType.VENTURE:
        return ApplicantKind.VENTURE
    return ApplicantKind.ORGANISATION


def _either(labels: list[str]) -> str:
    """``["a", "b", "c"]`` as "a, b or c" in the active language."""
    labels = [str(label) for label in labels]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(items)s or %(last)s") % {"items": ", ".join(labels[:-1]), "last": labels[-1]}


def _choice_labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(value, value)) for value in values]


def _taxonomy_labels(model: type[Domain | TargetPopulation | Region], slugs: list[str]) -> str:
    terms = {term.slug: term.display_name for term in model.objects.filter(slug__in=slugs)}
    return _either([terms.get(slug, slug) for slug in slugs])


def _listed(rules: dict[str, Any], key: str) -> list[str]:
    value = rules.get(key) or []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _specific(applicant: Applicant) -> Venture | Organisation | Person:
    if isinstance(applicant, Actor) and not isinstance(applicant, Venture | Organisation):
        return applicant.specific()
    return applicant


def check(call: Call, applicant: Applicant) -> Eligibility:
    """Check ``applicant`` (a venture, an organisation or a person) against ``call``'s rules.

    Returns whether it may apply and, for every rule it fails, a translated reason.
    """
    rules = call.eligibility if isinstance(call.eligibility, dict) else {}
    subject = _specific(applicant)
    kind = applicant_kind(subject)
    failed: list[tuple[str, str]] = []

    kinds = _listed(rules, "applicant_kinds")
    if kinds and kind not in kinds:
        failed.append(
            (
                "applicant_kinds",
                _("This call is for %(allowed)s; you are applying as %(actual)s.")
                % {
                    "allowed": _either(_choice_labels(ApplicantKind, kinds)).lower(),
                    "actual": str(ApplicantKind(kind).label).lower(),
                },
            )
        )
    if isinstance(subject, Venture):
        failed.extend(_venture_reasons(rules, subject))
    if isinstance(subject, Organisation):
        failed.extend(_organisation_reasons(rules, subject))
    if isinstance(subject, Actor):
        failed.extend(_taxonomy_reasons(rules, subject))
    failed.extend(_inapplicable_reasons(rules, kind))
    return Eligibility(
        eligible=not failed,
        reasons=[reason for _rule, reason in failed],
        failed_rules=[rule for rule, _reason in failed],
    )


def _venture_reasons(rules: dict[str, Any], venture: Venture) -> list[tuple[str, str]]:
    failed = []
    types = _listed(rules, "venture_types")
    if types and venture.venture_type not in types:
        failed.append(
            (
                "venture_types",
                _("This call is for ventures of the type %(allowed)s; yours is %(actual)s.")
                % {
                    "allowed": _either(_choice_labels(VentureType, types)),
                    "actual": venture.get_venture_type_display(),
                },
            )
        )
    stages = _listed(rules, "stages")
    if stages and venture.stage not in stages:
        failed.append(
            (
                "stages",
                _(
                    "This call is for ventures at the %(allowed)s stage; yours is at the "
                    "%(actual)s stage."
                )
                % {
                    "allowed": _either(_choice_labels(VentureStage, stages)).lower(),
                    "actual": str(venture.get_stage_display()).lower(),
                },
            )
        )
    societies = _listed(rules, "founders_societies")
    if societies and venture.founders_society not in societies:
        failed.append(
            (
                "founders_societies",
                _(
                    "This call is for ventures whose founders come from %(allowed)s; your "
                    "profile says: %(actual)s."
                )
                % {
                    "allowed": _either(_choice_labels(FoundersSociety, societies)),
                    "actual": venture.get_founders_society_display(),
                },
            )
        )
    return failed


def _organisation_reasons(
    rules: dict[str, Any], organisation: Organisation
) -> list[tuple[str, str]]:
    kinds = _listed(rules, "organisation_kinds")
    if not kinds or organisation.kind in kinds:
        return []
    return [
        (
            "organisation_kinds",
            _("This call is for organisations of the kind %(allowed)s; yours is %(actual)s.")
            % {
                "allowed": _either(_choice_labels(OrganisationKind, kinds)),
                "actual": organisation.get_kind_display(),
            },
        )
    ]


def _taxonomy_reasons(rules: dict[str, Any], actor: Actor) -> list[tuple[str, str]]:
    failed = []
    domains = _listed(rules, "domains")
    if domains and not actor.domains.filter(slug__in=domains).exists():
        failed.append(
            (
                "domains",
                _("This call is for work in %(allowed)s; your profile lists none of these domains.")
                % {"allowed": _taxonomy_labels(Domain, domains)},
            )
        )
    populations = _listed(rules, "populations")
    if populations and not actor.target_populations.filter(slug__in=populations).exists():
        failed.append(
            (
                "populations",
                _(
                    "This call is for those who serve %(allowed)s; your profile lists none of "
                    "these populations."
                )
                % {"allowed": _taxonomy_labels(TargetPopulation, populations)},
            )
        )
    regions = _listed(rules, "regions")
    if regions and not actor.regions.filter(slug__in=regions).exists():
        failed.append(
            (
                "regions",
                _(
                    "This call is for those active in %(allowed)s; your profile lists none of "
                    "these regions."
                )
                % {"allowed": _taxonomy_labels(Region, regions)},
            )
        )
    return failed


def _applicant_phrase(kind: str) -> str:
    if kind == ApplicantKind.PERSON:
        return _("a person applying alone")
    if kind == ApplicantKind.ORGANISATION:
        return _("an organisation")
    return _("a venture")


def _inapplicable_reasons(rules: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    """Rules the applicant's kind cannot meet: each fails, since all rules must hold."""
    failed = []
    who = _applicant_phrase(kind)
    if kind != ApplicantKind.VENTURE:
        types = _listed(rules, "venture_types")
        if types:
            failed.append(
                (
                    "venture_types",
                    _("This call is for ventures of the type %(allowed)s; %(who)s cannot qualify.")
                    % {"allowed": _either(_choice_labels(VentureType, types)), "who": who},
                )
            )
        stages = _listed(rules, "stages")
        if stages:
            failed.append(
                (
                    "stages",
                    _("This call is for ventures at the %(allowed)s stage; %(who)s cannot qualify.")
                    % {
                        "allowed": _either(_choice_labels(VentureStage, stages)).lower(),
                        "who": who,
                    },
                )
            )
        societies = _listed(rules, "founders_societies")
        if societies:
            failed.append(
                (
                    "founders_societies",
                    _(
                        "This call is for ventures founded by people from %(allowed)s; "
                        "%(who)s cannot qualify."
                    )
                    % {"allowed": _either(_choice_labels(FoundersSociety, societies)), "who": who},
                )
            )
    if kind != ApplicantKind.ORGANISATION:
        kinds = _listed(rules, "organisation_kinds")
        if kinds:
            failed.append(
                (
                    "organisation_kinds",
                    _(
                        "This call is for organisations of the kind %(allowed)s; "
                        "%(who)s cannot qualify."
                    )
                    % {"allowed": _either(_choice_labels(OrganisationKind, kinds)), "who": who},
                )
            )
    if kind == ApplicantKind.PERSON:
        domains = _listed(rules, "domains")
        if domains:
            failed.append(
                (
                    "domains",
                    _("This call is for work in %(allowed)s; %(who)s cannot qualify.")
                    % {"allowed": _taxonomy_labels(Domain, domains), "who": who},
                )
            )
        populations = _listed(rules, "populations")
        if populations:
            failed.append(
                (
                    "populations",
                    _("This call is for those who serve %(allowed)s; %(who)s cannot qualify.")
                    % {"allowed": _taxonomy_labels(TargetPopulation, populations), "who": who},
                )
            )
        regions = _listed(rules, "regions")
        if regions:
            failed.append(
                (
                    "regions",
                    _("This call is for those active in %(allowed)s; %(who)s cannot qualify.")
                    % {"allowed": _taxonomy_labels(Region, regions), "who": who},
                )
            )
    return failed
