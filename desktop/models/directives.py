"""Directive documents (văn bản chỉ đạo) that plans, tasks and reports cite."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import AuditMixin, Base, UidMixin


class Directive(AuditMixin, UidMixin, Base):
    __tablename__ = "directives"

    id: Mapped[int] = mapped_column(primary_key=True)
    # resolution | plan | notice | decision | regulation | directive | official_letter | conclusion | other
    doc_type: Mapped[str] = mapped_column(String(30), default="other")
    number_symbol: Mapped[str] = mapped_column(String(80), index=True)  # "57-NQ/TW"
    issued_on: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200), default="")  # "Bộ Chính trị"
    summary: Mapped[str] = mapped_column(Text, default="")  # trích yếu
    notes: Mapped[str] = mapped_column(Text, default="")
