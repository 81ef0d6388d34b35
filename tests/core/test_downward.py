"""Packages sent downward: the city exports tasks, an outline or indicator definitions; a ward
imports them (through the same import as upward packages) and gets them created or updated by
stable identifiers — never duplicated — keeping its own statuses, history and notes."""

from __future__ import annotations

import copy
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core import directives as directives_core
from desktop.core import downward, nq57file, office, outlines, plans, receive
from desktop.core import indicators as indicators_core
from desktop.core import tasks as tasks_core
from desktop.core.errors import UserError
from desktop.core.periods import parse as parse_period
from desktop.db import Database, migrate
from desktop.models import Directive, Indicator, IndicatorValue, Outline, Task, TaskStatusEntry
from desktop.paths import DataFolder
from desktop.strings import downward as S

CITY_CODE = "31000"
REF_57 = "bc9cd4281cd14ef1879df15424ab79a4"  # 57-NQ/TW in resources/reference/directives.json
REF_12_KH_TU = "eedaa564b3e849f8a3e31c960a758e5e"


def _build_city(session) -> None:
    """The city's steering committee office: its plan 12-KH/TU with tasks from the appendix of
    the notice of conclusions (shared/reference/documents), and one task outside any plan."""
    office.save_office(session, office.OfficeProfile(
        name_lines="THÀNH ỦY HẢI PHÒNG\nVĂN PHÒNG", short_name="Văn phòng Thành ủy Hải Phòng",
        place_name="Hải Phòng", code=CITY_CODE, kind="city_body"))
    department_id, _ = office.save_department(session, office.DepartmentRow(None, "Sở Khoa học và Công nghệ", "SKHCN"))
    directives_core.seed_reference(session)
    ids = {d.number_symbol: d.id for d in session.scalars(select(Directive))}
    city_only, _ = directives_core.save_directive(session, directives_core.DirectiveRow(
        None, "05-CV/BCĐTP", "official_letter", date(2025, 10, 2), "Ban Chỉ đạo thành phố",
        "Đôn đốc thực hiện các nhiệm vụ quý IV năm 2025"))
    plan_id, _ = plans.save_plan(session, None, plans.PlanHeader(
        summary="Thực hiện Nghị quyết số 57-NQ/TW", number_symbol="12-KH/TU", issued_on=date(2025, 8, 26),
        status="issued", year=2025))
    rows = [
        tasks_core.TaskInput(
            title="Hoàn thiện thể chế, chính sách tạo đột phá cho hoạt động khoa học, công nghệ, đổi mới sáng tạo "
                  "và chuyển đổi số", lead_note="Các sở, ngành, đơn vị; Ủy ban nhân dân các cấp",
            deadline=date(2025, 12, 31), deadline_note="Quý IV/2025", phase="2",
            sources=(tasks_core.SourceRef(ids["57-NQ/TW"], "mục III.1"),)),
        tasks_core.TaskInput(
            title="Bảo đảm an ninh mạng và chủ quyền số", lead_note="Công an Thành phố", recurrence="continuous",
            expected_output="Báo cáo kết quả bảo đảm an toàn thông tin", phase="2"),
        tasks_core.TaskInput(
            title="Tổ chức các khoá đào tạo, tập huấn về kỹ năng số, kỹ năng vận hành hệ thống mới cho cán bộ, "
                  "công chức, viên chức", lead_department_id=department_id, deadline=date(2025, 11, 30),
            details="Ưu tiên cán bộ cấp xã sau sắp xếp.",
            sources=(tasks_core.SourceRef(ids["02-KH/BCĐTW"], "STT 2"), tasks_core.SourceRef(city_only))),
    ]
    for row in rows:
        plans.save_plan_task(session, plan_id, None, row)
    tasks_core.create_task(session, tasks_core.TaskInput(
        title="Cập nhật bổ sung dịch vụ công trực tuyến toàn trình hằng tháng", lead_note="Ủy ban nhân dân cấp xã",
        deadline=date(2025, 12, 15), sources=(tasks_core.SourceRef(ids["14-TB/TGV"]),)))


