"""`python -m desktop self-test`: the smoke test the frozen build runs (`nq57.exe self-test`)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from desktop import selftest
from desktop.strings import selftest as S
from tests.cli.runner import run

STEP_LINE = re.compile(r"^(\d)/7 (.+): (đạt|LỖI) \((\d+,\d\d) giây\)")


def test_self_test_passes_prints_every_step_and_cleans_up():
    result = run("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = [STEP_LINE.match(line) for line in lines if STEP_LINE.match(line)]
    assert [m.group(2) for m in steps] == [label for label, _ in selftest.STEPS]
    assert all(m.group(3) == "đạt" for m in steps)
    assert lines[-1].startswith("Tự kiểm tra đạt: 7 bước")
    # the temporary folder (Vietnamese letters and spaces in its name) is gone afterwards
    folder = Path(lines[1].split(" — ", 1)[1])
    assert S.BASE_FOLDER in folder.parts
    assert not folder.exists() and not folder.parent.exists()
    assert result.stderr == ""


def test_keep_leaves_readable_outputs(tmp_path, capsys):
    assert selftest.main(keep=True, base=tmp_path) == 0
    out = capsys.readouterr().out
    root = next(tmp_path.glob(f"nq57-*/{S.BASE_FOLDER}"))
    assert str(root) in out
    exports = root / S.SENDER_FOLDER / "exports"
    pdf = (exports / selftest.PDF_NAME).read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    with zipfile.ZipFile(exports / selftest.XLSX_NAME) as book:
        assert "xl/workbook.xml" in book.namelist()
    packages = list(exports.glob("*.nq57"))
    assert len(packages) == 1
    with zipfile.ZipFile(packages[0]) as package:
        assert {"manifest.json", "data.json"} <= set(package.namelist())
    # the second folder received it: its own database exists and holds the unit
    receiver = root / S.RECEIVER_FOLDER / "nq57.sqlite"
    assert receiver.is_file()


def test_a_failing_step_is_named_and_the_folder_kept(tmp_path, capsys, monkeypatch):
    """A bundle without its demo data files: the demo step fails, nothing after it runs."""
    from desktop.core import demo

    monkeypatch.setattr(demo, "demo_dir", lambda: tmp_path / "không có")
    status = selftest.main(base=tmp_path)
    captured = capsys.readouterr()
    assert status == selftest.EXIT_FAILED
    assert f"2/7 {S.STEP_DEMO}: LỖI" in captured.out
    assert "3/7" not in captured.out
    assert captured.err.startswith(f"Tự kiểm tra KHÔNG đạt ở bước «{S.STEP_DEMO}»")
    assert "office.json" in captured.err
    kept = next(tmp_path.glob(f"nq57-*/{S.BASE_FOLDER}"))
    assert (kept / S.SENDER_FOLDER / "nq57.sqlite").exists()


def test_run_self_test_reports_each_step_as_it_goes(tmp_path):
    seen = []
    result = selftest.run_self_test(tmp_path, report=seen.append)
    assert result.ok and result.failed is None
    assert [step.number for step in seen] == list(range(1, 8))
    assert all(step.seconds >= 0 and step.detail for step in seen)
    assert not result.kept and not any(tmp_path.iterdir())
