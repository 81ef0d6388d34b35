"""Consolidation at the upper level, on hand-made received packages and values: submissions and
deadlines, indicator totals (sums; ratios recomputed from summed inputs, never averaged), task
completion by unit and ranking, drill-down, and the consolidated report's blocks and fields.

The state is built directly (Unit + ReceivedPackage rows with a hand-written data.json, and
IndicatorValue rows per unit and period), as the importer leaves it."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from desktop.core import blocks, compose, outlines, periods, reports
from desktop.core import consolidate as cons
from desktop.core import indicators as ind
from desktop.core.errors import NotFound, ValidationError
from desktop.core.tasks import attachment_path
from desktop.models import Indicator, IndicatorValue, ReceivedPackage, Setting, Unit
from desktop.models.base import new_uid

PERIOD = periods.parse("2025-Q3")  # data window 15/06/2025–14/09/2025 (a Sunday)
DEADLINE = date(2025, 9, 16)  # two working days later
END = PERIOD.window[1]


# ----------------------------------------------------------------------------- building the state


def add_unit(session, code: str, name: str, *, is_self: bool = False) -> Unit:
    unit = Unit(code=code, short_name=name, name_lines=f"ỦY BAN NHÂN DÂN\n{name.upper()}", kind="ward",
                is_self=is_self)
    session.add(unit)
    session.flush()
    return unit


def task(uid: str, *, deadline: str | None = None, history=(), recurrence: str = "none",
         completed_on: str | None = None, status: str = "done_on_time", lead: str = "d-vp") -> dict:
    """One data.json task; `history` is [(on_date, status, note)]. The carried `status` is the
    sender's own and must not be trusted."""
    return {
        "uid": uid, "title": f"Nhiệm vụ {uid}", "details": "", "plan_uid": None, "lead_department_uid": lead,
        "lead_note": "", "coordinator_uids": [], "coordination_note": "", "expected_output": "",
        "deadline": deadline, "recurrence": recurrence, "deadline_note": "", "phase": "1",
        "completed_on": completed_on, "sources": [],
        "history": [{"on_date": d, "status": s, "note": n, "recorded_by": ""} for d, s, n in history],
        "evidence": [], "status": status,
    }


def data_json(unit: Unit, tasks=(), report=None) -> dict:
    return {
        "schema_version": 1,
        "unit": {"code": unit.code, "name": unit.short_name, "name_lines": unit.name_lines.split("\n"),
                 "kind": unit.kind},
        "period": {"code": PERIOD.code, "start": PERIOD.window[0].isoformat(), "end": END.isoformat(),
                   "name": PERIOD.name},
        "as_of": END.isoformat(),
        "departments": [{"uid": "d-vp", "name": "Văn phòng HĐND và UBND", "abbreviation": "VP"}],
        "directives": [], "plans": [], "tasks": list(tasks), "indicators": [], "values": [],
        "report": report,
    }


def add_package(session, unit: Unit, created: datetime, *, tasks=(), report=None, period: str = PERIOD.code,
                current: bool = True, pdf_sha256: str = "", pdf_name: str = "") -> ReceivedPackage:
    package = ReceivedPackage(
        package_uid=new_uid(), unit_id=unit.id, period_code=period, content="report", created_at_source=created,
        received_at=datetime(2025, 9, 20, 8, 0), received_by="kiểm thử", app_version="0.1.0", schema_version=1,
        file_name=f"{unit.code}-{period}.nq57", file_sha256="0" * 64, manifest="{}",
        data=json.dumps(data_json(unit, tasks, report), ensure_ascii=False), pdf_sha256=pdf_sha256,
        pdf_name=pdf_name, current=current)
    session.add(package)
    session.flush()
    return package


def set_values(session, unit: Unit, values: dict[str, str], period: str = PERIOD.code) -> None:
    ind.ensure_catalogues(session)
    ids = dict(session.execute(select(Indicator.code, Indicator.id)).all())
    for code, text in values.items():
        session.add(IndicatorValue(indicator_id=ids[code], unit_id=unit.id, period_code=period, value_text=text))
    session.flush()


ON_TIME = datetime(2025, 9, 16, 17, 30)  # on the deadline day: on time
LATE = datetime(2025, 9, 17, 7, 45)