@pytest.fixture(scope="module")
def city_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("city") / "data"
    folder = DataFolder(root).ensure()
    migrate(folder)
    database = Database(folder, user="thành phố")
    with database.unit_of_work() as session:
        _build_city(session)
    database.close()
    return root


@pytest.fixture
def city_db(city_template, tmp_path):
    target = tmp_path / "city"
    shutil.copytree(city_template, target)
    database = Database(DataFolder(target).ensure(), user="thành phố")
    yield database
    database.close()


def ward_counts(database) -> dict[str, int]:
    with database.read() as session:
        return downward.count_records(session)


def import_one(database, path: Path) -> receive.ImportResult:
    [result] = receive.import_packages(database, [path], backup=False)
    return result


def ward_task(session, uid: str) -> Task:
    return session.scalar(select(Task).where(Task.uid == uid))


# ----------------------------------------------------------------------------- tasks


def test_export_down_tasks_writes_a_downward_package(city_db, tmp_path):
    path = downward.export_downward(city_db, "tasks", tmp_path / "nhiem-vu")
    assert path.name == "nhiem-vu.nq57" and path.exists()
    package = nq57file.read_package(path)
    assert (package.direction, package.content, package.unit_code, package.period_code) == (
        "down", "tasks", CITY_CODE, None)
    data = package.data
    assert downward.check_downward("tasks", data) == []
    assert len(data["tasks"]) == 4
    by_number = {d["number_symbol"]: d for d in data["directives"]}
    # The plan travels as the directive 12-KH/TU the city has registered (the reference uid),
    # so no ward ends up with two copies of it.
    assert by_number["12-KH/TU"]["uid"] == REF_12_KH_TU
    assert by_number["57-NQ/TW"]["uid"] == REF_57
    first = data["tasks"][0]
    assert first["lead_note"] == "Các sở, ngành, đơn vị; Ủy ban nhân dân các cấp"
    assert first["deadline"] == "2025-12-31" and first["deadline_note"] == "Quý IV/2025"
    assert [s["item_ref"] for s in first["sources"]] == ["STT 1 phụ lục", "mục III.1"]
    third = data["tasks"][2]
    assert third["lead_note"] == "Sở Khoa học và Công nghệ"  # a city department becomes the lead's name
    plan_only = downward.export_downward(city_db, "tasks", tmp_path / "ke-hoach.nq57", plan_id=1)
    assert len(nq57file.read_package(plan_only).data["tasks"]) == 3


def test_tasks_round_trip_city_to_ward_without_duplicates(city_db, demo_db, tmp_path):
    path = downward.export_downward(city_db, "tasks", tmp_path / "nhiem-vu.nq57")
    package = nq57file.read_package(path)
    before = ward_counts(demo_db)

    [preview] = receive.preview_packages(demo_db, [path])
    assert preview.status == "new", preview.problems
    assert preview.counts["created"] == 4 and preview.counts["unchanged"] == 0
    # Only the city's own letter is new to the ward: 57-NQ/TW, 02-KH/BCĐTW, 12-KH/TU, 14-TB/TGV
    # are matched by their fixed uids.
    assert preview.counts["directives_created"] == 1
    assert any("05-CV/BCĐTP" in line for line in preview.actions)
    assert ward_counts(demo_db) == before  # the preview wrote nothing

    assert import_one(demo_db, path).status == "imported"
    after = ward_counts(demo_db)
    assert after["tasks"] == before["tasks"] + 4
    assert after["directives"] == before["directives"] + 1
    uid = package.data["tasks"][0]["uid"]
    with demo_db.read() as session:
        task = ward_task(session, uid)
        assert task.title.startswith("Hoàn thiện thể chế")
        assert task.lead_note == "Các sở, ngành, đơn vị; Ủy ban nhân dân các cấp"
        assert task.lead_department_id is None
        assert (task.deadline, task.deadline_note, task.phase) == (date(2025, 12, 31), "Quý IV/2025", "2")
        assert [(s.directive.uid, s.item_ref) for s in task.sources] == [
            (REF_12_KH_TU, "STT 1 phụ lục"), (REF_57, "mục III.1")]
        continuous = ward_task(session, package.data["tasks"][1]["uid"])
        assert continuous.recurrence == "continuous" and continuous.deadline is None

    # The same package again: nothing new, nothing duplicated.
    with demo_db.read() as session:
        plan = downward.plan_downward(session, package)
    assert plan.counts["created"] == 0 and plan.counts["unchanged"] == 4 and plan.problems == []
    assert plan.unchanged and plan.actions == []
    import_one(demo_db, path)
    assert ward_counts(demo_db) == after


