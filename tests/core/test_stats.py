"""Task statistics (desktop.core.stats): grouping, invariants and the report sentences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core import office, stats
from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.directives import DirectiveRow, save_directive

D = date
AS_OF = D(2025, 11, 17)


@pytest.fixture
def session(office_db):
    with office_db.unit_of_work() as s:
        yield s


@pytest.fixture
def deps(session):
    return {d.abbreviation: d.id for d in office.list_departments(session)}


@pytest.fixture
def dirs(session):
    return {
        number: save_directive(session, DirectiveRow(None, number, kind, issued, summary=summary))[0]
        for number, kind, issued, summary in (
            ("02-KH/BCĐTW", "plan", D(2025, 6, 19), "Kế hoạch thúc đẩy chuyển đổi số"),
            ("05-QĐ/BCĐTW", "regulation", D(2025, 8, 27), ""),
            ("44-TB/TGV", "notice", D(2025, 9, 12), "Thông báo kết luận"),
        )
    }


def task(session, title, *, done_on=None, started_on=None, deadline=None, **fields):
    task_id, _ = core.create_task(session, core.TaskInput(title=title, deadline=deadline, **fields))
    if started_on:
        core.record_status(session, task_id, st.IN_PROGRESS, started_on, today=AS_OF)
    if done_on:
        core.record_status(session, task_id, st.DONE, done_on, today=AS_OF)
    return task_id


@pytest.fixture
def mixed(session, deps, dirs):
    """Phase 1: 3 tasks; phase 2: 5 tasks; 1 without phase. Every derived state appears."""
    src = lambda *numbers: tuple(core.SourceRef(dirs[n]) for n in numbers)  # noqa: E731
    task(session, "A", phase="1", deadline=D(2025, 9, 30), done_on=D(2025, 9, 30), lead_department_id=deps["VP"],
         sources=src("02-KH/BCĐTW"))
    task(session, "B", phase="1", deadline=D(2025, 9, 30), done_on=D(2025, 10, 5), lead_department_id=deps["VP"],
         sources=src("02-KH/BCĐTW", "44-TB/TGV"))
    task(session, "C", phase="1", deadline=D(2025, 10, 31), started_on=D(2025, 10, 1), lead_department_id=deps["VHXH"],
         sources=src("05-QĐ/BCĐTW"))
    task(session, "D", phase="2", deadline=D(2025, 12, 31), lead_department_id=deps["VHXH"], sources=src("44-TB/TGV"))
    task(session, "E", phase="2", deadline=D(2025, 12, 31), started_on=D(2025, 11, 1), lead_department_id=deps["VHXH"],
         sources=src("02-KH/BCĐTW", "05-QĐ/BCĐTW", "44-TB/TGV"))
    task(session, "F", phase="2", recurrence=st.RECURRENCE_CONTINUOUS, started_on=D(2025, 1, 2))
    task(session, "G", phase="2", deadline=D(2025, 11, 1), lead_department_id=deps["TTPVHCC"])
    task(session, "H", phase="2", deadline=D(2025, 11, 10), done_on=D(2025, 11, 9), lead_department_id=deps["VP"])
    task(session, "I", deadline=D(2026, 3, 31), lead_department_id=deps["VP"])
    return stats.task_stats(session, AS_OF)


def counts(group_or_counts) -> dict:
    c = getattr(group_or_counts, "counts", group_or_counts)
    return {k: v for k, v in c.as_dict().items() if v} | {"assigned": c.assigned}


class TestGrouping:
    def test_total(self, mixed):
        assert mixed.as_of == AS_OF
        assert counts(mixed.total) == {
            "assigned": 9, "done": 3, "done_on_time": 2, "done_late": 1, "in_progress_on_time": 4, "overdue": 2,
            "not_started": 2, "on_track": 6}

    def test_by_phase(self, mixed):
        assert [(g.key, g.label) for g in mixed.by_phase] == [
            ("1", "Giai đoạn 1"), ("2", "Giai đoạn 2"), ("", "Chưa phân giai đoạn")]
        one, two, none = mixed.by_phase
        assert (one.counts.assigned, one.counts.done_on_time, one.counts.done_late, one.counts.overdue) == (3, 1, 1, 1)
        assert (two.counts.assigned, two.counts.done_on_time, two.counts.in_progress_on_time, two.counts.overdue,
                two.counts.not_started) == (5, 1, 3, 1, 1)
        assert (none.counts.assigned, none.counts.not_started) == (1, 1)

    def test_multi_source_tasks_count_under_each_source(self, mixed):
        by_source = {g.key: g for g in mixed.by_source}
        assert {k: g.counts.assigned for k, g in by_source.items()} == {
            "02-KH/BCĐTW": 3, "44-TB/TGV": 3, "05-QĐ/BCĐTW": 2, "": 4}
        assert sum(g.counts.assigned for g in mixed.by_source) > mixed.total.assigned
        assert by_source["02-KH/BCĐTW"].label == "02-KH/BCĐTW — Kế hoạch thúc đẩy chuyển đổi số"
        assert by_source["05-QĐ/BCĐTW"].label == "05-QĐ/BCĐTW"
        assert by_source[""].label == "Chưa rõ văn bản nguồn"
        assert [g.key for g in mixed.by_source][-1] == ""  # "no source" last, the rest by size
        assert by_source["44-TB/TGV"].counts.done_late == 1

    def test_by_department(self, mixed):
        by_department = {g.key: g for g in mixed.by_department}
        assert {k: g.counts.assigned for k, g in by_department.items()} == {"VP": 4, "VHXH": 3, "TTPVHCC": 1, "": 1}
        assert by_department["VHXH"].label == "Phòng Văn hóa - Xã hội"
        assert by_department[""].label == "Chưa giao bộ phận"
        assert by_department["TTPVHCC"].counts.overdue == 1
        assert mixed.by_department[-1].key == ""

    def test_invariants_hold_in_every_group(self, mixed):
        groups = [mixed.total, *(g.counts for g in mixed.by_phase + mixed.by_source + mixed.by_department)]
        for c in groups:
            assert c.assigned == c.done + c.in_progress_on_time + c.overdue
            assert c.done == c.done_on_time + c.done_late
            assert c.not_started <= c.in_progress_on_time
            assert c.on_track == c.done_on_time + c.in_progress_on_time
        assert sum(g.counts.assigned for g in mixed.by_phase) == mixed.total.assigned
        assert sum(g.counts.assigned for g in mixed.by_department) == mixed.total.assigned

    def test_as_json_keys(self, mixed):
        data = mixed.as_json()
        assert data["as_of"] == "2025-11-17"
        keys = {"assigned", "done", "done_on_time", "done_late", "in_progress_on_time", "overdue", "not_started"}
        assert keys <= set(data["total"])
        assert data["by_phase"][0]["phase"] == "1" and keys <= set(data["by_phase"][0])
        assert {"directive", "label"} <= set(data["by_source"][0])
        assert "department" in data["by_department"][0]

    def test_stats_follow_the_reference_date(self, session, mixed):
        before = stats.task_stats(session, D(2025, 9, 1))
        assert before.total.done == 0 and before.total.overdue == 0
        assert before.total.assigned == mixed.total.assigned


class TestSentences:
    def test_an_hai_phase_one_exactly(self, session):
        for i in range(16):
            task(session, f"Nhiệm vụ {i + 1}", phase="1", deadline=D(2025, 9, 30), done_on=D(2025, 9, 15))
        result = stats.task_stats(session, AS_OF)
        assert stats.phase_sentences(result, "Ủy ban nhân dân phường") == [
            "- Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ",
            "+ Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, "
            "số nhiệm vụ hoàn thành quá hạn 0.",
            "+ Số nhiệm vụ đang thực hiện đúng hạn 16, tỷ lệ 100%.",
            "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.",
        ]

    def test_decimal_shares_and_groups_without_phase(self, mixed):
        lines = stats.phase_sentences(mixed, "Ủy ban nhân dân xã")
        assert lines[0] == "- Giai đoạn 1: Ủy ban nhân dân xã được giao 3 nhiệm vụ"
        assert lines[1] == ("+ Số nhiệm vụ đã hoàn thành 2/3, tỷ lệ 66,7%, trong đó: số nhiệm vụ hoàn thành "
                            "đúng hạn 1, số nhiệm vụ hoàn thành quá hạn 1.")
        assert lines[2] == "+ Số nhiệm vụ đang thực hiện đúng hạn 1, tỷ lệ 33,3%."  # done on time + in progress
        assert lines[3] == "+ Số nhiệm vụ quá hạn chưa hoàn thành 1, tỷ lệ 33,3%."
        assert lines[4] == "- Giai đoạn 2: Ủy ban nhân dân xã được giao 5 nhiệm vụ"
        assert lines[8] == "- Chưa phân giai đoạn: Ủy ban nhân dân xã được giao 1 nhiệm vụ"
        assert len(lines) == 12

    def test_no_tasks(self, session):
        result = stats.task_stats(session, AS_OF)
        assert result.total.assigned == 0 and result.by_phase == []
        assert stats.phase_sentences(result) == []
        assert stats.group_sentences(result.total, "- Tổng") == [
            "- Tổng",
            "+ Số nhiệm vụ đã hoàn thành 0/0, tỷ lệ 0%, trong đó: số nhiệm vụ hoàn thành đúng hạn 0, "
            "số nhiệm vụ hoàn thành quá hạn 0.",
            "+ Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%.",
            "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.",
        ]

    def test_phases_sort_numerically(self, session):
        for phase in ("10", "2", "Đợt bổ sung", "1"):
            task(session, f"Nhiệm vụ {phase}", phase=phase)
        keys = [g.key for g in stats.task_stats(session, AS_OF).by_phase]
        assert keys == ["1", "2", "10", "Đợt bổ sung"]


class TestOverview:
    def test_overview_in_one_read(self, session, mixed):
        view = stats.overview(session, AS_OF, days=14)
        assert view.as_of == AS_OF
        assert view.stats.total == mixed.total
        assert [r.title for r in view.overdue] == ["C", "G"]  # by deadline
        assert [r.deadline for r in view.overdue] == sorted(r.deadline for r in view.overdue)
        assert view.unit_subject == "Ủy ban nhân dân phường"
        assert view.sentences == stats.phase_sentences(mixed, "Ủy ban nhân dân phường")

    def test_due_soon_window(self, session):
        task(session, "hôm nay", deadline=AS_OF)
        task(session, "14 ngày", deadline=AS_OF + timedelta(days=14))
        task(session, "15 ngày", deadline=AS_OF + timedelta(days=15))
        task(session, "xong rồi", deadline=AS_OF + timedelta(days=3), done_on=AS_OF)
        task(session, "hôm qua", deadline=AS_OF - timedelta(days=1))
        view = stats.overview(session, AS_OF, days=14)
        assert [r.title for r in view.due_soon] == ["hôm nay", "14 ngày"]
        assert [r.title for r in view.overdue] == ["hôm qua"]

    def test_subject_follows_the_office_kind(self, session):
        profile = office.get_office(session)
        office.save_office(session, office.OfficeProfile(**{**profile.__dict__, "kind": "commune"}))
        assert stats.overview(session, AS_OF).unit_subject == "Ủy ban nhân dân xã"

    def test_without_office(self, db):
        with db.read() as session:
            assert stats.overview(session, AS_OF).unit_subject == "Ủy ban nhân dân phường"
