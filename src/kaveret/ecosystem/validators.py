"""Validators for Israeli identifiers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def registration_check_digit_ok(number: str) -> bool:
    """The Israeli check digit used by registered amutot, companies and ID numbers.

    Digits are weighted 1, 2, 1, 2, ...; two-digit products are summed digit by digit
    (the same as subtracting 9); the total must divide by 10.
    """
    total = 0
    for index, char in enumerate(number):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return total % 10 == 0


def validate_registration_number(value: str) -> None:
    """Raise a translated error unless ``value`` is a valid nine-digit registration number."""
    if not value:
        return
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(
            _("A registration number has exactly nine digits (you entered “%(value)s”)."),
            code="registration_format",
            params={"value": value},
        )
    if not registration_check_digit_ok(value):
        raise ValidationError(
            _("“%(value)s” is not a valid registration number: its check digit is wrong."),
            code="registration_check_digit",
            params={"value": value},
        )