def test_reimport_updates_upstream_fields_and_keeps_the_wards_own(city_db, demo_db, tmp_path):
    first = downward.export_downward(city_db, "tasks", tmp_path / "lan-1.nq57")
    import_one(demo_db, first)
    uid = nq57file.read_package(first).data["tasks"][0]["uid"]
    # The ward works on the task: a department, status updates, evidence, a note of its own.
    with demo_db.unit_of_work() as session:
        task = ward_task(session, uid)
        vhxh = session.scalar(select(office.Department).where(office.Department.abbreviation == "VHXH"))
        detail = tasks_core.get_task(session, task.id)
        tasks_core.update_task(session, task.id, tasks_core.TaskInput(**{
            **{name: getattr(detail.data, name) for name in detail.data.__dataclass_fields__},
            "lead_department_id": vhxh.id, "lead_note": "Giao VHXH tham mưu"}))
        tasks_core.record_status(session, task.id, "in_progress", date(2025, 10, 1), "Đã xây dựng dự thảo",
                                 today=date(2025, 11, 20))
        tasks_core.record_status(session, task.id, "done", date(2025, 11, 10), "Đã ban hành",
                                 today=date(2025, 11, 20))
        tasks_core.add_evidence_citation(session, task.id, "Quyết định số 15/QĐ-UBND ngày 10/11/2025")
        task_id = task.id

    # Upstream the city renames the task and moves its deadline.
    with city_db.unit_of_work() as session:
        city_task = session.scalar(select(Task).where(Task.uid == uid))
        detail = tasks_core.get_task(session, city_task.id)
        tasks_core.update_task(session, city_task.id, tasks_core.TaskInput(**{
            **{name: getattr(detail.data, name) for name in detail.data.__dataclass_fields__},
            "title": "Hoàn thiện thể chế, chính sách về khoa học, công nghệ và chuyển đổi số (sửa đổi)",
            "deadline": date(2026, 3, 31), "deadline_note": "Quý I/2026", "lead_note": "Sở Nội vụ"}))
    second = downward.export_downward(city_db, "tasks", tmp_path / "lan-2.nq57")
    with demo_db.read() as session:
        plan = downward.plan_downward(session, nq57file.read_package(second))
    assert plan.counts["updated"] == 1 and plan.counts["unchanged"] == 3 and plan.counts["created"] == 0
    [line] = [a for a in plan.actions if a.startswith("Cập nhật nhiệm vụ")]
    assert "tên" in line and "thời hạn" in line
    before = ward_counts(demo_db)
    assert import_one(demo_db, second).status == "imported"
    assert ward_counts(demo_db) == before
    with demo_db.read() as session:
        task = session.get(Task, task_id)
        assert task.title.endswith("(sửa đổi)")
        assert (task.deadline, task.deadline_note) == (date(2026, 3, 31), "Quý I/2026")
        # The ward's own: department, its note, the history and the evidence.
        assert task.lead_department.abbreviation == "VHXH" and task.lead_note == "Giao VHXH tham mưu"
        assert [(h.status, h.on_date, h.note) for h in task.history] == [
            ("in_progress", date(2025, 10, 1), "Đã xây dựng dự thảo"), ("done", date(2025, 11, 10), "Đã ban hành")]
        assert task.completed_on == date(2025, 11, 10)
        assert [e.citation for e in task.evidence] == ["Quyết định số 15/QĐ-UBND ngày 10/11/2025"]
        assert session.scalar(select(func.count()).select_from(TaskStatusEntry).where(
            TaskStatusEntry.task_id == task_id)) == 2


