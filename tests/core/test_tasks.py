"""Derived task status (desktop.core.status) and the task service (desktop.core.tasks)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core import office
from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.changes import TASKS
from desktop.core.directives import DirectiveRow, save_directive
from desktop.core.errors import NotFound, UserError, ValidationError
from desktop.models import Plan
from desktop.strings import tasks as T

D = date


def derive(history=(), deadline=None, recurrence="none", as_of=D(2025, 6, 15), completed_on=None, period_start=None):
    return st.derive_status(
        deadline=deadline,
        recurrence=recurrence,
        history=[st.HistoryPoint(on, status) for on, status in history],
        completed_on=completed_on,
        as_of=as_of,
        period_start=period_start,
    )


# ---------------------------------------------------------------------- derived status


class TestDeriveStatus:
    def test_deadline_today_not_done_is_still_on_time(self):
        assert derive(deadline=D(2025, 6, 15), as_of=D(2025, 6, 15)).status == st.NOT_STARTED
        started = derive([(D(2025, 6, 1), st.IN_PROGRESS)], deadline=D(2025, 6, 15), as_of=D(2025, 6, 15))
        assert started.status == st.IN_PROGRESS_ON_TIME
        assert started.started

    def test_the_day_after_the_deadline_is_overdue(self):
        assert derive(deadline=D(2025, 6, 14), as_of=D(2025, 6, 15)).status == st.OVERDUE

    def test_done_on_the_deadline_is_on_time(self):
        result = derive([(D(2025, 6, 10), st.DONE)], deadline=D(2025, 6, 10))
        assert result == st.Derived(st.DONE_ON_TIME, D(2025, 6, 10), True)

    def test_done_the_day_after_the_deadline_is_late(self):
        result = derive([(D(2025, 6, 11), st.DONE)], deadline=D(2025, 6, 10))
        assert result.status == st.DONE_LATE
        assert result.completed_on == D(2025, 6, 11)

    def test_done_without_deadline_is_on_time(self):
        assert derive([(D(2025, 6, 11), st.DONE)]).status == st.DONE_ON_TIME

    def test_as_of_before_the_completion_date_is_not_done(self):
        history = [(D(2025, 5, 1), st.IN_PROGRESS), (D(2025, 6, 20), st.DONE)]
        assert derive(history, deadline=D(2025, 6, 30), as_of=D(2025, 6, 15)).status == st.IN_PROGRESS_ON_TIME
        assert derive(history, deadline=D(2025, 6, 10), as_of=D(2025, 6, 15)).status == st.OVERDUE
        assert derive(history, deadline=D(2025, 6, 10), as_of=D(2025, 6, 20)).status == st.DONE_LATE

    def test_overdue_whether_or_not_started(self):
        never = derive(deadline=D(2025, 6, 1))
        started = derive([(D(2025, 5, 1), st.IN_PROGRESS)], deadline=D(2025, 6, 1))
        assert never.status == started.status == st.OVERDUE
        assert not never.started and started.started

    def test_history_after_as_of_is_ignored(self):
        history = [(D(2025, 7, 1), st.IN_PROGRESS), (D(2025, 7, 2), st.DONE)]
        result = derive(history, deadline=D(2025, 12, 31), as_of=D(2025, 6, 15))
        assert result == st.Derived(st.NOT_STARTED)

    def test_reopened_after_done_is_not_done(self):
        history = [(D(2025, 5, 1), st.DONE), (D(2025, 5, 10), st.IN_PROGRESS)]
        assert derive(history, deadline=D(2025, 5, 5), as_of=D(2025, 5, 20)).status == st.OVERDUE
        assert derive(history, deadline=D(2025, 6, 30), as_of=D(2025, 5, 20)).status == st.IN_PROGRESS_ON_TIME
        # ... and done again later: late against the deadline it missed
        again = [*history, (D(2025, 5, 25), st.DONE)]
        assert derive(again, deadline=D(2025, 5, 5), as_of=D(2025, 5, 30)).status == st.DONE_LATE

    def test_marked_not_started_again(self):
        history = [(D(2025, 5, 1), st.IN_PROGRESS), (D(2025, 5, 3), st.NOT_STARTED)]
        result = derive(history, deadline=D(2025, 12, 31))
        assert result.status == st.NOT_STARTED
        assert result.started  # work had begun once

    def test_imported_completion_date_without_history(self):
        assert derive(completed_on=D(2025, 6, 1), deadline=D(2025, 6, 1)).status == st.DONE_ON_TIME
        assert derive(completed_on=D(2025, 6, 2), deadline=D(2025, 6, 1)).status == st.DONE_LATE
        assert derive(completed_on=D(2025, 7, 1), deadline=D(2025, 6, 1)).status == st.OVERDUE  # not yet on as_of

    @pytest.mark.parametrize("recurrence", st.CYCLIC)
    def test_recurring_tasks_are_never_overdue(self, recurrence):
        far = D(2031, 1, 1)
        assert derive(recurrence=recurrence, as_of=far).status == st.NOT_STARTED
        assert derive([(D(2025, 1, 5), st.IN_PROGRESS)], recurrence=recurrence, as_of=far).status == st.IN_PROGRESS_ON_TIME

    @pytest.mark.parametrize("recurrence", [st.RECURRENCE_CONTINUOUS, st.RECURRENCE_YEARLY])
    def test_yearly_cycle(self, recurrence):
        history = [(D(2024, 3, 1), st.IN_PROGRESS), (D(2024, 12, 20), st.DONE)]
        assert derive(history, recurrence=recurrence, as_of=D(2024, 12, 31)).status == st.DONE_ON_TIME
        next_year = derive(history, recurrence=recurrence, as_of=D(2025, 1, 5))
        assert next_year.status == st.IN_PROGRESS_ON_TIME
        assert next_year.completed_on is None

    def test_quarterly_cycle(self):
        history = [(D(2025, 3, 31), st.DONE)]
        assert derive(history, recurrence=st.RECURRENCE_QUARTERLY, as_of=D(2025, 3, 31)).status == st.DONE_ON_TIME
        assert derive(history, recurrence=st.RECURRENCE_QUARTERLY, as_of=D(2025, 4, 1)).status == st.IN_PROGRESS_ON_TIME
        history.append((D(2025, 4, 2), st.DONE))
        assert derive(history, recurrence=st.RECURRENCE_QUARTERLY, as_of=D(2025, 6, 30)).status == st.DONE_ON_TIME

    def test_reporting_period_replaces_the_cycle(self):
        history = [(D(2025, 2, 1), st.DONE)]
        in_period = derive(history, recurrence=st.RECURRENCE_YEARLY, as_of=D(2025, 11, 17), period_start=D(2025, 1, 1))
        after = derive(history, recurrence=st.RECURRENCE_YEARLY, as_of=D(2025, 11, 17), period_start=D(2025, 7, 1))
        assert in_period.status == st.DONE_ON_TIME
        assert after.status == st.IN_PROGRESS_ON_TIME

    @pytest.mark.parametrize("recurrence", [st.RECURRENCE_PER_SOURCE, st.RECURRENCE_NONE])
    def test_without_deadline_never_overdue(self, recurrence):
        assert derive(recurrence=recurrence, as_of=D(2035, 1, 1)).status == st.NOT_STARTED
        done = derive([(D(2030, 1, 1), st.DONE)], recurrence=recurrence, as_of=D(2035, 1, 1))
        assert done.status == st.DONE_ON_TIME

    def test_open_and_done_helpers(self):
        assert all(st.is_open(s) for s in (st.NOT_STARTED, st.IN_PROGRESS_ON_TIME, st.OVERDUE))
        assert all(st.is_done(s) for s in (st.DONE_ON_TIME, st.DONE_LATE))
        assert not st.is_open(st.DONE_LATE) and not st.is_done(st.OVERDUE)


# ---------------------------------------------------------------------- service fixtures


@pytest.fixture
def session(office_db):
    with office_db.unit_of_work() as s:
        yield s


@pytest.fixture
def deps(session):
    return {d.abbreviation: d.id for d in office.list_departments(session)}


@pytest.fixture
def dirs(session):
    result = {}
    for number, kind, issued in (("02-KH/BCĐTW", "plan", D(2025, 6, 19)), ("44-TB/TGV", "notice", D(2025, 9, 12)),
                                 ("57-NQ/TW", "resolution", D(2024, 12, 22))):
        result[number], _ = save_directive(session, DirectiveRow(None, number, kind, issued, "Ban Chỉ đạo"))
    return result


def make(session, title="Nhiệm vụ", **fields):
    task_id, changes = core.create_task(session, core.TaskInput(title=title, **fields))
    assert changes.touches(TASKS)
    return task_id


# ---------------------------------------------------------------------- create / validate


class TestValidation:
    def problems(self, session, **fields):
        fields.setdefault("title", "Nhiệm vụ")
        with pytest.raises(ValidationError) as caught:
            core.create_task(session, core.TaskInput(**fields))
        return caught.value.problems

    def test_title_required(self, session):
        assert self.problems(session, title="   \u200b ") == {"title": "Chưa nhập tên nhiệm vụ."}

    def test_title_too_long(self, session):
        message = self.problems(session, title="x" * 2001)["title"]
        assert message == "Tên nhiệm vụ dài 2001 ký tự, vượt quá giới hạn 2000 ký tự."

    def test_deadline_and_recurrence_conflict(self, session):
        problems = self.problems(session, deadline=D(2025, 12, 31), recurrence=st.RECURRENCE_CONTINUOUS)
        assert problems == {"deadline": T.DEADLINE_AND_RECURRENCE}

    def test_deadline_out_of_range(self, session):
        assert self.problems(session, deadline=D(1925, 1, 1))["deadline"] == T.DEADLINE_OUT_OF_RANGE.format(
            value="01/01/1925")

    def test_unknown_recurrence(self, session):
        assert self.problems(session, recurrence="weekly")["recurrence"] == "Tính chất thời hạn «weekly» không hợp lệ."

    def test_unknown_departments(self, session):
        problems = self.problems(session, lead_department_id=9999, coordinator_ids=(9998,))
        assert problems == {"lead_department_id": T.DEPARTMENT_NOT_FOUND, "coordinator_ids": T.DEPARTMENT_NOT_FOUND}

    def test_unknown_and_duplicate_sources(self, session, dirs):
        assert self.problems(session, sources=(core.SourceRef(9999),)) == {"sources": T.DIRECTIVE_NOT_FOUND}
        twice = (core.SourceRef(dirs["44-TB/TGV"], "mục 1"), core.SourceRef(dirs["44-TB/TGV"], "mục 2"))
        assert self.problems(session, sources=twice) == {"sources": "Văn bản nguồn 44-TB/TGV được chọn hai lần."}

    def test_several_problems_at_once(self, session):
        problems = self.problems(session, title="", phase="x" * 41, deadline=D(2025, 1, 1), recurrence="yearly")
        assert set(problems) == {"title", "phase", "deadline"}


class TestCreateUpdate:
    def test_round_trip(self, session, deps, dirs):
        task_id = make(
            session, " Chuyển   đổi số\u200b ", details="Chi tiết\r\ndòng 2", lead_department_id=deps["VHXH"],
            coordinator_ids=(deps["VP"], deps["CA"] if "CA" in deps else deps["TTPVHCC"], deps["VP"]),
            expected_output="Báo cáo", deadline=D(2025, 12, 31), phase="2",
            sources=(core.SourceRef(dirs["02-KH/BCĐTW"], " mục  2.1 "), core.SourceRef(dirs["44-TB/TGV"])),
        )
        detail = core.get_task(session, task_id, D(2025, 6, 1))
        assert detail.data.title == "Chuyển đổi số"
        assert detail.data.details == "Chi tiết\ndòng 2"
        assert detail.data.coordinator_ids == (deps["VP"], deps["TTPVHCC"])  # duplicates dropped, order kept
        assert [(s.label, s.item_ref) for s in detail.data.sources] == [("02-KH/BCĐTW", "mục 2.1"), ("44-TB/TGV", "")]
        assert detail.status == st.NOT_STARTED
        row = core.list_tasks(session, D(2025, 6, 1))[0]
        assert (row.lead, row.lead_name, row.sources, row.deadline_text) == (
            "VHXH", "Phòng Văn hóa - Xã hội", ("02-KH/BCĐTW", "44-TB/TGV"), "31/12/2025")

        data = detail.data
        core.update_task(session, task_id, core.TaskInput(
            title=data.title, recurrence=st.RECURRENCE_YEARLY, sources=(core.SourceRef(dirs["57-NQ/TW"], "mục III"),)))
        row = core.list_tasks(session, D(2025, 6, 1))[0]
        assert (row.deadline, row.deadline_text, row.sources, row.lead) == (None, "Hằng năm", ("57-NQ/TW",), "")

    def test_update_and_delete_missing_task(self, session):
        with pytest.raises(NotFound):
            core.update_task(session, 424242, core.TaskInput(title="x"))
        with pytest.raises(NotFound):
            core.delete_task(session, 424242)
        with pytest.raises(NotFound) as caught:
            core.get_task(session, 424242)
        assert str(caught.value) == T.TASK_NOT_FOUND

    def test_delete_removes_history_and_evidence(self, session):
        task_id = make(session)
        core.record_status(session, task_id, st.IN_PROGRESS, D(2025, 1, 1))
        core.add_evidence_citation(session, task_id, "Kế hoạch số 53/KH-UBND ngày 17/9/2025")
        core.delete_task(session, task_id)
        assert core.list_tasks(session) == []

    def test_plan_position_and_choices(self, session):
        plan = Plan(summary="Kế hoạch chuyển đổi số năm 2025", number_symbol="53/KH-UBND", issued_on=D(2025, 9, 17))
        unnamed = Plan(summary="")
        session.add_all([plan, unnamed])
        session.flush()
        first, second = make(session, "A", plan_id=plan.id), make(session, "B", plan_id=plan.id)
        positions = [core.get_task(session, i).data.position for i in (first, second)]
        assert positions == [1, 2]
        choices = dict(core.plan_choices(session))
        assert choices[plan.id] == "KH 53/KH-UBND — Kế hoạch chuyển đổi số năm 2025"
        assert choices[unnamed.id] == T.PLAN_UNNAMED.format(id=unnamed.id)


# ---------------------------------------------------------------------- status updates


class TestRecordStatus:
    def test_history_and_completion_date(self, session):
        task_id = make(session, deadline=D(2025, 6, 30))
        core.record_status(session, task_id, st.IN_PROGRESS, D(2025, 6, 1), "Đã giao", today=D(2025, 7, 10))
        core.record_status(session, task_id, st.DONE, D(2025, 7, 2), "Xong", today=D(2025, 7, 10))
        detail = core.get_task(session, task_id, D(2025, 7, 10))
        assert [(h.status, h.note, h.recorded_by) for h in detail.history] == [
            (st.IN_PROGRESS, "Đã giao", "kiểm thử"), (st.DONE, "Xong", "kiểm thử")]
        assert detail.completed_on == D(2025, 7, 2)
        assert detail.status == st.DONE_LATE

        core.delete_status_entry(session, detail.history[-1].id)
        detail = core.get_task(session, task_id, D(2025, 7, 10))
        assert detail.completed_on is None
        assert detail.status == st.OVERDUE

    def test_future_date_refused(self, session):
        task_id = make(session)
        with pytest.raises(ValidationError) as caught:
            core.record_status(session, task_id, st.DONE, D(2025, 6, 2), today=D(2025, 6, 1))
        assert caught.value.problems == {"on_date": T.STATUS_DATE_IN_FUTURE.format(value="02/06/2025")}
        core.record_status(session, task_id, st.DONE, D(2025, 6, 1), today=D(2025, 6, 1))  # today is fine

    def test_unknown_status_and_missing_date(self, session):
        task_id = make(session)
        with pytest.raises(ValidationError) as caught:
            core.record_status(session, task_id, "finished", None)
        assert caught.value.problems == {"status": "Trạng thái «finished» không hợp lệ.",
                                          "on_date": "Chưa nhập ngày cập nhật."}

    def test_missing_task_or_entry(self, session):
        with pytest.raises(NotFound):
            core.record_status(session, 424242, st.DONE, D(2025, 1, 1))
        with pytest.raises(NotFound):
            core.delete_status_entry(session, 424242)


# ---------------------------------------------------------------------- evidence


class TestEvidence:
    def test_identical_files_stored_once(self, session, office_folder, tmp_path):
        task_id = make(session)
        first, second = tmp_path / "bao cao.pdf", tmp_path / "Báo cáo (bản sao).PDF"
        first.write_bytes(b"%PDF-1.4 minh chung")
        second.write_bytes(b"%PDF-1.4 minh chung")
        core.add_evidence_file(session, office_folder, task_id, first)
        core.add_evidence_file(session, office_folder, task_id, second, note="bản sao")
        evidence = core.get_task(session, task_id).evidence
        assert [e.file_name for e in evidence] == ["bao cao.pdf", "Báo cáo (bản sao).PDF"]
        assert evidence[0].file_sha256 == evidence[1].file_sha256
        assert evidence[0].file_size == len(b"%PDF-1.4 minh chung")
        stored = [p for p in office_folder.attachments.rglob("*") if p.is_file()]
        assert len(stored) == 1
        assert stored[0].name == f"{evidence[0].file_sha256}.pdf"
        assert stored[0].parent.name == evidence[0].file_sha256[:2]
        assert core.evidence_file(office_folder, evidence[1]) == stored[0]

    def test_sanitised_names(self, session, office_folder, tmp_path):
        task_id = make(session)
        source = tmp_path / "CON.txt"
        source.write_bytes(b"x")
        core.add_evidence_file(session, office_folder, task_id, source)
        assert core.get_task(session, task_id).evidence[0].file_name == "_CON.txt"

    @pytest.mark.parametrize("name, expected", [
        ("..\\thu muc/CON.txt", "_CON.txt"),
        ("CON", "_CON"),
        ("nul.tar.gz", "_nul.tar.gz"),
        ("CONTRACT.pdf", "CONTRACT.pdf"),
        ('a<b>:c?"d|e*.pdf', "a_b_c_d_e_.pdf"),
        ("  Báo cáo  tháng 11.docx . ", "Báo cáo tháng 11.docx"),
        ("Ke hoach\t57.pdf", "Ke hoach 57.pdf"),
        ("...", "tep"),
    ])
    def test_sanitize_file_name(self, name, expected):
        assert core.sanitize_file_name(name) == expected

    def test_long_names_keep_their_extension(self):
        name = core.sanitize_file_name("x" * 300 + ".pdf")
        assert len(name) == 180 and name.endswith(".pdf")

    def test_missing_attachment_message(self, session, office_folder, tmp_path):
        task_id = make(session)
        source = tmp_path / "quyết định.pdf"
        source.write_bytes(b"noi dung")
        core.add_evidence_file(session, office_folder, task_id, source)
        evidence = core.get_task(session, task_id).evidence[0]
        core.evidence_file(office_folder, evidence).unlink()
        with pytest.raises(UserError) as caught:
            core.evidence_file(office_folder, evidence)
        assert str(caught.value) == (
            "Tệp minh chứng «quyết định.pdf» không còn trong thư mục dữ liệu (attachments). Hãy đính kèm lại.")

    def test_bad_source_files(self, session, office_folder, tmp_path):
        task_id = make(session)
        with pytest.raises(UserError) as missing:
            core.add_evidence_file(session, office_folder, task_id, tmp_path / "khong-co.pdf")
        assert str(missing.value) == T.EVIDENCE_FILE_MISSING.format(value="khong-co.pdf")
        empty = tmp_path / "rong.pdf"
        empty.write_bytes(b"")
        with pytest.raises(UserError) as caught:
            core.add_evidence_file(session, office_folder, task_id, empty)
        assert str(caught.value) == T.EVIDENCE_FILE_EMPTY.format(value="rong.pdf")

    def test_citations(self, session, dirs):
        task_id = make(session)
        core.add_evidence_citation(session, task_id, " Kế hoạch số 53/KH-UBND ngày 17/9/2025 ", note="bản chính",
                                   directive_id=dirs["02-KH/BCĐTW"])
        with pytest.raises(UserError) as caught:
            core.add_evidence_citation(session, task_id, "  ")
        assert str(caught.value) == T.EVIDENCE_CITATION_REQUIRED
        evidence = core.get_task(session, task_id).evidence
        assert [(e.kind, e.citation, e.note) for e in evidence] == [
            ("document", "Kế hoạch số 53/KH-UBND ngày 17/9/2025", "bản chính")]
        core.remove_evidence(session, evidence[0].id)
        assert core.get_task(session, task_id).evidence == ()


# ---------------------------------------------------------------------- list, filter, search


@pytest.fixture
def listed(session, deps, dirs):
    """Six tasks in every state on 15/06/2025."""
    plan = Plan(summary="Kế hoạch CĐS", number_symbol="53/KH-UBND")
    session.add(plan)
    session.flush()
    ids = {
        "overdue": make(session, "Triển khai chuyển đổi số trong cơ quan", deadline=D(2025, 6, 1), phase="1",
                        lead_department_id=deps["VP"], sources=(core.SourceRef(dirs["02-KH/BCĐTW"]),)),
        "due": make(session, "Đăng ký tài khoản định danh điện tử", deadline=D(2025, 6, 20), phase="1",
                    lead_department_id=deps["VHXH"], sources=(core.SourceRef(dirs["44-TB/TGV"]),), plan_id=plan.id),
        "done": make(session, "Báo cáo sơ kết", deadline=D(2025, 5, 31), phase="2", lead_department_id=deps["VHXH"],
                     sources=(core.SourceRef(dirs["02-KH/BCĐTW"]), core.SourceRef(dirs["44-TB/TGV"]))),
        "late": make(session, "Số hóa hồ sơ", deadline=D(2025, 5, 1), phase="2", lead_department_id=deps["TTPVHCC"],
                     expected_output="Kho dữ liệu điện tử"),
        "continuous": make(session, "Tuyên truyền thường xuyên", recurrence=st.RECURRENCE_CONTINUOUS, phase="2",
                           coordinator_ids=(deps["KTHTĐT"],)),
        "later": make(session, "Rà soát hạ tầng mạng", deadline=D(2025, 7, 10)),
    }
    core.record_status(session, ids["overdue"], st.IN_PROGRESS, D(2025, 5, 1), today=D(2025, 6, 15))
    core.record_status(session, ids["done"], st.DONE, D(2025, 5, 30), today=D(2025, 6, 15))
    core.record_status(session, ids["late"], st.DONE, D(2025, 5, 3), today=D(2025, 6, 15))
    core.record_status(session, ids["continuous"], st.IN_PROGRESS, D(2025, 2, 1), today=D(2025, 6, 15))
    rows = core.list_tasks(session, D(2025, 6, 15))
    return ids, rows, plan.id


def found(rows, ids, **criteria):
    names = {v: k for k, v in ids.items()}
    return sorted(names[r.id] for r in core.filter_tasks(rows, core.TaskFilter(**criteria)))


class TestListAndFilter:
    def test_statuses_in_list(self, listed):
        ids, rows, _plan = listed
        status = {r.id: r.status for r in rows}
        assert status[ids["overdue"]] == st.OVERDUE
        assert status[ids["due"]] == st.NOT_STARTED
        assert status[ids["done"]] == st.DONE_ON_TIME
        assert status[ids["late"]] == st.DONE_LATE
        assert status[ids["continuous"]] == st.IN_PROGRESS_ON_TIME
        assert [r.id for r in rows][-1] != ids["due"]  # tasks in a plan come first (appendix order)
        assert rows[0].id == ids["due"] and rows[0].plan_label == "KH 53/KH-UBND"

    def test_no_criteria_keeps_everything(self, listed):
        ids, rows, _plan = listed
        assert found(rows, ids) == sorted(ids)

    def test_by_status(self, listed):
        ids, rows, _plan = listed
        assert found(rows, ids, statuses=frozenset({st.OVERDUE})) == ["overdue"]
        assert found(rows, ids, statuses=frozenset({st.DONE_ON_TIME, st.DONE_LATE})) == ["done", "late"]
        # "in progress on time" includes tasks not started within their deadline, as in the statistics
        assert found(rows, ids, statuses=frozenset({st.IN_PROGRESS_ON_TIME})) == ["continuous", "due", "later"]
        assert found(rows, ids, statuses=frozenset({st.NOT_STARTED})) == ["due", "later"]

    def test_by_department_phase_source_plan(self, listed, deps, dirs):
        ids, rows, plan_id = listed
        assert found(rows, ids, department_id=deps["VHXH"]) == ["done", "due"]
        assert found(rows, ids, phase="1") == ["due", "overdue"]
        assert found(rows, ids, phase="") == ["later"]
        assert found(rows, ids, directive_id=dirs["44-TB/TGV"]) == ["done", "due"]
        assert found(rows, ids, plan_id=plan_id) == ["due"]
        assert found(rows, ids, department_id=deps["VHXH"], phase="2") == ["done"]

    def test_by_deadline(self, listed):
        ids, rows, _plan = listed
        assert found(rows, ids, deadline_from=D(2025, 6, 1)) == ["due", "later", "overdue"]
        assert found(rows, ids, deadline_to=D(2025, 6, 1)) == ["done", "late", "overdue"]
        assert found(rows, ids, deadline_from=D(2025, 6, 2), deadline_to=D(2025, 6, 20)) == ["due"]
        assert found(rows, ids, open_only=True) == ["continuous", "due", "later", "overdue"]

    def test_deadline_windows(self, listed):
        ids, rows, _plan = listed
        as_of = D(2025, 6, 15)

        def window(choice):
            start, end, open_only = core.deadline_window(choice, as_of)
            return found(rows, ids, deadline_from=start, deadline_to=end, open_only=open_only)

        assert window(core.WINDOW_OVERDUE) == ["overdue"]
        assert window(core.WINDOW_NEXT_7) == ["due"]
        assert window(core.WINDOW_NEXT_14) == ["due"]
        assert window(core.WINDOW_THIS_MONTH) == ["due", "overdue"]
        assert core.deadline_window(core.WINDOW_NEXT_14, as_of) == (as_of, D(2025, 6, 29), False)
        assert core.deadline_window(core.WINDOW_THIS_MONTH, D(2024, 2, 10)) == (D(2024, 2, 1), D(2024, 2, 29), False)
        assert core.deadline_window(core.WINDOW_THIS_MONTH, D(2025, 12, 31)) == (D(2025, 12, 1), D(2025, 12, 31), False)
        assert core.deadline_window(core.WINDOW_OVERDUE, as_of) == (None, D(2025, 6, 14), True)
        with pytest.raises(ValueError):
            core.deadline_window("someday", as_of)

    def test_accent_insensitive_search(self, listed):
        ids, rows, _plan = listed
        assert found(rows, ids, text="chuyen doi so") == ["overdue"]
        assert found(rows, ids, text="CHUYỂN ĐỔI") == ["overdue"]
        assert found(rows, ids, text="dang ky") == ["due"]  # "d" matches "đ"
        assert found(rows, ids, text="đinh danh") == ["due"]  # wrong accent still matches
        assert found(rows, ids, text="so   hoa  kho") == ["late"]
        assert found(rows, ids, text="so hoa") == ["done", "late"]  # each word anywhere: "sơ kết", "Văn hóa"
        assert found(rows, ids, text="kho du lieu") == ["late"]  # expected output is searched
        assert found(rows, ids, text="ttpvhcc") == ["late"]  # lead abbreviation
        assert found(rows, ids, text="kthtđt") == ["continuous"]  # coordinators
        assert found(rows, ids, text="44-tb") == ["done", "due"]  # sources
        assert found(rows, ids, text="van hoa") == ["done", "due"]  # lead's full name
        assert found(rows, ids, text="chuyen xyz") == []
        assert core.search_tasks(rows, "so hoa kho") == [r for r in rows if r.id == ids["late"]]

    def test_due_soon_and_overdue(self, listed):
        ids, rows, _plan = listed
        as_of = D(2025, 6, 15)
        assert [r.id for r in core.due_soon(rows, as_of, 14)] == [ids["due"]]
        assert [r.id for r in core.due_soon(rows, as_of, 30)] == [ids["due"], ids["later"]]
        assert [r.id for r in core.overdue(rows)] == [ids["overdue"]]

    def test_phases(self, listed, session):
        assert core.phases(session) == ["1", "2"]


def test_deadline_text():
    assert core.deadline_text(D(2025, 3, 5), "none", "") == "05/03/2025"
    assert core.deadline_text(None, st.RECURRENCE_QUARTERLY, "") == "Hằng quý"
    assert core.deadline_text(None, "none", "Tháng 12/2025") == "Tháng 12/2025"
    assert core.deadline_text(None, "none", "") == ""


def test_today_is_the_default_reference_date(session):
    task_id = make(session, deadline=date.today() - timedelta(days=1))
    assert core.list_tasks(session)[0].status == st.OVERDUE
    assert core.get_task(session, task_id).status == st.OVERDUE
