"""Who may do what in the ecosystem registry, object by object.

Every view, API endpoint and template asks these permissions; nothing else decides.
What a user may not see answers 404, as if it were missing.
"""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from kaveret.accounts.roles import (
    is_ecosystem_staff,
    is_entrepreneur_of,
    is_platform_admin,
    represents_organisation,
)

from .models import Actor, Organisation, Relation, Venture


@rules.predicate
def ecosystem_staff(user: Any) -> bool:
    return is_ecosystem_staff(user)


@rules.predicate
def platform_admin(user: Any) -> bool:
    return is_platform_admin(user)


@rules.predicate
def is_public_object(user: Any, obj: Actor | Relation | None) -> bool:
    return obj is None or bool(obj.is_public)


@rules.predicate
def represents(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and represents_organisation(user, organisation.pk)


@rules.predicate
def runs_venture(user: Any, venture: Venture | None) -> bool:
    return venture is not None and is_entrepreneur_of(user, venture.pk)


@rules.predicate
def relation_visible(user: Any, relation: Relation | None) -> bool:
    if relation is None:
        return True
    return bool(relation.is_public and relation.source.is_public and relation.target.is_public)


rules.add_perm("ecosystem.view_actor", is_public_object | ecosystem_staff)
rules.add_perm("ecosystem.view_organisation", is_public_object | ecosystem_staff | represents)
rules.add_perm("ecosystem.view_venture", is_public_object | ecosystem_staff | runs_venture)
rules.add_perm("ecosystem.add_organisation", ecosystem_staff)
rules.add_perm("ecosystem.change_organisation", ecosystem_staff | represents)
rules.add_perm("ecosystem.delete_organisation", platform_admin)
rules.add_perm("ecosystem.add_venture", ecosystem_staff)
rules.add_perm("ecosystem.change_venture", ecosystem_staff | runs_venture)
rules.add_perm("ecosystem.delete_venture", platform_admin)
rules.add_perm("ecosystem.view_relation", relation_visible | ecosystem_staff)
rules.add_perm("ecosystem.add_relation", ecosystem_staff)
rules.add_perm("ecosystem.change_relation", ecosystem_staff)
rules.add_perm("ecosystem.view_contact_details", ecosystem_staff)
rules.add_perm("ecosystem.view_person", ecosystem_staff)
rules.add_perm("ecosystem.view_private_actors", ecosystem_staff)
rules.add_perm("ecosystem.manage_taxonomies", platform_admin)
rules.add_perm("ecosystem.import_ecosystem", ecosystem_staff)


def get_organisation_for_user_or_404(user: Any, pk: int) -> Organisation:
    """The organisation, if the user may see it; otherwise 404 as if it did not exist."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not user.has_perm("ecosystem.view_organisation", organisation):
        raise Http404
    return organisation


def get_venture_for_user_or_404(user: Any, pk: int) -> Venture:
    """The venture, if the user may see it; otherwise 404 as if it did not exist."""
    venture = Venture.objects.filter(pk=pk).first()
    if venture is None or not user.has_perm("ecosystem.view_venture", venture):
        raise Http404
    return venture
