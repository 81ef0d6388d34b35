"""Indicators (chỉ tiêu): groups, the catalogue entries, targets by year, validation rules,
values per period and unit, and the history of closing/reopening a period's figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import AuditMixin, Base, UidMixin


class IndicatorGroup(Base):
    """A group of an appendix ("I. Phát triển hạ tầng"), keyed by a stable code."""

    __tablename__ = "indicator_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    catalogue: Mapped[str] = mapped_column(String(30), index=True)  # nq71 | milestones | operations
    position: Mapped[int] = mapped_column(Integer, default=0)


class Indicator(AuditMixin, UidMixin, Base):
    """One indicator. Codes are stable and never reused; a retired indicator keeps its values."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(10), default="count")  # count | percent | money | number | text | bool
    group_id: Mapped[int] = mapped_column(ForeignKey("indicator_groups.id", ondelete="RESTRICT"), index=True)
    department: Mapped[str] = mapped_column(String(300), default="")  # responsible department, as the plan writes it
    source: Mapped[str] = mapped_column(String(120), default="")  # source directive number-symbol
    output: Mapped[str] = mapped_column(String(200), default="")  # sản phẩm đầu ra
    formula: Mapped[str] = mapped_column(Text, default="")  # computed when not blank (desktop.core.formula)
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[IndicatorGroup] = relationship()
    targets: Mapped[list[IndicatorTarget]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorTarget.year"
    )


class IndicatorTarget(Base):
    """The target of one year: comparator and bounds (exact decimals kept as text) and the text as printed."""

    __tablename__ = "indicator_targets"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    comparator: Mapped[str] = mapped_column(String(10))  # ge | le | eq | range | aspire | none
    low: Mapped[str] = mapped_column(String(40), default="")
    high: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(String(120), default="")

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class IndicatorRule(Base):
    """A validation rule across indicators, declared in a catalogue file.

    kind: sum_eq (total = sum of parts) | sum_le (sum of parts ≤ total) | jump (warn when a count
    or an amount moved more than `factor` times from the previous period; no total, no parts).
    """

    __tablename__ = "indicator_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    total_code: Mapped[str] = mapped_column(String(60), default="")
    part_codes: Mapped[str] = mapped_column(Text, default="")  # space-separated indicator codes
    factor: Mapped[str] = mapped_column(String(20), default="")


class IndicatorValue(AuditMixin, Base):
    """indicator × period × unit → value, stored as exact text ("11962", "81.6", "1", free text)."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "unit_id", "period_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    period_code: Mapped[str] = mapped_column(String(30), index=True)
    value_text: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")


class PeriodClosure(Base):
    """One line of a period's closing history (chốt số liệu / mở lại), with who and when."""

    __tablename__ = "period_closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    period_code: Mapped[str] = mapped_column(String(30), index=True)
    action: Mapped[str] = mapped_column(String(10))  # close | reopen
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