def test_sources_the_ward_added_itself_are_kept(city_db, demo_db, tmp_path):
    path = downward.export_downward(city_db, "tasks", tmp_path / "nhiem-vu.nq57")
    import_one(demo_db, path)
    uid = nq57file.read_package(path).data["tasks"][3]["uid"]
    with demo_db.unit_of_work() as session:
        task = ward_task(session, uid)
        own, _ = directives_core.save_directive(session, directives_core.DirectiveRow(
            None, "70/KH-UBND-X", "plan", date(2025, 9, 18), "Ủy ban nhân dân phường", "Kế hoạch của phường"))
        detail = tasks_core.get_task(session, task.id)
        tasks_core.update_task(session, task.id, tasks_core.TaskInput(**{
            **{name: getattr(detail.data, name) for name in detail.data.__dataclass_fields__},
            "sources": detail.data.sources + (tasks_core.SourceRef(own, "mục 3"),)}))
    import_one(demo_db, path)
    with demo_db.read() as session:
        task = ward_task(session, uid)
        assert [s.directive.number_symbol for s in task.sources] == ["14-TB/TGV", "70/KH-UBND-X"]


def test_tasks_kind_needs_an_office_at_the_ward(city_db, db, tmp_path):
    path = downward.export_downward(city_db, "tasks", tmp_path / "nhiem-vu.nq57")
    [result] = receive.import_packages(db, [path], backup=False)
    assert result.status == "refused"


# ----------------------------------------------------------------------------- outlines


def test_outline_round_trip_created_then_updated_by_uid(city_db, demo_db, tmp_path):
    with city_db.unit_of_work() as session:
        outlines.ensure_builtins(session)
        builtin = outlines.find_builtin(session, "nq57-periodic")
        outline_id, _ = outlines.copy_outline(session, builtin.id, "Đề cương báo cáo quý của thành phố")
        city_uid = session.get(Outline, outline_id).uid
    path = downward.export_downward(city_db, "outline", tmp_path / "de-cuong.nq57", outline_id=outline_id)
    package = nq57file.read_package(path)
    assert package.content == "outline" and package.data["outline"]["format"] == outlines.FORMAT
    assert import_one(demo_db, path).status == "imported"
    with demo_db.read() as session:
        [ward] = session.scalars(select(Outline).where(Outline.uid == city_uid)).all()
        assert ward.name == "Đề cương báo cáo quý của thành phố" and not ward.builtin_key
        detail = outlines.get_outline(session, ward.id)
        assert outlines.section_count(detail.tree) == outlines.section_count(builtin.tree)
        assert downward.plan_downward(session, package).counts == {"created": 0, "updated": 0, "unchanged": 1}

    # Upstream adds a section and renames it; the ward gets the change on the same record.
    with city_db.unit_of_work() as session:
        detail = outlines.get_outline(session, outline_id)
        from desktop.core import sections

        tree, _key = sections.add_child(detail.tree, None, sections.SectionNode(
            key=sections.new_key(), numbering="roman", heading="Kiến nghị, đề xuất với thành phố"))
        outlines.save_outline(session, outline_id, "Đề cương báo cáo quý (bản 2)", detail.kind, detail.description,
                              detail.document, tree)
    second = downward.export_downward(city_db, "outline", tmp_path / "de-cuong-2.nq57", outline_id=outline_id)
    with demo_db.read() as session:
        plan = downward.plan_downward(session, nq57file.read_package(second))
    assert plan.counts["updated"] == 1 and "các mục" in plan.actions[0] and "tên" in plan.actions[0]
    import_one(demo_db, second)
    with demo_db.read() as session:
        [ward] = session.scalars(select(Outline).where(Outline.uid == city_uid)).all()
        assert ward.name == "Đề cương báo cáo quý (bản 2)"
        headings = [node.heading for node in outlines.get_outline(session, ward.id).tree]
        assert headings[-1] == "Kiến nghị, đề xuất với thành phố"


# ----------------------------------------------------------------------------- indicators