@pytest.fixture
def two_units(db):
    """A: 11962 dossiers, 9765 online (81,6%); B: 1000 dossiers, 100 online (10%)."""
    with db.unit_of_work() as session:
        a = add_unit(session, "31234", "Phường An Hải")
        b = add_unit(session, "31240", "Phường Lê Chân")
        add_package(session, a, ON_TIME)
        add_package(session, b, LATE)
        set_values(session, a, {"OPS.DOSSIER.RECEIVED": "11962", "OPS.DOSSIER.ONLINE": "9765",
                                "OPS.DOSSIER.FEES": "820000000"})
        set_values(session, b, {"OPS.DOSSIER.RECEIVED": "1000", "OPS.DOSSIER.ONLINE": "100",
                                "OPS.DOSSIER.FEES": "1500000"})
    return db


def run(db, period=PERIOD, today=date(2025, 11, 30)) -> cons.Consolidation:
    with db.read() as session:
        return cons.consolidate(session, period, today=today)


# ----------------------------------------------------------------------------- indicators


def test_counts_are_summed_and_the_rate_is_recomputed_from_the_sums(two_units):
    result = run(two_units)
    received, online = result.total("OPS.DOSSIER.RECEIVED"), result.total("OPS.DOSSIER.ONLINE")
    assert (received.value, received.text, received.method, received.units_reporting) == (
        Decimal(12962), "12.962", "sum", 2)
    assert (online.value, online.text) == (Decimal(9865), "9.865")
    rate = result.total("OPS.DOSSIER.ONLINE_RATE")
    # (9765 + 100) / (11962 + 1000) * 100 = 76,1 — not the average of 81,6 and 10 (45,8)
    assert rate.value == Decimal("76.1") and rate.text == "76,1" and rate.method == "formula"
    assert rate.units_reporting == 2
    assert "tính trên 2 đơn vị có đủ số liệu" in rate.note and "không lấy trung bình" in rate.note
    # the NQ71 indicator computed by the same formula agrees
    assert result.total("NQ71.I.01").value == Decimal("76.1")
    fees = result.total("OPS.DOSSIER.FEES")
    assert (fees.value, fees.text, fees.method) == (Decimal(821500000), "821.500.000", "sum")
    nothing = result.total("OPS.PETITION.RECEIVED")
    assert nothing.value is None and nothing.units_reporting == 0 and "Chưa có đơn vị nào" in nothing.note


def test_a_unit_without_one_input_is_left_out_of_numerator_and_denominator(two_units):
    with two_units.unit_of_work() as session:
        c = add_unit(session, "31250", "Xã Cát Hải")
        add_package(session, c, ON_TIME)
        set_values(session, c, {"OPS.DOSSIER.RECEIVED": "500"})  # no online figure
    result = run(two_units)
    assert result.total("OPS.DOSSIER.RECEIVED").value == Decimal(13462)  # the count itself: all three
    online = result.total("OPS.DOSSIER.ONLINE")
    assert online.value == Decimal(9865) and online.units_reporting == 2 and "2/3" in online.note
    rate = result.total("OPS.DOSSIER.ONLINE_RATE")
    assert rate.value == Decimal("76.1")  # 9865/12962, C left out of both sums (9865/13462 would be 73,3)
    assert rate.units_reporting == 2 and "tính trên 2 đơn vị có đủ số liệu" in rate.note


def test_nested_formulas_and_division_by_zero(db):
    with db.unit_of_work() as session:
        ind.ensure_catalogues(session)
        ind.save_indicator(session, ind.IndicatorInput(
            code="TEST.OFFLINE_RATE", name="Tỷ lệ hồ sơ không trực tuyến", group_code="OPS.DOSSIER", unit="%",
            kind="percent", decimals=1, formula="100 - OPS.DOSSIER.ONLINE_RATE"))
        a = add_unit(session, "1", "Phường Một")
        b = add_unit(session, "2", "Phường Hai")
        add_package(session, a, ON_TIME)
        add_package(session, b, ON_TIME)
        set_values(session, a, {"OPS.DOSSIER.RECEIVED": "11962", "OPS.DOSSIER.ONLINE": "9765",
                                "OPS.PETITION.RECEIVED": "0", "OPS.PETITION.RESOLVED": "0"})
        set_values(session, b, {"OPS.DOSSIER.RECEIVED": "1000", "OPS.DOSSIER.ONLINE": "100",
                                "OPS.PETITION.RECEIVED": "0", "OPS.PETITION.RESOLVED": "0"})
    result = run(db)
    nested = result.total("TEST.OFFLINE_RATE")
    assert nested.value == Decimal("23.9") and nested.method == "formula"
    assert "OPS.DOSSIER.ONLINE, OPS.DOSSIER.RECEIVED" in nested.note
    zero = result.total("OPS.PETITION.RESOLVED_RATE")
    assert zero.value is None and zero.units_reporting == 2 and "chia cho 0" in zero.note.casefold()


