"""The API at /api/v1/: django-ninja, session or token authentication.

Every request is made by someone: the user of a bearer token, the user of the browser
session (unsafe methods must then carry the CSRF token), or an anonymous visitor. What
they may see or do is decided by the apps' rules, exactly as for the pages; an
anonymous visitor who tries to write is told to authenticate (401).

Errors are JSON ``{"detail", "code", "fields"}`` in the language of the request. That
language is chosen here, not by ``LocaleMiddleware``: with ``i18n_patterns`` and
``prefix_default_language=False`` the middleware treats every unprefixed path, /api/v1/
included, as Hebrew and ignores ``Accept-Language``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from kaveret.accounts.services import authenticate_api_key
from kaveret.ecosystem.api import router as ecosystem_router
from kaveret.ecosystem.schemas import ErrorOut
from kaveret.network.api import router as network_router


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` with a key from ``manage.py create_api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_api_key(key=token.strip())
        if user is None:
            # A wrong key must not quietly fall back to anonymous reading.
            raise AuthenticationError(
                message=gettext("This API token is not valid or has been revoked.")
            )
        return user


class CsrfSessionAuth(SessionAuth):
    """The browser's login session. Unsafe methods must carry the CSRF token.

    A request without a session cookie carries no ambient authority, so it needs no
    CSRF check: it is anonymous and may only read.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if key is None:
            return None
        if check_csrf(request) is not None:
            raise HttpError(
                403,
                gettext("The CSRF token is missing or wrong. Reload the page and try again."),
            )
        return key


def anonymous_visitor(request: HttpRequest) -> AnonymousUser:
    """Whoever sent neither a token nor a session: they may read what is public."""
    return AnonymousUser()


api = NinjaAPI(
    title="Kaveret API",
    version="1",
    description=(
        "The ecosystem registry of Kaveret: organisations, ventures, relations.\n\n"
        "Authenticate with `Authorization: Bearer <key>` (keys come from "
        "`manage.py create_api_token`) or with the browser session plus the "
        "`X-CSRFToken` header. Anonymous visitors may read what is public. "
        "Messages follow `Accept-Language` (he, en, ar)."
    ),
    urls_namespace="api",
    auth=[ApiTokenAuth(), CsrfSessionAuth(), anonymous_visitor],
)


def in_request_language(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language of the language cookie or ``Accept-Language`` (Hebrew default)."""

    @functools.wraps(run)
    def run_in_language(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return run_in_language


# "view" wraps the whole run of an operation: authentication, parsing and error handlers.
api.add_decorator(in_request_language, mode="view")


def _error(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    code: str | None = None,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = ErrorOut(detail=detail, code=code, fields=fields or {})
    return api.create_response(request, body.model_dump(), status=status)


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return user is None or not user.is_authenticated


@api.exception_handler(ValidationError)
def domain_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A broken rule of the domain (``DomainError``): 422 with messages per field."""
    general: list[str] = []
    fields: dict[str, list[str]] = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            messages = [str(message) for error in errors for message in error.messages]
            if field == "__all__":
                general.extend(messages)
            else:
                fields[field] = messages
    else:
        general = [str(message) for message in exc.messages]
    detail = " ".join(general) or next(
        (messages[0] for messages in fields.values() if messages),
        gettext("The request could not be carried out."),
    )
    return _error(request, 422, detail, code=_first_code(exc), fields=fields)


def _first_code(exc: ValidationError) -> str | None:
    for error in exc.error_list if hasattr(exc, "error_list") else []:
        if error.code:
            return str(error.code)
    if hasattr(exc, "error_dict"):
        for errors in exc.error_dict.values():
            for error in errors:
                if error.code:
                    return str(error.code)
    return None


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """Not allowed: 401 for an anonymous visitor (who should authenticate), else 403."""
    if _is_anonymous(request):
        response = _error(
            request,
            401,
            gettext("Log in, or send an API token, to do this."),
            code="not_authenticated",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    message = str(exc.args[0]) if exc.args else gettext("You do not have permission to do this.")
    return _error(request, 403, message, code="permission_denied")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Missing, or not visible to this user: the two look the same."""
    # Django's own message, so every language Django ships has it.
    return _error(
        request,
        404,
        gettext("The requested resource was not found on this server."),
        code="not_found",
    )


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, exc.message, code="not_authenticated")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, exc.message)


# Pydantic's messages are English only; where Django ships a translated sentence for the
# same problem, use it (its msgids are in every language Django supports).
_REQUEST_ERROR_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter a valid value."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "date_parsing": gettext_lazy("Enter a valid date."),
    "date_from_datetime_parsing": gettext_lazy("Enter a valid date."),
    "date_type": gettext_lazy("Enter a valid date."),
    "bool_parsing": gettext_lazy("Enter a valid value."),
    "list_type": gettext_lazy("Enter a list of values."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "less_than_equal": gettext_lazy("Ensure this value is less than or equal to %(limit_value)s."),
    "greater_than_equal": gettext_lazy(
        "Ensure this value is greater than or equal to %(limit_value)s."
    ),
}
_CHOICE_ERRORS = frozenset({"enum", "literal_error"})


def _request_error_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in _CHOICE_ERRORS:
        expected = context.get("expected", "")
        return gettext("Select a valid choice. The choices are: %(expected)s.") % {
            "expected": expected
        }
    if kind in {"less_than_equal", "greater_than_equal"}:
        limit = context.get("le", context.get("ge"))
        return str(_REQUEST_ERROR_MESSAGES[kind]) % {"limit_value": limit}
    if kind in _REQUEST_ERROR_MESSAGES:
        return str(_REQUEST_ERROR_MESSAGES[kind])
    return str(error.get("msg", gettext("Enter a valid value.")))


def _request_error_field(location: tuple[Any, ...] | list[Any]) -> str:
    # ninja locates errors as (source, parameter, field, ...); for a body the parameter
    # name is ours, not the client's, so leave it out.
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


@api.exception_handler(RequestValidationError)
def request_error(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """The request itself did not parse or validate: 422 with a message per field."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        field = _request_error_field(error.get("loc", ()))
        fields.setdefault(field, []).append(_request_error_message(error))
    return _error(
        request,
        422,
        gettext("Some values in the request are not valid; see the fields."),
        code="invalid_request",
        fields=fields,
    )


api.add_router("/", ecosystem_router)
api.add_router("/network", network_router)
api.add_router("/", "kaveret.communities.api.router")
api.add_router("/", "kaveret.communities.work_api.router")
api.add_router("/", "kaveret.knowledge.api.router")
api.add_router("/", "kaveret.trends.api.router")
api.add_router("/", "kaveret.notifications.api.router")
api.add_router("/", "kaveret.challenges.api.router")
api.add_router("/", "kaveret.calls.api.router")
api.add_router("/", "kaveret.matching.api.router")
api.add_router("/", "kaveret.partnerships.api.router")
api.add_router("/", "kaveret.measurement.api.router")
