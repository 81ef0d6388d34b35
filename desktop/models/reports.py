"""Outlines (đề cương), report documents and the register of document numbers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import AuditMixin, Base, UidMixin


class Outline(AuditMixin, UidMixin, Base):
    """A reporting outline: a section tree (JSON, desktop.core.sections) and document defaults.

    Built-in outlines come from resources/outlines/ (builtin_key set, refreshed from the file);
    user outlines are made in the editor or imported from a file the city sent."""

    __tablename__ = "outlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="report")  # report | plan
    builtin_key: Mapped[str] = mapped_column(String(60), default="", index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # JSON object: doc_type, symbol, summary, addressees, opening, closing, recipients (defaults
    # copied into a new report).
    document: Mapped[str] = mapped_column(Text, default="{}")
    sections: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of section nodes
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class Report(AuditMixin, UidMixin, Base):
    """A document being written or issued: a periodic report, or the printed form of a plan.

    While a draft, figures are live; issuing stores the fully resolved document in `frozen`
    (JSON) and the report becomes read-only — later edits of tasks or indicators never change it."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="report")  # report | plan
    outline_name: Mapped[str] = mapped_column(String(300), default="")
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    period_code: Mapped[str] = mapped_column(String(40), default="")
    doc_type: Mapped[str] = mapped_column(String(60), default="BÁO CÁO")
    symbol: Mapped[str] = mapped_column(String(40), default="BC-UBND")  # after "Số: 05/"
    number: Mapped[int | None] = mapped_column(Integer)  # blank until the clerk registers it
    year: Mapped[int] = mapped_column(Integer)
    date_day: Mapped[int | None] = mapped_column(Integer)  # the day may stay blank
    date_month: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    addressees: Mapped[str] = mapped_column(Text, default="")  # "Kính gửi", one per line
    opening: Mapped[str] = mapped_column(Text, default="")  # markup
    sections: Mapped[str] = mapped_column(Text, default="[]")  # JSON section tree
    closing: Mapped[str] = mapped_column(Text, default="")  # markup
    recipients: Mapped[str] = mapped_column(Text, default="")  # "Nơi nhận", one per line
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("signers.id", ondelete="SET NULL"))
    drafter_line: Mapped[str] = mapped_column(String(80), default="")
    appendices: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of appendix specs
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)  # draft | issued
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    frozen: Mapped[str] = mapped_column(Text, default="")  # JSON of the resolved document once issued
    revision_of_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))


class DocumentNumber(AuditMixin, Base):
    """The register of issued numbers (sổ đăng ký văn bản đi), per symbol and year.

    Numbering restarts every 1 January; a number is used once per symbol and year."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("symbol", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(40))  # "BC-UBND"
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    registered_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