def test_typed_percentages_are_not_summed_nor_averaged(two_units):
    with two_units.unit_of_work() as session:
        a, b = session.scalars(select(Unit).order_by(Unit.code)).all()
        set_values(session, a, {"NQ71.I.03": "90"})
        set_values(session, b, {"NQ71.I.03": "50.5"})
    total = run(two_units).total("NQ71.I.03")
    assert total.method == "none" and total.value is None and total.text == ""
    assert total.units_reporting == 2
    assert "không cộng và không lấy trung bình" in total.note
    assert "thấp nhất 50,5%" in total.note and "cao nhất 90%" in total.note


def test_yes_no_and_text_indicators_count_the_units(db):
    with db.unit_of_work() as session:
        ind.ensure_catalogues(session)
        for code, kind in (("TEST.APP", "bool"), ("TEST.NOTE", "text")):
            ind.save_indicator(session, ind.IndicatorInput(code=code, name=f"Chỉ tiêu {kind}", group_code="OPS.INFRA",
                                                           kind=kind))
        units = [add_unit(session, str(i), f"Phường {i}") for i in range(1, 5)]
        for unit in units:
            add_package(session, unit, ON_TIME)
        set_values(session, units[0], {"TEST.APP": "1", "TEST.NOTE": "Đã lắp camera"})
        set_values(session, units[1], {"TEST.APP": "0"})
        set_values(session, units[2], {"TEST.APP": "1", "TEST.NOTE": "Chưa có"})
    result = run(db)
    app = result.total("TEST.APP")
    assert (app.value, app.text, app.units_reporting, app.method) == (Decimal(2), "2/3 đơn vị «Có»", 3, "sum")
    note = result.total("TEST.NOTE")
    assert (note.value, note.text, note.units_reporting, note.method) == (None, "2 đơn vị có nội dung", 2, "none")


def test_only_current_packages_of_the_period_count(two_units):
    with two_units.unit_of_work() as session:
        me = add_unit(session, "99999", "Thành phố", is_self=True)
        set_values(session, me, {"OPS.DOSSIER.RECEIVED": "5"})  # the office's own figures: not a unit below
        other = add_unit(session, "31260", "Phường Hải An")
        add_package(session, other, ON_TIME, period="2025-Q2")  # sent for another period
        set_values(session, other, {"OPS.DOSSIER.RECEIVED": "700"})
        a = session.scalars(select(Unit).where(Unit.code == "31234")).one()
        add_package(session, a, datetime(2025, 9, 10), current=False,
                     tasks=[task("old", deadline="2025-07-01")])  # an older version, replaced
    result = run(two_units)
    assert result.total("OPS.DOSSIER.RECEIVED").value == Decimal(12962)
    assert {u.code for u in result.units} == {"31234", "31240"}
    assert result.totals.assigned == 0  # the replaced version's task is not counted
    a_row = next(s for s in result.submissions if s.code == "31234")
    assert a_row.versions == 2 and a_row.status == "on_time"
    # the unit that sent for another period only is expected (it sent once) and missing here
    missing = next(s for s in result.submissions if s.code == "31260")
    assert missing.status == "missing" and missing.package_id is None


# ----------------------------------------------------------------------------- tasks by unit


