from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .rules import get_community_for_user_or_404
from .selectors import communities_with_member_counts, community_members


def community_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "communities/community_list.html",
        {"communities": communities_with_member_counts(request.user)},
    )


def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_community_for_user_or_404(request.user, slug)
    return render(
        request,
        "communities/community_detail.html",
        {
            "community": community,
            "founders": community.founders.all(),
            "members": community_members(community),
        },
    )
