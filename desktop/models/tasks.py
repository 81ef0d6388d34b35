"""Tasks (nhiệm vụ), their sources, coordinators, status history and evidence."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import AuditMixin, Base, UidMixin
from desktop.models.directives import Directive
from desktop.models.office import Department

task_coordinators = Table(
    "task_coordinators",
    Base.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="RESTRICT"), primary_key=True),
)


class Task(AuditMixin, UidMixin, Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the plan's appendix
    lead_department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    lead_note: Mapped[str] = mapped_column(String(300), default="")  # lead named in words when not a department
    coordination_note: Mapped[str] = mapped_column(String(300), default="")
    expected_output: Mapped[str] = mapped_column(Text, default="")  # sản phẩm đầu ra
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    # none (a fixed deadline or none) | continuous (thường xuyên) | yearly | quarterly | per_source
    recurrence: Mapped[str] = mapped_column(String(20), default="none")
    deadline_note: Mapped[str] = mapped_column(String(300), default="")  # "Tháng 12/2025", "Theo văn bản"
    phase: Mapped[str] = mapped_column(String(40), default="", index=True)  # giai đoạn: "1", "2", ""
    completed_on: Mapped[date | None] = mapped_column(Date)

    plan: Mapped["Plan | None"] = relationship()  # noqa: F821 - resolved by the registry
    lead_department: Mapped[Department | None] = relationship()
    coordinators: Mapped[list[Department]] = relationship(secondary=task_coordinators)
    sources: Mapped[list["TaskSource"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskSource.position"
    )
    history: Mapped[list["TaskStatusEntry"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="(TaskStatusEntry.on_date, TaskStatusEntry.id)"
    )
    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Evidence.id"
    )


class TaskSource(Base):
    """A directive a task comes from, with the item number in that source ("mục 2.1", "STT 6")."""

    __tablename__ = "task_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id", ondelete="RESTRICT"), index=True)
    item_ref: Mapped[str] = mapped_column(String(80), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[Task] = relationship(back_populates="sources")
    directive: Mapped[Directive] = relationship()


class TaskStatusEntry(Base):
    """One line of a task's status history: on this date it was in this state, with a note."""

    __tablename__ = "task_status_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # not_started | in_progress | done
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    task: Mapped[Task] = relationship(back_populates="history")


class Evidence(AuditMixin, Base):
    """Proof of a task's result: a file kept in attachments/ by content hash, or a cited document."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # file | document
    file_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")  # the original name, sanitised
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    citation: Mapped[str] = mapped_column(Text, default="")  # "Kế hoạch số 53/KH-UBND ngày 17/9/2025"
    directive_id: Mapped[int | None] = mapped_column(ForeignKey("directives.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship(back_populates="evidence")
