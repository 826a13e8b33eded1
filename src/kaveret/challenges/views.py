"""Pages of challenges: thin, permission first; rules in ``rules``, writes in ``services``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import rules, selectors, services
from .forms import (
    ChallengeFilterForm,
    ChallengeForm,
    CommentForm,
    DecisionForm,
    ProposalForm,
    StatusForm,
)
from .models import Challenge, EditProposal, MapTag, field_label


def challenge_list(request: HttpRequest) -> HttpResponse:
    form = ChallengeFilterForm(request.GET or None, user=request.user)
    challenges = selectors.challenge_list(request.user, form.filters())
    page = Paginator(challenges, settings.KAVERET_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "can_create": rules.may_start_challenges(request.user),
        },
    )


def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = rules.get_challenge_for_user_or_404(request.user, slug)
    return _detail_page(request, challenge)


def _detail_page(
    request: HttpRequest,
    challenge: Challenge,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_edit = rules.can_edit_challenge(user, challenge)
    can_refine = rules.can_refine_challenge(user, challenge)
    proposals = [
        (proposal, selectors.field_changes(proposal.changes, proposal.base))
        for proposal in selectors.challenge_proposals(challenge)
    ]
    revisions = [
        (revision, selectors.field_changes(revision.changes))
        for revision in selectors.challenge_revisions(challenge)
    ]
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "challenge": challenge,
            "populations": challenge.populations.order_by("name"),
            "criteria": [
                (field_label(name), getattr(challenge, name)) for name in Challenge.SYSTEM_CRITERIA
            ],
            "map_tags": _map_tag_labels(challenge),
            "calls": selectors.serving_calls(user, challenge),
            "support_count": selectors.support_count(challenge),
            "supports": selectors.supports(user, challenge),
            "comments": selectors.challenge_comments(challenge),
            "proposals": proposals,
            "revisions": revisions,
            "can_edit": can_edit,
            "can_refine": can_refine,
            "comment_form": comment_form or (CommentForm() if can_refine else None),
            "status_form": StatusForm(choices=services.allowed_statuses(challenge))
            if can_edit and services.allowed_statuses(challenge)
            else None,
            "decision_form": DecisionForm() if can_edit else None,
        },
        status=status,
    )


def _map_tag_labels(challenge: Challenge) -> list[str]:
    labels = dict(MapTag.choices)
    return [str(labels[tag]) for tag in challenge.map_tags or [] if tag in labels]


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_start_challenges(request.user):
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(by=request.user, values=form.values())
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error(
                None,
                _(
                    "You may create challenges only for a community you run or sit on the "
                    "steering committee of, or for the ministry you represent."
                ),
            )
        else:
            messages.success(
                request,
                _("Saved “%(title)s” as a draft. Publish it when it is ready.")
                % {"title": challenge.title},
            )
            return redirect(challenge.get_absolute_url())
    return render(
        request,
        "challenges/challenge_form.html",
        {"form": form, "title": _("New challenge"), "challenge": None},
        status=400 if request.method == "POST" else 200,
    )


def _editable_or_404(request: HttpRequest, slug: str) -> Challenge:
    challenge = rules.get_challenge_for_user_or_404(request.user, slug)
    if not rules.can_edit_challenge(request.user, challenge):
        raise PermissionDenied
    return challenge


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _editable_or_404(request, slug)
    form = ChallengeForm(request.POST or None, instance=challenge, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = Challenge.objects.get(pk=challenge.pk)
        try:
            challenge = services.challenge_update(
                by=request.user, challenge=original, values=form.values()
            )
        except DomainError as error:
            attach_domain_error(form, error)
        except PermissionDenied:
            form.add_error("community", _("You may not move the challenge to that community."))
        else:
            messages.success(request, _("Saved “%(title)s”.") % {"title": challenge.title})
            return redirect(challenge.get_absolute_url())
    return render(
        request,
        "challenges/challenge_form.html",
        {"form": form, "title": _("Edit the challenge"), "challenge": challenge},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def challenge_status(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _editable_or_404(request, slug)
    form = StatusForm(request.POST, choices=services.allowed_statuses(challenge))
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect(challenge.get_absolute_url())
    try:
        challenge = services.challenge_set_status(
            by=request.user, challenge=challenge, status=form.cleaned_data["status"]
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The challenge is now: %(status)s.") % {"status": challenge.get_status_display()},
        )
    return redirect(challenge.get_absolute_url())


def _refinable_or_404(request: HttpRequest, slug: str) -> Challenge:
    challenge = rules.get_challenge_for_user_or_404(request.user, slug)
    if not rules.can_refine_challenge(request.user, challenge):
        raise PermissionDenied
    return challenge


@login_required
@require_POST
def challenge_comment(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _refinable_or_404(request, slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                by=request.user, challenge=challenge, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(f"{challenge.get_absolute_url()}#comments")
    return _detail_page(request, challenge, comment_form=form, status=400)


@login_required
@require_POST
def challenge_support(request: HttpRequest, slug: str) -> HttpResponse:
    """Support the challenge, or withdraw support with ``action=withdraw``."""
    challenge = rules.get_challenge_for_user_or_404(request.user, slug)
    if request.POST.get("action") == "withdraw":
        services.support_withdraw(by=request.user, challenge=challenge)
        messages.success(request, _("You no longer support this challenge."))
    else:
        if not rules.can_refine_challenge(request.user, challenge):
            raise PermissionDenied
        services.support_add(by=request.user, challenge=challenge)
        messages.success(request, _("You support this challenge."))
    return redirect(f"{challenge.get_absolute_url()}#support")


@login_required
@require_http_methods(["GET", "POST"])
def challenge_propose(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = _refinable_or_404(request, slug)
    form = ProposalForm(request.POST or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_create(
                by=request.user,
                challenge=challenge,
                changes=form.changes(),
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            attach_domain_error(form, error)
        else:
            messages.success(
                request, _("Your proposed edit was sent to the owner of the challenge.")
            )
            return redirect(f"{challenge.get_absolute_url()}#proposals")
    return render(
        request,
        "challenges/proposal_form.html",
        {"form": form, "challenge": challenge},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def proposal_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = _editable_or_404(request, slug)
    proposal = EditProposal.objects.filter(challenge=challenge, pk=pk).first()
    if proposal is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to reject the proposed edit."))
        return redirect(f"{challenge.get_absolute_url()}#proposal-{pk}")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.proposal_decide(
            by=request.user, proposal=proposal, accept=accept, message=form.cleaned_data["message"]
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The proposed edit was accepted and applied.")
            if accept
            else _("The proposed edit was rejected; its author was told."),
        )
    return redirect(f"{challenge.get_absolute_url()}#proposal-{pk}")