def test_task_statuses_are_derived_again_at_the_period_end_and_units_ranked(db):
    with db.unit_of_work() as session:
        a = add_unit(session, "A1", "Phường An Hải")
        b = add_unit(session, "B1", "Phường Lê Chân")
        c = add_unit(session, "C1", "Xã Cát Hải")
        d = add_unit(session, "D1", "Phường Hồng Bàng")
        add_package(session, a, ON_TIME, tasks=[
            task("a1", deadline="2025-08-31", history=[("2025-07-02", "in_progress", ""), ("2025-08-20", "done", "")]),
            task("a2", deadline="2025-08-01", history=[("2025-08-15", "done", "xong muộn")]),
            task("a3", deadline="2025-09-01", history=[("2025-07-10", "in_progress", "")]),
            # done after the period end: as of 14/09 it was overdue (the carried "done" status is ignored)
            task("a4", deadline="2025-09-10", history=[("2025-09-20", "done", "")], status="done_late"),
            task("a5", deadline="2025-12-31"),  # not started, still within its deadline
            task("a6", recurrence="continuous", history=[("2025-07-05", "done", "")]),  # done in this cycle
        ])
        add_package(session, b, ON_TIME, tasks=[
            task("b1", deadline="2025-09-30", history=[("2025-07-01", "done", "")]),
            task("b2", history=[("2025-09-01", "done", "")]),
        ])
        add_package(session, c, LATE, tasks=[
            task("c1", deadline="2025-09-30", history=[("2025-07-01", "done", "")]),
            task("c2", completed_on="2025-08-01"),  # imported without history
        ])
        add_package(session, d, ON_TIME)  # sent no task at all
    result = run(db)
    by_code = {u.code: u for u in result.units}
    counts = by_code["A1"].counts
    assert (counts.assigned, counts.done, counts.done_on_time, counts.done_late, counts.overdue,
            counts.in_progress_on_time, counts.not_started) == (6, 3, 2, 1, 2, 1, 1)
    assert by_code["A1"].rate == Decimal("50.0")
    # B and C: 2/2 done — same rate and same number done: they share rank 1; A is third; D last
    assert [(u.code, u.rank) for u in result.units] == [("B1", 1), ("C1", 1), ("A1", 3), ("D1", 4)]
    assert by_code["B1"].rate == Decimal("100.0") and by_code["D1"].rate is None
    totals = result.totals
    assert (totals.assigned, totals.done, totals.overdue) == (10, 7, 2)
    assert result.total_rate == Decimal("70.0")
    assert result.as_of == END


def test_ranking_prefers_more_tasks_done_at_the_same_rate():
    def counts(done: int, assigned: int):
        from desktop.core.stats import Counts

        return Counts(assigned=assigned, done=done, done_on_time=done)

    ranked = cons.rank_units([(1, "1", "Một", counts(1, 2), None), (2, "2", "Hai", counts(5, 10), None),
                              (3, "3", "Ba", counts(9, 10), None), (4, "4", "Bốn", counts(1, 2), None)])
    assert [(u.name, u.rank, u.rate) for u in ranked] == [
        ("Ba", 1, Decimal("90.0")), ("Hai", 2, Decimal("50.0")), ("Bốn", 3, Decimal("50.0")),
        ("Một", 3, Decimal("50.0"))]


def test_the_status_while_the_period_runs_is_taken_today(db):
    with db.unit_of_work() as session:
        a = add_unit(session, "A1", "Phường An Hải")
        add_package(session, a, datetime(2025, 8, 1), tasks=[task("a1", deadline="2025-08-10")])
    assert run(db, today=date(2025, 8, 5)).units[0].counts.in_progress_on_time == 1
    assert run(db, today=date(2025, 8, 11)).units[0].counts.overdue == 1
    assert run(db, today=date(2026, 1, 1)).as_of == END


# ----------------------------------------------------------------------------- submissions and settings


def test_default_deadline_is_two_working_days_after_the_cut_off(db):
    assert cons.add_working_days(date(2025, 9, 12), 2) == date(2025, 9, 16)  # Friday -> Tuesday
    assert cons.add_working_days(date(2025, 9, 14), 0) == date(2025, 9, 14)
    with db.unit_of_work() as session:
        assert cons.deadline(session, PERIOD) == DEADLINE
        cons.set_deadline_days(session, 5)
        assert cons.deadline(session, "2025-Q3") == date(2025, 9, 19)
        cons.set_deadline(session, "2025-Q3", date(2025, 9, 25))
        assert cons.deadline(session, PERIOD) == date(2025, 9, 25)
        assert cons.deadline(session, "2025-Q2") == cons.add_working_days(date(2025, 6, 14), 5)
        cons.set_deadline(session, "2025-Q3", None)
        assert cons.deadline(session, PERIOD) == date(2025, 9, 19)
        with pytest.raises(ValidationError):
            cons.set_deadline_days(session, -1)
        with pytest.raises(ValidationError):
            cons.set_deadline(session, "2025-Q3", date(1999, 1, 1))