def test_indicator_definitions_upserted_by_code_values_untouched(city_db, demo_db, tmp_path):
    with city_db.unit_of_work() as session:
        indicators_core.ensure_catalogues(session)
        group = indicators_core.list_groups(session, "operations")[0]
        indicators_core.save_indicator(session, indicators_core.IndicatorInput(
            code="CITY.AI.USERS", name="Số cán bộ dùng trợ lý ảo", group_code=group.code, unit="người",
            kind="count", targets={2025: "≥ 50"}))
        indicators_core.save_indicator(session, indicators_core.IndicatorInput(
            code="CITY.AI.RATE", name="Tỷ lệ cán bộ dùng trợ lý ảo", group_code=group.code, unit="%",
            kind="percent", formula="CITY.AI.USERS / 2", decimals=1, targets={2025: "≥ 60%"}))
    with demo_db.read() as session:
        stored = session.scalars(select(IndicatorValue).order_by(IndicatorValue.id)).all()
        values_before = [(v.indicator_id, v.period_code, v.value_text, v.comment) for v in stored]
        some_code = session.scalar(select(Indicator.code).join(IndicatorValue).limit(1))
    assert values_before
    # The city also sets a new 2026 target on an indicator the ward already has.
    with city_db.unit_of_work() as session:
        row = indicators_core.get_indicator(session, some_code)
        targets = {t.year: t.text for t in row.targets} | {2026: "≥ 99"}
        indicators_core.save_indicator(session, indicators_core.IndicatorInput(
            id=row.id, code=row.code, name=row.name, group_code=row.group_code, unit=row.unit, kind=row.kind,
            department=row.department, source=row.source, output=row.output, formula=row.formula,
            decimals=row.decimals, targets=targets))

    path = downward.export_downward(city_db, "indicators", tmp_path / "chi-tieu.nq57",
                                    indicator_codes=["CITY.AI.RATE", some_code])
    data = nq57file.read_package(path).data
    # The formula's input travels with it.
    assert {i["code"] for i in data["indicators"]} == {"CITY.AI.RATE", "CITY.AI.USERS", some_code}
    with demo_db.read() as session:
        plan = downward.plan_downward(session, nq57file.read_package(path))
    assert plan.problems == []
    assert plan.counts["created"] == 2 and plan.counts["updated"] == 1
    assert import_one(demo_db, path).status == "imported"
    with demo_db.read() as session:
        rate = indicators_core.get_indicator(session, "CITY.AI.RATE")
        assert rate.formula == "CITY.AI.USERS / 2" and rate.decimals == 1
        assert [(t.year, t.text) for t in rate.targets] == [(2025, "≥ 60%")]
        assert indicators_core.get_indicator(session, some_code).target_for(2026).text == "≥ 99"
        stored = session.scalars(select(IndicatorValue).order_by(IndicatorValue.id)).all()
        assert [(v.indicator_id, v.period_code, v.value_text, v.comment) for v in stored] == values_before
        again = downward.plan_downward(session, nq57file.read_package(path))
    assert again.counts["created"] == 0 and again.counts["updated"] == 0 and again.counts["unchanged"] == 3
    # The ward can type a value for the new indicator, and the computed one follows.
    with demo_db.unit_of_work() as session:
        indicators_core.save_values(session, parse_period("2025-Q4"), {"CITY.AI.USERS": "80"})
    with demo_db.read() as session:
        rows = {r.indicator.code: r for r in indicators_core.period_values(session, parse_period("2025-Q4"))}
        assert str(rows["CITY.AI.RATE"].value) == "40.0"


def test_an_indicator_kind_change_over_stored_values_is_refused(city_db, demo_db, tmp_path):
    with demo_db.read() as session:
        code = session.scalar(select(Indicator.code).join(IndicatorValue).where(Indicator.kind == "count").limit(1))
    path = downward.export_downward(city_db, "indicators", tmp_path / "chi-tieu.nq57", indicator_codes=[code])
    package = nq57file.read_package(path)
    data = copy.deepcopy(package.data)
    data["indicators"][0]["kind"] = "text"
    changed = _repack(tmp_path / "doi-loai.nq57", package, data)
    before = ward_counts(demo_db)
    result = import_one(demo_db, changed)
    assert result.status == "refused" and code in result.reason
    assert ward_counts(demo_db) == before


# ----------------------------------------------------------------------------- refusing bad data


