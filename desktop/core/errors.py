"""Errors the user can act on. Messages are Vietnamese and shown as they are."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action; nothing was changed."""


class ValidationError(UserError):
    """A form failed its checks. `problems` maps a field name to its Vietnamese message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


class NotFound(UserError):
    pass


class Cancelled(UserError):
    """The user asked long work to stop (cooperative cancel); whatever it was writing was removed."""

    def __init__(self, message: str | None = None) -> None:
        from desktop.strings.common import CANCELLED

        super().__init__(message or CANCELLED)


class Validator:
    """Collects field problems; `raise_if_any()` at the end of a check."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def require(self, field: str, value: object, label: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.problems.setdefault(field, f"Chưa nhập {label}.")

    def max_length(self, field: str, value: str | None, limit: int, label: str) -> None:
        if value and len(value) > limit:
            self.problems.setdefault(
                field, f"{label[:1].upper()}{label[1:]} dài {len(value)} ký tự, vượt quá giới hạn {limit} ký tự."
            )

    def add(self, field: str, message: str) -> None:
        self.problems.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)