def test_on_time_late_missing_and_units_outside_the_list(two_units):
    result = run(two_units)
    assert result.deadline == DEADLINE and not result.deadline_overridden and not result.expected_from_setting
    assert [(s.name, s.status, s.expected) for s in result.submissions] == [
        ("Phường An Hải", "on_time", True), ("Phường Lê Chân", "late", True)]
    assert "Chưa gửi" not in cons.summary_line(result)
    with two_units.unit_of_work() as session:
        cons.set_expected_units(session, [("31234", ""), ("31300", "Xã Bạch Long Vĩ")])
        assert cons.expected_units(session) == [("31234", "Phường An Hải"), ("31300", "Xã Bạch Long Vĩ")]
    result = run(two_units)
    assert [(s.code, s.name, s.status, s.expected) for s in result.submissions] == [
        ("31234", "Phường An Hải", "on_time", True), ("31300", "Xã Bạch Long Vĩ", "missing", True),
        ("31240", "Phường Lê Chân", "late", False)]
    assert (result.expected_count, result.expected_sent_count, result.count("late"),
            result.count("late", include_extra=True)) == (2, 1, 0, 1)
    line = cons.summary_line(result)
    assert "đã gửi 1/2 đơn vị" in line and "chưa gửi 1" in line and "Phường Lê Chân" in line
    with two_units.unit_of_work() as session:
        cons.set_deadline(session, PERIOD.code, date(2025, 9, 17))  # a later deadline for this period
    late_sender = next(s for s in run(two_units).submissions if s.code == "31240")
    assert late_sender.status == "on_time"


def test_bad_expected_lists_are_refused_whole(two_units):
    with two_units.unit_of_work() as session:
        cons.set_expected_units(session, [("31234", "Phường An Hải")])
    with two_units.unit_of_work() as session, pytest.raises(ValidationError) as error:
        cons.set_expected_units(session, [("31240", "A"), ("", "Không mã"), ("31240", "Trùng"), ("x" * 21, "")])
    assert set(error.value.problems) == {"row2", "row3", "row4"}
    assert "Dòng 3" in error.value.problems["row3"] and "đã có" in error.value.problems["row3"]
    with two_units.read() as session:
        assert cons.expected_units(session) == [("31234", "Phường An Hải")]
    with two_units.unit_of_work() as session:
        cons.set_expected_units(session, [])  # back to "everyone who ever sent"
        assert session.get(Setting, cons.EXPECTED_UNITS) is None
        assert [code for code, _ in cons.expected_units(session)] == ["31234", "31240"]


def test_report_labels():
    assert cons.report_label({"report": None}) == "Không kèm báo cáo"
    assert cons.report_label({"report": {"status": "issued", "doc_type": "BÁO CÁO", "number": 5,
                                         "symbol": "BC-UBND"}}) == "Báo cáo số 05/BC-UBND (đã ban hành)"
    assert cons.report_label({"report": {"status": "draft", "doc_type": "BÁO CÁO"}}) == \
        "Báo cáo (dự thảo, chưa ban hành)"


def test_an_empty_database_consolidates_to_nothing(db):
    result = run(db)
    assert result.submissions == () and result.units == () and result.totals.assigned == 0
    assert result.total_rate is None and all(t.units_reporting == 0 for t in result.indicators)
    data = cons.as_json(result)
    assert data["sent"] == 0 and data["deadline"] == "2025-09-16"


# ----------------------------------------------------------------------------- drill-down