def _repack(path: Path, package, data) -> Path:
    return nq57file.write_package(path, {key: package.manifest[key] for key in ("direction", "content", "unit")}
                                  | {"period": None}, data, {})


def good_tasks() -> dict:
    return {
        "schema_version": 1,
        "unit": {"code": CITY_CODE, "name": "Văn phòng Thành ủy", "name_lines": [], "kind": "city_body"},
        "directives": [{"uid": "a" * 32, "doc_type": "plan", "number_symbol": "12-KH/TU", "issued_on": "2025-08-26",
                        "issuer": "Ban Thường vụ Thành ủy", "summary": ""}],
        "tasks": [{"uid": "b" * 32, "title": "Bảo đảm an ninh mạng", "details": "", "lead_note": "Công an Thành phố",
                   "coordination_note": "", "expected_output": "", "deadline": "2025-12-31", "recurrence": "none",
                   "deadline_note": "", "phase": "", "sources": [{"directive_uid": "a" * 32, "item_ref": "STT 3"}]}],
    }


def test_check_downward_accepts_a_sound_body_and_refuses_unknown_content():
    assert downward.check_downward("tasks", good_tasks()) == []
    assert downward.check_downward("report", good_tasks()) == [S.UNKNOWN_CONTENT.format(value="report")]
    assert downward.check_downward("tasks", ["not", "an", "object"]) == [S.DATA_NOT_OBJECT]
    newer = good_tasks() | {"schema_version": 2}
    [problem] = downward.check_downward("tasks", newer)
    assert "cần cập nhật phần mềm" in problem


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["tasks"][0].update(title=42), "«title» phải là chữ"),
    (lambda d: d["tasks"][0].update(title="  "), "«title» bị trống"),
    (lambda d: d["tasks"][0].update(deadline="31/12/2025"), "không phải ngày"),
    (lambda d: d["tasks"][0].update(deadline="2300-01-01"), "ngoài khoảng năm"),
    (lambda d: d["tasks"][0].update(recurrence="weekly"), "«recurrence» có giá trị «weekly»"),
    (lambda d: d["tasks"][0].update(recurrence="continuous"), "không có hạn cụ thể"),
    (lambda d: d["tasks"][0].update(uid="xyz"), "mã định danh 32 ký tự"),
    (lambda d: d["tasks"][0].update(sources=[{"directive_uid": "c" * 32}]), "không có trong danh sách văn bản"),
    (lambda d: d["tasks"][0].update(sources="12-KH/TU"), "«sources» phải là danh sách"),
    (lambda d: d["tasks"].append(copy.deepcopy(d["tasks"][0])), "bị lặp"),
    (lambda d: d.update(tasks={"uid": "b" * 32}), "mục «tasks»: phải là một danh sách"),
    (lambda d: d.pop("tasks"), "thiếu mục «tasks»"),
    (lambda d: d.update(tasks=[]), "không có nhiệm vụ nào"),
    (lambda d: d["directives"][0].update(doc_type="meme"), "«doc_type» có giá trị «meme»"),
    (lambda d: d["directives"][0].update(issued_on="1900-01-01"), "ngoài khoảng năm"),
    (lambda d: d["directives"][0].update(number_symbol=["12"]), "«number_symbol» phải là chữ"),
    (lambda d: d["tasks"].__setitem__(0, "Bảo đảm an ninh mạng"), "phải là một đối tượng"),
])
def test_check_downward_names_every_wrong_value(change, expected):
    data = good_tasks()
    change(data)
    problems = downward.check_downward("tasks", data)
    assert any(expected in problem for problem in problems), problems


def test_check_downward_lists_every_problem_with_where():
    data = good_tasks()
    data["tasks"].append(copy.deepcopy(data["tasks"][0]) | {"uid": "d" * 32, "title": "Nhiệm vụ thứ hai",
                                                             "deadline": "2025-02-30"})
    data["tasks"][0]["phase"] = 7
    problems = downward.check_downward("tasks", data)
    assert len(problems) == 2
    assert problems[0].startswith("Nhiệm vụ thứ 1 («Bảo đảm an ninh mạng»)")
    assert problems[1].startswith("Nhiệm vụ thứ 2 («Nhiệm vụ thứ hai»)") and "2025-02-30" in problems[1]


