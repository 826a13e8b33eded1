from django.http import HttpRequest
from django.utils import translation


def platform(request: HttpRequest) -> dict[str, object]:
    language = translation.get_language() or "he"
    return {
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "active_language": language,
    }
