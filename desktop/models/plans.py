"""Plans (kế hoạch): header, basis directives, purpose/requirements and a section tree."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import AuditMixin, Base, UidMixin
from desktop.models.directives import Directive

plan_basis = Table(
    "plan_basis",
    Base.metadata,
    Column("plan_id", ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("directive_id", ForeignKey("directives.id", ondelete="RESTRICT"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


class Plan(AuditMixin, UidMixin, Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    number_symbol: Mapped[str] = mapped_column(String(80), default="")  # "70/KH-UBND", may stay blank
    issued_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)  # trích yếu
    purpose: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft | issued
    year: Mapped[int | None] = mapped_column(Integer)

    basis: Mapped[list[Directive]] = relationship(secondary=plan_basis, order_by=plan_basis.c.position)
    sections: Mapped[list["PlanSection"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanSection.position"
    )


class PlanSection(AuditMixin, Base):
    """A node of the plan's section tree; any depth. The number is rendered from the tree."""

    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # upper_letter (A.) | roman (I.) | arabic (1.) | decimal (1.1.) | lower_letter (a)) | dash | plus | none
    numbering: Mapped[str] = mapped_column(String(20), default="arabic")
    heading: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="sections")