def test_check_downward_outline_and_indicator_bodies():
    assert downward.check_downward("outline", {"schema_version": 1}) == ["thiếu mục «outline»"]
    [problem] = downward.check_downward("outline", {"schema_version": 1, "outline": {
        "uid": "e" * 32, "format": "nq57-outline", "version": 1, "name": "X", "kind": "report",
        "document": {}, "sections": "I. Mở đầu"}})
    assert problem.startswith("mục «outline»")
    indicators = {"schema_version": 1, "groups": [{"code": "G", "name": "Nhóm", "catalogue": "city", "position": 0}],
                  "indicators": [
                      {"code": "A.X", "name": "A", "kind": "count", "group_code": "G", "formula": "A.Y + 1",
                       "targets": []},
                      {"code": "A.Y", "name": "B", "kind": "count", "group_code": "G", "formula": "A.X * 2",
                       "targets": [{"year": 2025, "comparator": "ge", "low": "1e5", "high": "", "text": ""}]},
                      {"code": "a b", "name": "C", "kind": "money", "group_code": "H", "targets": []},
                  ],
                  "rules": [{"code": "R.1", "kind": "sum_eq", "total_code": "A.X", "part_codes": ["Z.Z"]}]}
    problems = downward.check_downward("indicators", indicators)
    text = "\n".join(problems)
    assert "vòng tròn" in text and "«low» có giá trị «1e5»" in text
    assert "mã «a b»" in text and "nhóm «H»" in text and "Z.Z" in text


def test_apply_downward_refuses_a_bad_package_and_writes_nothing(demo_db):
    class Package:  # what nq57file.read_package gives, for a body that passed the envelope checks
        direction, content = "down", "tasks"
        data = good_tasks()

    Package.data["tasks"][0]["deadline"] = "2025-13-01"
    before = ward_counts(demo_db)
    with pytest.raises(UserError, match="Không nhập được gói"):
        with demo_db.unit_of_work() as session:
            downward.apply_downward(session, demo_db.folder, Package)
    assert ward_counts(demo_db) == before
    with demo_db.read() as session:
        assert downward.plan_downward(session, Package).problems


def test_a_doctored_downward_package_is_refused_by_import(city_db, demo_db, tmp_path):
    path = downward.export_downward(city_db, "tasks", tmp_path / "nhiem-vu.nq57")
    package = nq57file.read_package(path)
    data = copy.deepcopy(package.data)
    data["tasks"][1]["recurrence"] = "sometimes"
    data["tasks"][2]["title"] = ""
    bad = _repack(tmp_path / "sua.nq57", package, data)
    before = ward_counts(demo_db)
    [preview] = receive.preview_packages(demo_db, [bad])
    assert preview.status == "refused" and len(preview.problems) == 2
    assert import_one(demo_db, bad).status == "refused"
    assert ward_counts(demo_db) == before
    # A package whose members were changed after writing fails the envelope check.
    tampered = tmp_path / "doi.nq57"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "data.json":
                body = json.dumps(data, ensure_ascii=False).encode()
            target.writestr(info, body)
    assert import_one(demo_db, tampered).status == "refused"
    assert ward_counts(demo_db) == before


def test_export_refuses_what_it_cannot_send(city_db, db, tmp_path):
    with pytest.raises(UserError, match="kế hoạch số 99"):
        downward.export_downward(city_db, "tasks", tmp_path / "x.nq57", plan_id=99)
    with pytest.raises(UserError, match="NO.SUCH"):
        downward.export_downward(city_db, "indicators", tmp_path / "x.nq57", indicator_codes=["NO.SUCH"])
    with pytest.raises(UserError, match="đề cương"):
        downward.export_downward(city_db, "outline", tmp_path / "x.nq57")
    with pytest.raises(UserError, match="Chưa khai báo thông tin đơn vị"):
        downward.export_downward(db, "tasks", tmp_path / "x.nq57")
    assert not (tmp_path / "x.nq57").exists()
