"""Forms of the knowledge hub: the list's filters, an item with its files, review, comment."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.core.forms import with_all
from kaveret.core.uploads import ALLOWED_DESCRIPTION, check_upload
from kaveret.ecosystem.forms import attach_domain_error
from kaveret.ecosystem.models import Domain

from . import selectors, services
from .models import KnowledgeItem, KnowledgeKind, KnowledgeLanguage
from .rules import authoring_communities
from .selectors import KnowledgeFilters


class KnowledgeFilterForm(forms.Form):
    """The list's filters; unknown values are ignored, not errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=with_all(KnowledgeKind.choices)
    )
    community = forms.ChoiceField(label=_("Community"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=with_all(KnowledgeLanguage.choices)
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args: Any, user: Any, communities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if communities is None:
            del self.fields["community"]
        else:
            cast(forms.ChoiceField, self.fields["community"]).choices = with_all(
                [(c.slug, c.display_name) for c in communities]
            )
        cast(forms.ChoiceField, self.fields["domain"]).choices = with_all(
            [(d.slug, d.display_name) for d in Domain.objects.order_by("name")]
        )
        cast(forms.ChoiceField, self.fields["tag"]).choices = with_all(
            [(t.slug, t.name) for t in selectors.tags_in_use(user)]
        )

    def filters(self) -> KnowledgeFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return KnowledgeFilters(**{k: v for k, v in data.items() if v})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class KnowledgeItemForm(forms.ModelForm):
    """Write or edit an item; files are checked here, before anything is saved, so a
    refused file leaves the item as it was and keeps what was typed on the page."""

    community: forms.ModelChoiceField[Community] = forms.ModelChoiceField(
        label=_("Community"), queryset=Community.objects.none(), empty_label=None
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=800,
        help_text=_("Separate tags with commas, for example: חוסן, שותפות מעצבת."),
    )
    attachments = MultipleFileField(
        label=_("Attach files"),
        required=False,
    )

    class Meta:
        model = KnowledgeItem
        fields = ("community", "kind", "title", "summary", "body", "language", "domains")
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
            "domains": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "body": _(
                "Markdown: # for a heading, **bold**, *italic*, - for a list, "
                "[text](https://…) for a link. HTML is shown as text."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["attachments"].help_text = _("Up to %(size)d MB each. Allowed: %(types)s.") % {
            "size": services.attachment_max_bytes() // (1024 * 1024),
            "types": ALLOWED_DESCRIPTION,
        }
        self.fields["domains"].queryset = Domain.objects.order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["community"]
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
        else:
            cast(forms.ModelChoiceField, self.fields["community"]).queryset = authoring_communities(
                user
            )

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        for upload in files:
            try:
                check_upload(upload, max_bytes=services.attachment_max_bytes())
            except DomainError as error:
                self.add_error("attachments", error)
        return files

    def _post_clean(self) -> None:
        # The service validates; the model's own validation would only repeat it.
        pass

    def save(self, commit: bool = True, *, submit: bool = False) -> KnowledgeItem:
        data = self.cleaned_data
        values = {field: data[field] for field in services.ITEM_FIELDS}
        uploads = data.get("attachments") or []
        try:
            if self.instance.pk:
                item = services.item_update(
                    by=self.user, item=self.instance, values=values, uploads=uploads
                )
                if submit:
                    item = services.item_submit(by=self.user, item=item)
                return item
            return services.item_create(
                by=self.user,
                community=data["community"],
                values=values,
                uploads=uploads,
                submit=submit,
            )
        except DomainError as error:
            attach_domain_error(self, error)
            raise


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should the author change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.MAX_COMMENT_LENGTH,
    )
