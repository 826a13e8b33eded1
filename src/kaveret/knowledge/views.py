"""Pages of the knowledge hub: thin, permission first, rules in ``rules`` and ``services``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.core.uploads import protected_file_response

from . import rules, selectors, services
from .forms import CommentForm, KnowledgeFilterForm, KnowledgeItemForm, ReturnForm
from .models import KnowledgeItem, KnowledgeStatus
from .rendering import render_markdown


def _list_page(request: HttpRequest, *, community: Community | None) -> HttpResponse:
    communities = None if community else rules.readable_communities(request.user)
    form = KnowledgeFilterForm(request.GET or None, user=request.user, communities=communities)
    items = selectors.published_items(request.user, form.filters(), community)
    page = Paginator(items, settings.KAVERET_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "community": community,
        "querystring": query.urlencode(),
        "can_write": rules.authoring_communities(request.user).exists()
        if request.user.is_authenticated
        else False,
    }
    if getattr(request, "htmx", None) and request.htmx.target == "knowledge-results":  # type: ignore[attr-defined]
        return render(request, "knowledge/_results.html", context)
    return render(request, "knowledge/item_list.html", context)


def item_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, community=None)


def community_item_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = rules.get_knowledge_community_or_404(request.user, slug)
    return _list_page(request, community=community)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = rules.get_item_for_user_or_404(request.user, pk)
    return _detail_page(request, item)


def _detail_page(
    request: HttpRequest,
    item: KnowledgeItem,
    *,
    comment_form: CommentForm | None = None,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_comment = rules.can_comment_on(user, item)
    can_review = rules.can_review_item(user, item)
    return render(
        request,
        "knowledge/item_detail.html",
        {
            "item": item,
            "community": item.community,
            "body_html": render_markdown(item.body),
            "domains": item.domains.order_by("name"),
            "tags": item.tags.order_by("name"),
            "attachments": item.attachments.order_by("created_at", "pk"),
            "comments": selectors.item_comments(item),
            "can_edit": rules.can_edit_item(user, item),
            "can_submit": rules.can_submit_item(user, item),
            "submit_publishes": not services.needs_review(item, user),
            "can_review": can_review,
            "can_comment": can_comment,
            "comment_form": comment_form or (CommentForm() if can_comment else None),
            "return_form": return_form or (ReturnForm() if can_review else None),
        },
        status=status,
    )


def _form_page(request: HttpRequest, *, instance: KnowledgeItem | None, title: str) -> HttpResponse:
    initial = {}
    slug = request.GET.get("community")
    if instance is None and slug:
        community = Community.objects.filter(slug=slug).first()
        if community is not None:
            initial["community"] = community.pk
    form = KnowledgeItemForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            item = form.save(submit=submit)
        except DomainError:
            pass  # the form now carries the errors; what was typed stays on the page
        else:
            messages.success(request, _status_message(item, submitted=submit))
            return redirect(item.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "knowledge/item_form.html",
        {
            "form": form,
            "title": title,
            "item": instance,
            "can_submit": instance is None or rules.can_submit_item(request.user, instance),
        },
        status=status,
    )


def _status_message(item: KnowledgeItem, *, submitted: bool) -> str:
    if item.status == KnowledgeStatus.PUBLISHED and submitted:
        return _("Published “%(title)s”.") % {"title": item.title}
    if item.status == KnowledgeStatus.IN_REVIEW:
        return _("Sent “%(title)s” to the community's coordinators for review.") % {
            "title": item.title
        }
    return _("Saved “%(title)s”.") % {"title": item.title}


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    if not rules.authoring_communities(request.user).exists():
        raise PermissionDenied
    return _form_page(request, instance=None, title=_("New knowledge item"))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = rules.get_item_for_user_or_404(request.user, pk)
    if not rules.can_edit_item(request.user, item):
        raise PermissionDenied
    return _form_page(request, instance=item, title=_("Edit “%(title)s”") % {"title": item.title})


def _post_action(request: HttpRequest, pk: int) -> KnowledgeItem:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return rules.get_item_for_user_or_404(request.user, pk)


@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _post_action(request, pk)
    try:
        item = services.item_submit(by=request.user, item=item)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _status_message(item, submitted=True))
    return redirect(item.get_absolute_url())


@require_POST
def item_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = _post_action(request, pk)
    try:
        services.item_approve(by=request.user, item=item)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published “%(title)s”.") % {"title": item.title})
    if request.POST.get("next") == "queue":
        return redirect("knowledge:review_queue")
    return redirect(item)


@require_POST
def item_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = _post_action(request, pk)
    if not rules.is_knowledge_staff(request.user, item.community):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, item, return_form=form, status=400)
    try:
        services.item_return(by=request.user, item=item, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Returned “%(title)s” to its author.") % {"title": item.title})
    return redirect(item)


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = _post_action(request, pk)
    if not rules.can_comment_on(request.user, item):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(by=request.user, item=item, body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(f"{item.get_absolute_url()}#comments")
    return _detail_page(request, item, comment_form=form, status=400)


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Serve a file only to whoever may read its item; never from a public folder."""
    attachment = rules.get_attachment_for_user_or_404(request.user, pk, attachment_pk)
    return protected_file_response(attachment)


@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    attachment = rules.get_attachment_for_user_or_404(request.user, pk, attachment_pk)
    services.attachment_remove(by=request.user, attachment=attachment)
    messages.success(
        request, _("Removed the file “%(name)s”.") % {"name": attachment.original_name}
    )
    return redirect("knowledge:edit", pk=pk)


@login_required
def my_items(request: HttpRequest) -> HttpResponse:
    items = selectors.items_by_author(request.user)
    page = Paginator(items, settings.KAVERET_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/my_items.html",
        {"page": page, "can_write": rules.authoring_communities(request.user).exists()},
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (rules.staff_community_ids(user) or is_platform_admin(user)):
        raise PermissionDenied
    return render(request, "knowledge/review_queue.html", {"items": selectors.review_queue(user)})