def test_unit_detail_shows_values_tasks_and_the_pdf(two_units, folder):
    pdf = b"%PDF-1.4 bao cao"
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    path = attachment_path(folder, sha, "bao-cao.pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    report = {"uid": "r1", "status": "issued", "doc_type": "BÁO CÁO", "number": 12, "symbol": "BC-UBND",
              "summary": "Kết quả quý III", "issued_at": "2025-09-15T10:00:00", "document": {}}
    with two_units.unit_of_work() as session:
        unit = add_unit(session, "31270", "Phường Ngô Quyền")
        add_package(session, unit, ON_TIME, report=report, pdf_sha256=sha, pdf_name="bao-cao.pdf", tasks=[
            task("n1", deadline="2025-08-01", history=[("2025-07-20", "done", "Đã ban hành kế hoạch")]),
            task("n2", deadline="2025-08-01", history=[("2025-07-20", "in_progress", "Đang xây dựng")]),
        ])
        set_values(session, unit, {"OPS.DOSSIER.RECEIVED": "11962", "OPS.DOSSIER.ONLINE": "9765",
                                   "OPS.DOSSIER.FEES": "820000000"})
        unit_id = unit.id
        a_id = session.scalars(select(Unit.id).where(Unit.code == "31234")).one()
    with two_units.read() as session:
        detail = cons.unit_detail(session, unit_id, PERIOD, today=date(2025, 12, 1))
        plain = cons.unit_detail(session, a_id, "2025-Q3")
        with pytest.raises(NotFound):
            cons.unit_detail(session, 424242, PERIOD)
    values = {v.code: v for v in detail.values}
    assert values["OPS.DOSSIER.RECEIVED"].text == "11.962"
    assert values["OPS.DOSSIER.FEES"].text == "820.000.000"
    rate = values["OPS.DOSSIER.ONLINE_RATE"]
    assert rate.text == "81,6" and rate.computed and rate.value == Decimal("81.6")
    assert "OPS.PETITION.RECEIVED" not in values
    assert [(t.title, t.status_label, t.lead, t.deadline_text, t.last_note) for t in detail.tasks] == [
        ("Nhiệm vụ n1", "Hoàn thành đúng hạn", "VP", "01/08/2025", "Đã ban hành kế hoạch"),
        ("Nhiệm vụ n2", "Quá hạn chưa hoàn thành", "VP", "01/08/2025", "Đang xây dựng")]
    assert (detail.counts.assigned, detail.counts.done) == (2, 1)
    assert detail.report_label == "Báo cáo số 12/BC-UBND (đã ban hành)"
    assert detail.pdf_path == path and detail.pdf_path.read_bytes() == pdf
    assert detail.submission.status == "on_time" and detail.submission.has_pdf
    assert plain.pdf_path is None and plain.report_label == "Không kèm báo cáo"
    path.unlink()
    with two_units.read() as session:
        assert cons.unit_detail(session, unit_id, PERIOD).pdf_path is None  # the file is gone: no path


# ----------------------------------------------------------------------------- consolidated report


def test_consolidated_fields_and_blocks(two_units):
    with two_units.read() as session:
        ctx = blocks.load_context(session, PERIOD, texts=["{{tổng: OPS.DOSSIER.RECEIVED}}"],
                                  today=date(2025, 12, 1))
    assert ctx.consolidation is not None and ctx.tasks == ()
    problems: list = []
    assert blocks.fill_fields("Tiếp nhận {{tổng: OPS.DOSSIER.RECEIVED}} hồ sơ, trực tuyến "
                              "{{TỔNG: ops.dossier.online_rate}}; {{số đơn vị đã gửi}}/{{số đơn vị phải gửi}} "
                              "đơn vị, muộn {{so don vi gui muon}}, chưa gửi: {{đơn vị chưa gửi}}; hạn "
                              "{{hạn gửi báo cáo}}.", ctx, problems) == (
        "Tiếp nhận 12.962 hồ sơ, trực tuyến 76,1%; 2/2 đơn vị, muộn 1, chưa gửi: không có; hạn 16/9/2025.")
    assert problems == []
    assert blocks.fill_fields("{{tổng: OPS.PETITION.RECEIVED}}", ctx, problems) == "…"
    assert problems and not problems[0].blocking
    problems = []
    assert "chưa rõ" in blocks.fill_fields("{{tổng: OPS.KHONG.CO}}", ctx, problems)
    assert blocks.blocking(problems)

    lines = blocks.resolve_block("Tổng hợp đơn vị gửi báo cáo", ctx, [])
    assert lines[0] == ("Hạn gửi báo cáo quý III/2025 là ngày 16/9/2025. Đã có 2/2 đơn vị gửi báo cáo (đúng hạn 1, "
                        "gửi muộn 1); không còn đơn vị nào chưa gửi.")
    table = lines[-1]
    assert [row.cells for row in table.rows] == [
        ("1", "Phường An Hải", "16/09/2025", "Đúng hạn", "Không kèm báo cáo"),
        ("2", "Phường Lê Chân", "17/09/2025", "Gửi muộn", "Không kèm báo cáo")]
    [indicators] = blocks.resolve_block("Bảng tổng hợp chỉ tiêu: OPS.DOSSIER", ctx, [])
    cells = {row.cells[1]: row.cells for row in indicators.rows}
    assert cells["Hồ sơ tiếp nhận"][3:5] == ("12.962", "2")
    assert cells["Tỷ lệ hồ sơ trực tuyến"][3] == "76,1%"
    [everything] = blocks.resolve_block("bang tong hop chi tieu", ctx, [])
    assert any(row.group for row in everything.rows)  # several groups: group rows
    problems = []
    assert "chưa rõ" in str(blocks.resolve_block("Bảng tổng hợp chỉ tiêu: KHÔNG.CÓ", ctx, problems))
    assert blocks.blocking(problems)


