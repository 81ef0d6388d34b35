"""Packages received from units below (the upper level's inbox), one row per imported file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base
from desktop.models.office import Unit


class ReceivedPackage(Base):
    """One `.nq57` package sent upward by a unit and imported here.

    The same unit and period may arrive several times: every version is kept, exactly one is
    `current` (the newest by the sender's creation time). `data` is data.json as received, so
    drill-down and re-consolidation never need the file again; the PDF and XLSX members are kept in
    attachments/ by content hash."""

    __tablename__ = "received_packages"
    __table_args__ = (Index("ix_received_packages_unit_period", "unit_id", "period_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_uid: Mapped[str] = mapped_column(String(32), unique=True)  # manifest "package_id"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    period_code: Mapped[str] = mapped_column(String(40), index=True)
    content: Mapped[str] = mapped_column(String(20), default="report")
    created_at_source: Mapped[datetime] = mapped_column(DateTime)  # manifest "created" (the sender's clock)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    received_by: Mapped[str] = mapped_column(String(120), default="")
    app_version: Mapped[str] = mapped_column(String(40), default="")
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    manifest: Mapped[str] = mapped_column(Text, default="{}")
    data: Mapped[str] = mapped_column(Text, default="{}")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    pdf_name: Mapped[str] = mapped_column(String(255), default="")
    xlsx_sha256: Mapped[str] = mapped_column(String(64), default="")
    xlsx_name: Mapped[str] = mapped_column(String(255), default="")
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)

    unit: Mapped[Unit] = relationship()
