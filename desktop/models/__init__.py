"""ORM classes only (SQLAlchemy 2.x typed declarative). No Qt, no rules."""

from desktop.models.audit import AuditEntry
from desktop.models.base import AuditMixin, Base, UidMixin, new_uid
from desktop.models.directives import Directive
from desktop.models.exchange import ReceivedPackage
from desktop.models.indicators import (
    Indicator,
    IndicatorGroup,
    IndicatorRule,
    IndicatorTarget,
    IndicatorValue,
    PeriodClosure,
)
from desktop.models.office import Department, Setting, Signer, Unit
from desktop.models.plans import Plan, PlanSection, plan_basis
from desktop.models.reports import DocumentNumber, Outline, Report
from desktop.models.tasks import Evidence, Task, TaskSource, TaskStatusEntry, task_coordinators

__all__ = [
    "AuditEntry",
    "AuditMixin", "Base", "UidMixin", "new_uid",
    "Directive", "Department", "Setting", "Signer", "Unit",
    "Plan", "PlanSection", "plan_basis",
    "Indicator", "IndicatorGroup", "IndicatorRule", "IndicatorTarget", "IndicatorValue", "PeriodClosure",
    "DocumentNumber", "Outline", "Report",
    "ReceivedPackage",
    "Evidence", "Task", "TaskSource", "TaskStatusEntry", "task_coordinators",
]