def test_blocks_without_consolidated_data_say_so():
    ctx = blocks.BlockContext(period=PERIOD, as_of=END)
    assert blocks.resolve_block("Tổng hợp đơn vị gửi báo cáo", ctx, []) == ["Chưa có đơn vị nào gửi báo cáo kỳ này."]
    assert blocks.resolve_block("Bảng nhiệm vụ theo đơn vị", ctx, []) == ["Chưa có đơn vị nào gửi báo cáo kỳ này."]
    problems: list = []
    assert blocks.fill_fields("{{hạn gửi báo cáo}} {{số đơn vị đã gửi}} {{tỷ lệ hoàn thành nhiệm vụ chung}}", ctx,
                              problems) == "16/9/2025 0 …"
    assert len(problems) == 1 and not problems[0].blocking


def test_report_from_the_builtin_outline_resolves_the_consolidated_figures(two_units):
    with two_units.unit_of_work() as session:
        a, b = session.scalars(select(Unit).where(Unit.is_self.is_(False)).order_by(Unit.code)).all()
        session.query(ReceivedPackage).delete()
        add_package(session, a, ON_TIME, tasks=[task("a1", deadline="2025-08-01", history=[("2025-07-01", "done", "")]),
                                                 task("a2", deadline="2025-08-01")])
        add_package(session, b, LATE, tasks=[task("b1", deadline="2025-08-01", history=[("2025-07-01", "done", "")])])
        outlines.ensure_builtins(session)
        outline = outlines.find_builtin(session, "consolidated")
        assert outline.name == "Báo cáo tổng hợp"
        report_id, _ = reports.create_report(session, outline.id, PERIOD.code, today=date(2025, 9, 20))
    with two_units.read() as session:
        detail = reports.get_report(session, report_id)
        assert not blocks.blocking(detail.problems), detail.problems
        document, problems = compose.build_report_document(session, report_id, today=date(2025, 12, 1))
    assert not blocks.blocking(problems)
    text = "\n".join(getattr(block, "text", "") for block in document.body)
    assert "Tổng hợp kết quả thực hiện Nghị quyết số 57-NQ/TW của các đơn vị quý III/2025" == document.summary
    assert "Đã có 2/2 đơn vị gửi báo cáo (đúng hạn 1, gửi muộn 1)" in text
    assert "hoàn thành 2/3, tỷ lệ 66,7% tổng số nhiệm vụ" in text
    assert ("tổng số hồ sơ thủ tục hành chính các đơn vị tiếp nhận: 12.962 hồ sơ, trong đó tiếp nhận trực tuyến "
            "9.865 hồ sơ, tỷ lệ hồ sơ trực tuyến 76,1%") in text.casefold()
    assert "Phí, lệ phí thu được: 821.500.000 đồng" in text
    tables = [block for block in document.body if hasattr(block, "rows")]
    unit_rows = [row.cells for row in tables[1].rows]
    assert unit_rows == [("1", "Phường Lê Chân", "1", "1", "0", "100%", "1"),
                         ("2", "Phường An Hải", "2", "1", "1", "50%", "2"),
                         ("", "Tổng cộng", "3", "2", "1", "66,7%", "")]
    assert tables[1].rows[-1].bold
    [appendix] = document.appendices
    assert appendix.landscape and appendix.title == "Số liệu chỉ tiêu tổng hợp từ các đơn vị"
    appendix_rows = {row.cells[1]: row.cells for block in appendix.blocks for row in getattr(block, "rows", ())
                     if not row.group}
    assert appendix_rows["Tỷ lệ hồ sơ trực tuyến"][3] == "76,1%"


