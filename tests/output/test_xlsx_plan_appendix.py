"""The plan's assignment appendix as XLSX, from the demo plan."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.core import plans
from desktop.core.errors import NotFound
from desktop.export.plan_appendix import export_plan_appendix, group_tasks
from desktop.strings import export as X
from tests.output.test_xlsx_workbook import assert_table_borders


def _plan_id(session) -> int:
    return next(p.id for p in plans.list_plans(session) if p.number_symbol == "70/KH-UBND")


def test_demo_plan_appendix(demo_db, tmp_path):
    with demo_db.read() as session:
        plan_id = _plan_id(session)
        detail = plans.get_plan(session, plan_id)
        path = export_plan_appendix(session, plan_id, tmp_path / "phu-luc.xlsx")
    assert path == tmp_path / "phu-luc.xlsx"
    ws = load_workbook(path).active
    assert ws.title == X.PLAN_SHEET
    assert [ws.cell(r, 1).value for r in (1, 2)] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]
    texts = [ws.cell(r, 1).value for r in range(1, 8)]
    assert X.PLAN_TITLE in texts
    assert "(Kèm theo Kế hoạch số 70/KH-UBND ngày 18/9/2025 của Ủy ban nhân dân phường An Hải)" in texts
    header = texts.index("Stt") + 1
    assert tuple(ws.cell(header, c).value for c in range(1, 7)) == X.PLAN_HEADERS
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.freeze_panes == f"A{header + 1}"

    groups = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(header + 1, ws.max_row + 1)
              if isinstance(ws.cell(r, 1).value, str)]
    # The groups are the themes under "II. Các nhiệm vụ, giải pháp cụ thể", numbered I, II, …
    assert [g[0] for g in groups] == ["I", "II", "III", "IV", "V"]
    assert groups[0][1].startswith("Nâng cao nhận thức")
    assert groups[-1][1].startswith("Tiếp tục thực hiện Kết luận số 312-KL/TU")

    rows = [[ws.cell(r, c).value for c in range(1, 7)] for r in range(header + 1, ws.max_row + 1)
            if isinstance(ws.cell(r, 1).value, int)]
    assert [r[0] for r in rows] == list(range(1, len(detail.appendix) + 1))  # Stt runs through the table
    by_title = {r[1]: r for r in rows}
    for task in detail.appendix:
        row = by_title[task.title]
        assert row[2:] == [task.lead, task.coordinators or None, task.expected_output or None,
                           task.deadline_text or None]
    first = by_title[detail.appendix[0].title]
    assert first[2] == "Phòng Văn hóa - Xã hội" and first[5] == "Hằng năm"
    assert_table_borders(ws, header, ws.max_row, 6)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9


def test_group_tasks_keeps_loose_tasks_last(demo_db):
    with demo_db.read() as session:
        detail = plans.get_plan(session, _plan_id(session))
    loose = detail.appendix[0].__class__(**{**detail.appendix[0].__dict__, "id": -1, "section_id": None})
    from dataclasses import replace

    detail = replace(detail, appendix=detail.appendix + (loose,))
    groups = group_tasks(detail)
    assert groups[-1][0] is None and groups[-1][1] == [loose]
    assert sum(len(rows) for _, rows in groups) == len(detail.appendix)


def test_unknown_plan_is_a_user_error(demo_db, tmp_path):
    with demo_db.read() as session, pytest.raises(NotFound):
        export_plan_appendix(session, 99999, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
