"""The audit trail: who changed which record, when, and which fields (old → new)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base


class AuditEntry(Base):
    """One change of one record. Written by desktop.core.audit from a session hook, never by hand.

    `changes` is JSON {field: [old, new]} with both values rendered as strings (dates ISO,
    decimals as text, long texts truncated); blobs are never stored."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_table_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    who: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int] = mapped_column(Integer)
    record_uid: Mapped[str | None] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text, default="")  # "Báo cáo 05/BC-UBND", a task's title
    changes: Mapped[str] = mapped_column(Text, default="{}")