def test_issuing_freezes_the_consolidated_figures(two_units):
    with two_units.unit_of_work() as session:
        outlines.ensure_builtins(session)
        outline = outlines.find_builtin(session, "consolidated")
        report_id, _ = reports.create_report(session, outline.id, PERIOD.code, summary="Tổng hợp quý III",
                                             today=date(2025, 9, 20))
        reports.issue_report(session, report_id, number=3, today=date(2025, 9, 20))
    with two_units.unit_of_work() as session:
        c = add_unit(session, "31250", "Xã Cát Hải")
        add_package(session, c, ON_TIME)
        set_values(session, c, {"OPS.DOSSIER.RECEIVED": "1000"})
    with two_units.read() as session:
        text = "\n".join(getattr(b, "text", "") for b in compose.report_document(session, report_id).body)
        assert "12.962 hồ sơ" in text and "13.962" not in text
        assert run(two_units).total("OPS.DOSSIER.RECEIVED").value == Decimal(13962)


# ----------------------------------------------------------------------------- scale


def test_120_units_consolidate_quickly(db):
    """120 units × 65 tasks × 60 values: one pass, one json.loads per package. (Rows are inserted
    in bulk here, past the audit trail, to keep the test short.)"""
    with db.unit_of_work() as session:
        ind.ensure_catalogues(session)
        codes = session.execute(select(Indicator.code, Indicator.id).where(
            Indicator.formula == "", Indicator.kind.in_(("count", "percent"))).order_by(Indicator.kind)).all()[:60]
        assert len(codes) == 60
        for n in range(120):
            unit = add_unit(session, f"U{n:03d}", f"Phường số {n:03d}")
            tasks = [task(f"t{n}-{i}", deadline="2025-08-01",
                          history=[("2025-07-01", "in_progress", "")] + ([("2025-07-20", "done", "")] if i % 3 else []))
                     for i in range(65)]
            session.execute(insert(ReceivedPackage), [dict(
                package_uid=new_uid(), unit_id=unit.id, period_code=PERIOD.code, content="report",
                created_at_source=ON_TIME, received_at=ON_TIME, current=True,
                data=json.dumps(data_json(unit, tasks), ensure_ascii=False))])
            session.execute(insert(IndicatorValue), [
                dict(indicator_id=indicator_id, unit_id=unit.id, period_code=PERIOD.code, value_text=str(10 + n % 7),
                     comment="", created_by="", updated_by="") for _code, indicator_id in codes])
    started = time.perf_counter()
    result = run(db)
    elapsed = time.perf_counter() - started
    assert len(result.units) == 120 and result.totals.assigned == 120 * 65
    assert result.totals.done == 120 * 43 and result.totals.overdue == 120 * 22
    assert result.total("OPS.DOSSIER.RECEIVED").value == sum(Decimal(10 + n % 7) for n in range(120))
    assert sum(1 for s in result.submissions if s.status == "on_time") == 120
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 120 * 60
    assert elapsed < 3, elapsed  # measured 0,22–0,25 s on the development machine; generous for a busy CI


def test_latest_period_is_the_one_received_last(db):
    with db.unit_of_work() as session:
        assert cons.latest_period(session) is None
        unit = add_unit(session, "31234", "Phường An Hải")
        older = add_package(session, unit, datetime(2025, 9, 16), period="2025-Q3")
        newer = add_package(session, unit, datetime(2025, 12, 16), period="2025-Q4")
        older.received_at, newer.received_at = datetime(2025, 9, 17), datetime(2025, 12, 17)
        session.flush()
        assert cons.latest_period(session) == "2025-Q4"
