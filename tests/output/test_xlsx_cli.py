"""`plans export-xlsx` and `indicators export-xlsx` on the demo data; the CLI loads openpyxl only
when a command exports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from desktop.cli import main
from desktop.strings import export as X

ROOT = Path(__file__).resolve().parents[2]


def test_plans_export_xlsx(demo_folder, tmp_path, capsys):
    out = tmp_path / "phu-luc.xlsx"
    assert main(["plans", "export-xlsx", "1", "--out", str(out), "--data-dir", str(demo_folder.root)]) == 0
    assert X.EXPORTED.format(path=out) in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws.title == X.PLAN_SHEET and ws.page_setup.orientation == "landscape"


def test_plans_export_xlsx_bad_input(demo_folder, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["plans", "export-xlsx", "abc", "--out", str(out), "--data-dir", str(demo_folder.root)]) == 2
    assert "Mã kế hoạch «abc»" in capsys.readouterr().err
    assert main(["plans", "export-xlsx", "999", "--out", str(out), "--data-dir", str(demo_folder.root)]) == 2
    assert "Không tìm thấy kế hoạch" in capsys.readouterr().err
    assert not out.exists()


def test_indicators_export_xlsx(demo_folder, tmp_path, capsys):
    from desktop.core import indicators as core
    from desktop.core.periods import parse
    from desktop.db import Database

    out = tmp_path / "chi-tieu.xlsx"
    code = main(["indicators", "export-xlsx", "--period", "2025-Q3", "--out", str(out),
                 "--data-dir", str(demo_folder.root)])
    assert code == 0, capsys.readouterr().err
    database = Database(demo_folder, user="kiểm thử")
    try:
        with database.read() as session:
            rows = core.period_values(session, parse("2025-Q3"))
    finally:
        database.close()
    ws = load_workbook(out).active
    assert ws.title == "Chỉ tiêu 2025-Q3"
    header = next(r for r in range(1, 12) if ws.cell(r, 1).value == "TT")
    names = [ws.cell(r, 2).value for r in range(header + 1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    assert sorted(names) == sorted(r.indicator.name for r in rows)
    numbers = [r for r in rows if r.value is not None and not isinstance(r.value, (str, bool))]
    assert numbers, "the demo has numeric values for 2025-Q3"
    by_name = {ws.cell(r, 2).value: ws.cell(r, 5) for r in range(header + 1, ws.max_row + 1)}
    for row in numbers:
        cell = by_name[row.indicator.name]
        assert cell.data_type == "n" and float(cell.value) == float(row.value)


def test_indicators_export_xlsx_bad_period(demo_folder, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["indicators", "export-xlsx", "--period", "2025-Q9", "--out", str(out),
                 "--data-dir", str(demo_folder.root)]) == 2
    assert "Kỳ báo cáo «2025-Q9» không hợp lệ" in capsys.readouterr().err


def test_cli_and_core_do_not_load_openpyxl_until_exporting():
    probe = ("import desktop.cli, desktop.core.plans, desktop.core.indicators\n"
             "desktop.cli.build_parser()\n"
             "import sys; print('openpyxl' in sys.modules, 'desktop.export' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_indicators_export_the_two_plan_appendix_layouts(demo_folder, tmp_path, capsys):
    root = str(demo_folder.root)
    milestones, targets = tmp_path / "moc.xlsx", tmp_path / "2030.xlsx"
    assert main(["indicators", "export-xlsx", "--layout", "milestones", "--out", str(milestones), "--data-dir", root]) == 0
    assert main(["indicators", "export-xlsx", "--layout", "targets-2030", "--out", str(targets), "--data-dir", root]) == 0
    sheet = load_workbook(milestones).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Năm 2045" in cells and "Sản phẩm đầu ra" in cells
    assert any(isinstance(v, str) and "5G" in v for v in cells)
    sheet = load_workbook(targets).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("Tỷ lệ sử dụng dịch vụ công trực tuyến") for v in cells)
    assert main(["indicators", "export-xlsx", "--out", str(tmp_path / "x.xlsx"), "--data-dir", root]) == 2
    assert "--period" in capsys.readouterr().err
