"""Importing packages at the upper level: the round trip from a ward's export, several offices into
one folder, newer-wins, the importer's own rules, every bad file of the issue refused with the
database exactly as it was, dry runs, cancelling, the audit trail, and text that stays text."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core import backups, demo, office, receive
from desktop.core.exchange import collect_upward, export_package
from desktop.core.nq57file import build_package, read_package
from desktop.core.tasks import attachment_path
from desktop.db import Database, migrate
from desktop.models import AuditEntry, Indicator, IndicatorGroup, IndicatorValue, ReceivedPackage, Setting, Unit
from desktop.paths import DataFolder
from tests.core.test_nq57file import manifest_for, repackage, sample_data, sample_manifest, zip_bytes

RANGE = "2025-07-01..2025-11-17"
TODAY = date(2025, 11, 18)
Q3_TODAY = date(2025, 9, 20)


def _write(folder: Path, name: str, body: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(body)
    return path


def _package(folder: Path, name: str = "goi.nq57", *, code: str = "31234", unit_name: str = "Phường Lê Chân",
             created: str = "2025-09-20T08:30:00", data: dict | None = None, attachments=None, **extra) -> Path:
    manifest = sample_manifest(code, unit_name, **extra)
    manifest["created"] = created
    body = build_package(manifest, data if data is not None else sample_data(code, unit_name),
                         attachments if attachments is not None else {"bao-cao.pdf": b"%PDF-1.4\n% " +
                                                                       code.encode() + b"\n%%EOF\n"})
    return _write(folder, name, body)


def _snapshot(folder: DataFolder) -> tuple[dict[str, int], list[str]]:
    """Row counts of every table, and the files in attachments/."""
    connection = sqlite3.connect(folder.database)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        connection.close()
    files = sorted(str(p.relative_to(folder.attachments)) for p in folder.attachments.rglob("*") if p.is_file())
    return counts, files


def _values(session, unit_id: int, period_code: str) -> dict[str, tuple[str, str]]:
    rows = session.execute(select(Indicator.code, IndicatorValue.value_text, IndicatorValue.comment)
                           .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                           .where(IndicatorValue.unit_id == unit_id, IndicatorValue.period_code == period_code))
    return {code: (text, comment) for code, text, comment in rows}


@pytest.fixture
def files(tmp_path) -> Path:
    return tmp_path / "goi"


@pytest.fixture
def upper(tmp_path):
    """A brand-new, empty data folder beside the one of the conftest fixtures (no office)."""
    folder = DataFolder(tmp_path / "cap-tren").ensure()
    migrate(folder)
    database = Database(folder, user="Văn phòng BCĐ")
    yield database
    database.close()


@pytest.fixture
def city(db, files):
    """An upper level that already received one package (so there is something to protect)."""
    path = _package(files, "dau-tien.nq57", code="31999", unit_name="Phường Hải An")
    assert [r.status for r in receive.import_packages(db, [path], today=Q3_TODAY)] == ["imported"]
    return db


# ------------------------------------------------------------------ round trips with demo offices


def _variant_folder(tmp_path_factory, code: str, name: str) -> Path:
    root = tmp_path_factory.getbasetemp() / f"template-demo-{code}"
    if not (root / "nq57.sqlite").exists():
        folder = DataFolder(root).ensure()
        migrate(folder)
        database = Database(folder, user="kiểm thử")
        with database.unit_of_work() as session:
            demo.build_demo(session, folder, variant=demo.DemoVariant(code, name))
        database.close()
    return root


@pytest.fixture
def le_chan(tmp_path_factory, tmp_path):
    root = tmp_path / "le-chan"
    shutil.copytree(_variant_folder(tmp_path_factory, "31234", "Phường Lê Chân"), root)
    database = Database(DataFolder(root).ensure(), user="Lê Chân")
    yield database
    database.close()


@pytest.fixture
def tien_lang(tmp_path_factory, tmp_path):
    root = tmp_path / "tien-lang"
    shutil.copytree(_variant_folder(tmp_path_factory, "31555", "Xã Tiên Lãng"), root)
    database = Database(DataFolder(root).ensure(), user="Tiên Lãng")
    yield database
    database.close()


def test_round_trip_gives_identical_data(demo_db, upper, files):
    db = upper
    files.mkdir()
    out = export_package(demo_db, RANGE, files / "an-hai.nq57", today=TODAY).path
    with demo_db.read() as session:
        expected = collect_upward(session, RANGE, today=TODAY)
        own_values = _values(session, session.scalar(select(Unit.id).where(Unit.is_self.is_(True))), RANGE)
    before = {p for p in db.folder.backups.iterdir()}
    results = receive.import_packages(db, [out], today=TODAY)
    assert [(r.status, r.unit_code, r.unit_name, r.period_code) for r in results] == [
        ("imported", "11311", "Phường An Hải", RANGE)]
    package = read_package(out)
    with db.read() as session:
        unit = session.scalars(select(Unit).where(Unit.code == "11311")).one()
        assert not unit.is_self and unit.short_name == "Phường An Hải" and unit.name_lines == "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
        stored = session.scalars(select(ReceivedPackage)).one()
        assert json.loads(stored.data) == expected
        assert stored.data == package.data_text
        assert stored.current and stored.package_uid == package.package_id and stored.period_code == RANGE
        assert stored.created_at_source == package.created and stored.file_sha256 == package.file_sha256
        assert _values(session, unit.id, RANGE) == own_values
        pdf = attachment_path(db.folder, stored.pdf_sha256, stored.pdf_name)
        xlsx = attachment_path(db.folder, stored.xlsx_sha256, stored.xlsx_name)
    assert pdf.read_bytes() == package.members["bao-cao.pdf"]
    assert xlsx.read_bytes() == package.members["so-lieu.xlsx"]
    assert backups.check(db.folder) == []
    assert {p for p in db.folder.backups.iterdir()} == before  # nothing to protect yet: no backup

    again = receive.import_packages(db, [out], today=TODAY)
    assert again[0].status == "unchanged" and "đã được nhập" in again[0].reason


def test_two_demo_offices_into_a_third_folder(le_chan, tien_lang, db, files):
    files.mkdir()
    sent = [export_package(office_db, RANGE, files / f"{code}.nq57", today=TODAY).path
            for office_db, code in ((le_chan, "31234"), (tien_lang, "31555"))]
    own = []
    for office_db in (le_chan, tien_lang):
        with office_db.read() as session:
            own.append(_values(session, session.scalar(select(Unit.id).where(Unit.is_self.is_(True))), RANGE))
    assert own[0] != own[1]  # two demo offices really differ
    assert own[0]["OPS.DOSSIER.RECEIVED"] != own[1]["OPS.DOSSIER.RECEIVED"]
    results = receive.import_packages(db, sent, today=TODAY)
    assert [(r.status, r.unit_code, r.unit_name) for r in results] == [
        ("imported", "31234", "Phường Lê Chân"), ("imported", "31555", "Xã Tiên Lãng")]
    with db.read() as session:
        units = {u.code: (u.id, u.kind) for u in session.scalars(select(Unit))}
        assert set(units) == {"31234", "31555"} and units["31555"][1] == "commune"
        for code, values in zip(("31234", "31555"), own, strict=True):
            assert _values(session, units[code][0], RANGE) == values
        data = {rp.unit_id: json.loads(rp.data) for rp in session.scalars(select(ReceivedPackage))}
    units = {code: unit_id for code, (unit_id, _kind) in units.items()}
    statuses = [sorted(t["status"] for t in data[units[c]]["tasks"]) for c in ("31234", "31555")]
    assert statuses[0] != statuses[1]
    assert "PHƯỜNG LÊ CHÂN" in json.dumps(data[units["31234"]]["report"]["document"], ensure_ascii=False)
    assert backups.check(db.folder) == []


# ------------------------------------------------------------------ newer wins


def test_newer_replaces_older_and_older_is_refused(db, files):
    first = _package(files, "a.nq57", created="2025-09-20T08:00:00")
    newer_data = sample_data(values=[{"code": "OPS.DOSSIER.RECEIVED", "value": "7100", "comment": "đã rà soát"}])
    newer = _package(files, "b.nq57", created="2025-09-22T10:15:00", data=newer_data)
    oldest = _package(files, "c.nq57", created="2025-09-19T07:00:00")
    assert receive.import_packages(db, [first], today=Q3_TODAY)[0].status == "imported"
    results = receive.import_packages(db, [newer, oldest], today=Q3_TODAY)
    assert [r.status for r in results] == ["replaced", "refused"]
    assert "mới hơn" in results[1].reason and "22/09/2025 10:15" in results[1].reason
    with db.read() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.code == "31234"))
        assert _values(session, unit_id, "2025-Q3") == {"OPS.DOSSIER.RECEIVED": ("7100", "đã rà soát")}
        rows = session.execute(select(ReceivedPackage.created_at_source, ReceivedPackage.current)
                               .order_by(ReceivedPackage.created_at_source)).all()
    assert rows == [(datetime(2025, 9, 20, 8, 0), False), (datetime(2025, 9, 22, 10, 15), True)]
    # imported in the other order, the older one never overwrites
    assert [r.status for r in receive.import_packages(db, [first], today=Q3_TODAY)] == ["unchanged"]


def test_older_first_in_a_fresh_folder_then_newer(db, files):
    newer = _package(files, "b.nq57", created="2025-09-22T10:15:00")
    older = _package(files, "a.nq57", created="2025-09-20T08:00:00")
    results = receive.import_packages(db, [newer, older], today=Q3_TODAY)
    assert [r.status for r in results] == ["imported", "refused"]
    with db.read() as session:
        assert session.scalar(select(ReceivedPackage.created_at_source)) == datetime(2025, 9, 22, 10, 15)


def test_same_package_id_with_other_data_is_refused(db, files):
    manifest = sample_manifest()
    manifest["package_id"] = "9" * 32
    one = _write(files, "a.nq57", build_package(manifest, sample_data()))
    other = _write(files, "b.nq57", build_package(manifest, sample_data(title="Một nhiệm vụ khác")))
    results = receive.import_packages(db, [one, other], today=Q3_TODAY)
    assert [r.status for r in results] == ["imported", "refused"]
    assert "nội dung khác" in results[1].reason


# ------------------------------------------------------------------ the importer's own rules


def test_own_package_is_refused(office_db, files):
    path = _package(files, code="11311", unit_name="Phường An Hải")
    before = _snapshot(office_db.folder)
    result = receive.import_packages(office_db, [path], today=Q3_TODAY)[0]
    assert result.status == "refused" and "chính đơn vị này" in result.reason
    assert _snapshot(office_db.folder) == before


@pytest.mark.parametrize("key", ["exchange.expected_units", "consolidate.expected_units"])
def test_unit_not_in_the_expected_list_is_refused(city, files, key):
    with city.unit_of_work() as session:
        office.set_setting(session, key, json.dumps([["31555", "Xã Tiên Lãng"], ["31999", "Phường Hải An"]]))
    before = _snapshot(city.folder)
    result = receive.import_packages(city, [_package(files)], today=Q3_TODAY)[0]
    assert result.status == "refused" and "31234" in result.reason and "danh sách đơn vị" in result.reason
    assert _snapshot(city.folder) == before
    assert receive.import_packages(city, [_package(files, "x.nq57", code="31555", unit_name="Xã Tiên Lãng")],
                                   today=Q3_TODAY)[0].status == "imported"


def test_period_not_started_yet_is_refused(city, files):
    before = _snapshot(city.folder)
    result = receive.import_packages(city, [_package(files)], today=date(2025, 6, 1))[0]
    assert result.status == "refused" and "chưa tới" in result.reason
    assert _snapshot(city.folder) == before


def test_package_dated_after_today_is_refused(city, files):
    """A sender's wrong clock must not make a package "newest" for ever and block the real ones."""
    before = _snapshot(city.folder)
    result = receive.import_packages(city, [_package(files, created="2099-01-01T08:00:00")], today=Q3_TODAY)[0]
    assert result.status == "refused" and "đồng hồ máy tính nơi gửi bị sai" in result.reason
    assert _snapshot(city.folder) == before
    tomorrow = (date.today() + timedelta(days=1)).isoformat() + "T07:00:00"
    assert receive.import_packages(city, [_package(files, "mai.nq57", created=tomorrow)],
                                   today=Q3_TODAY)[0].status == "imported"  # a day's grace for time zones


def test_downward_package_needs_an_office(demo_db, upper, files):
    from desktop.core.downward import export_downward

    files.mkdir()
    path = export_downward(demo_db, "tasks", files / "xuong.nq57")
    before = _snapshot(upper.folder)
    result = receive.import_packages(upper, [path], today=TODAY)[0]
    assert result.status == "refused" and "khai báo thông tin cơ quan" in result.reason
    assert _snapshot(upper.folder) == before
    with upper.unit_of_work() as session:
        office.save_office(session, office.suggest_office("Xã Tiên Lãng"))
    preview = receive.preview_packages(upper, [path], today=TODAY)[0]
    assert preview.direction == "down" and preview.status == "new" and preview.counts.get("created")
    assert receive.import_packages(upper, [path], today=TODAY)[0].status == "imported"
    assert receive.import_packages(upper, [path], today=TODAY)[0].status == "unchanged"


# ------------------------------------------------------------------ every bad file of the issue


def _bad_truncated() -> bytes:
    body = build_package(sample_manifest(), sample_data())
    return body[: len(body) * 2 // 3]


def _bad_checksum() -> bytes:
    data = json.dumps(sample_data(), ensure_ascii=False).encode()
    manifest = manifest_for({"data.json": data})
    return repackage(bodies={"data.json": data.replace(b"7036", b"7037")}, manifest=manifest)


def _bad_data(change) -> bytes:
    data = sample_data()
    change(data)
    return repackage(data=data)


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


BAD_FILES = {
    "not-a-zip": (lambda: "Không phải tệp nén".encode() * 40, "không phải gói dữ liệu NQ57"),
    "empty-file": (lambda: b"", "Tệp rỗng"),
    "truncated": (_bad_truncated, "cắt cụt"),
    "checksum": (_bad_checksum, "SHA-256 không khớp"),
    "missing-manifest": (lambda: zip_bytes([("data.json", json.dumps(sample_data()).encode())]), "manifest.json"),
    "missing-data": (lambda: repackage(bodies={"bao-cao.pdf": b"%PDF-1.4"}), "thiếu tệp data.json"),
    "unknown-format": (lambda: repackage(manifest_changes={"format": "excel"}), "định dạng «excel»"),
    "newer-schema": (lambda: repackage(manifest_changes={"schema_version": 2}), "cần cập nhật phần mềm"),
    "newer-format": (lambda: repackage(manifest_changes={"format_version": 3}), "cần cập nhật phần mềm"),
    "wrong-type-manifest": (lambda: repackage(manifest_changes={"members": "data.json"}), "«members»"),
    "wrong-type-title": (lambda: _bad_data(_set(["tasks", 0, "title"], 12)), "«title» phải là chuỗi ký tự"),
    "wrong-type-tasks": (lambda: _bad_data(_set(["tasks"], {"a": 1})), "«tasks» phải là danh sách"),
    "wrong-type-value": (lambda: _bad_data(_set(["values", 0, "value"], 7036)), "«value» phải là chuỗi ký tự"),
    "date-out-of-range": (lambda: _bad_data(_set(["tasks", 0, "deadline"], "1850-01-01")), "1990–2100"),
    "date-not-in-calendar": (lambda: _bad_data(_set(["tasks", 0, "history", 0, "on_date"], "2025-02-30")),
                             "«on_date»"),
    "number-out-of-range": (lambda: _bad_data(_set(["values", 0, "value"], "9999999999999999")), "vượt giới hạn"),
    "number-not-finite": (lambda: repackage(bodies={"data.json": b'{"schema_version": 1, "x": Infinity}'}),
                          "Infinity"),
    "count-not-integer": (lambda: _bad_data(_set(["values", 0, "value"], "70.5")), "số nguyên không âm"),
    "percent-over-100": (lambda: _bad_data(_set(["values", 2, "value"], "181.6")), "0–100"),
    "size-number-range": (lambda: _bad_data(_set(["tasks", 0, "evidence", 0, "file_size"], -5)), "«file_size»"),
    "parent-path": (lambda: repackage(extra=[("../../data.json", b"{}")]), "«..»"),
    "absolute-path": (lambda: repackage(extra=[("/etc/cron.d/x", b"x")]), "tuyệt đối"),
    "drive-letter": (lambda: repackage(extra=[("C:/Windows/x.dll", b"x")]), "ổ đĩa"),
    "backslash": (lambda: repackage(extra=[("..\\x.dll", b"x")]), "«\\»"),
    "zip-bomb": (lambda: repackage(extra=[("bao-cao.pdf", b"\0" * (30 * 1024 * 1024))]), "bom nén"),
    "empty-package": (lambda: zip_bytes([]), "rỗng"),
    "unlisted-member": (lambda: repackage(extra=[("them.exe", b"MZ")]), "không có trong danh sách"),
    "unknown-status": (lambda: _bad_data(_set(["tasks", 0, "history", 0, "status"], "xong")), "«xong»"),
    "dangling-reference": (lambda: _bad_data(_set(["tasks", 0, "lead_department_uid"], "0" * 32)), "không có trong gói"),
    "fake-pdf": (lambda: build_package(sample_manifest(), sample_data(), {"bao-cao.pdf": b"MZ\x90\x00"}),
                 "không phải tệp PDF"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_and_nothing_changes(city, files, case):
    make, expected = BAD_FILES[case]
    path = _write(files, f"{case}.nq57", make())
    before = _snapshot(city.folder)
    backups_before = sorted(p.name for p in city.folder.backups.iterdir())
    preview = receive.preview_packages(city, [path], today=Q3_TODAY)[0]
    assert preview.status == "refused" and expected in preview.reason, preview.reason
    results = receive.import_packages(city, [path], today=Q3_TODAY)
    assert [r.status for r in results] == ["refused"]
    assert expected in results[0].reason, results[0].reason
    assert _snapshot(city.folder) == before
    assert backups.check(city.folder) == []
    assert sorted(p.name for p in city.folder.backups.iterdir()) == backups_before


def test_member_over_the_size_limit_is_refused(city, files, monkeypatch):
    from desktop.core import nq57file

    path = _package(files, attachments={"bao-cao.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 400})
    monkeypatch.setattr(nq57file, "MAX_MEMBER_BYTES", 50_000)
    before = _snapshot(city.folder)
    result = receive.import_packages(city, [path], today=Q3_TODAY)[0]
    assert result.status == "refused" and "quá lớn" in result.reason
    assert _snapshot(city.folder) == before and backups.check(city.folder) == []


def test_every_unreadable_row_is_listed(city, files):
    data = sample_data(values=[
        {"code": "OPS.DOSSIER.RECEIVED", "value": "bảy nghìn", "comment": ""},
        {"code": "OPS.DOSSIER.ONLINE", "value": "-3", "comment": ""},
        {"code": "MS.01", "value": "81,6", "comment": ""},
        {"code": "KHONG.CO", "value": "1", "comment": ""},
    ])
    data["tasks"][1]["deadline"] = "2025-13-01"
    data["tasks"][1]["recurrence"] = "monthly"
    path = _package(files, data=data)
    preview = receive.preview_packages(city, [path], today=Q3_TODAY)[0]
    assert preview.status == "refused"
    assert len(preview.problems) == 6, preview.problems
    joined = "\n".join(preview.problems)
    for expected in ("Số liệu 1 (OPS.DOSSIER.RECEIVED): «bảy nghìn» không phải số",
                     "Số liệu 2 (OPS.DOSSIER.ONLINE): «-3» phải là số nguyên không âm",
                     "Số liệu 3 (MS.01): «81,6» không phải số",
                     "«KHONG.CO» không có trong danh mục chỉ tiêu của gói",
                     "Nhiệm vụ 2 («Số hóa hồ sơ»): mục «deadline»",
                     "loại thời hạn «monthly»"):
        assert expected in joined, expected
    assert "5 lỗi khác" in preview.reason


def test_value_that_does_not_fit_this_offices_indicator_kind(city, files):
    data = sample_data()
    data["indicators"][0]["kind"] = "text"
    data["values"][0]["value"] = "khoảng bảy nghìn"
    preview = receive.preview_packages(city, [_package(files, data=data)], today=Q3_TODAY)[0]
    assert preview.status == "refused" and "loại «text», ở máy này là loại «count»" in preview.reason


def test_unknown_indicators_are_created_with_their_group(city, files):
    data = sample_data()
    data["indicators"] += [
        {"code": "XA.CAMERA.TOTAL", "name": "Camera an ninh lắp mới", "unit": "chiếc", "kind": "count",
         "group_code": "XA.CAMERA", "group_name": "Camera an ninh", "catalogue": "xa", "formula": "", "decimals": 0},
        {"code": "XA.CAMERA.SHARE", "name": "Tỷ lệ hồ sơ trên camera", "unit": "%", "kind": "percent",
         "group_code": "XA.CAMERA", "group_name": "Camera an ninh", "catalogue": "xa",
         "formula": "XA.CAMERA.TOTAL / OPS.DOSSIER.RECEIVED * 100", "decimals": 1},
    ]
    data["values"].append({"code": "XA.CAMERA.TOTAL", "value": "12", "comment": ""})
    path = _package(files, data=data)
    preview = receive.preview_packages(city, [path], today=Q3_TODAY)[0]
    assert preview.status == "new" and preview.counts["new_indicators"] == 2 and preview.counts["new_groups"] == 1
    assert any("Camera an ninh" in action for action in preview.actions)
    assert receive.import_packages(city, [path], today=Q3_TODAY)[0].status == "imported"
    with city.read() as session:
        group = session.scalars(select(IndicatorGroup).where(IndicatorGroup.code == "XA.CAMERA")).one()
        created = {i.code: (i.kind, i.builtin, i.formula)
                   for i in session.scalars(select(Indicator).where(Indicator.group_id == group.id))}
    assert created == {"XA.CAMERA.TOTAL": ("count", False, ""),
                       "XA.CAMERA.SHARE": ("percent", False, "XA.CAMERA.TOTAL / OPS.DOSSIER.RECEIVED * 100")}
    # a formula going round in circles is refused
    data["indicators"][-1]["formula"] = "XA.LOOP * 2"
    data["indicators"].append({"code": "XA.LOOP", "name": "Vòng", "unit": "", "kind": "number",
                               "group_code": "XA.CAMERA", "group_name": "Camera an ninh", "catalogue": "xa",
                               "formula": "XA.CAMERA.SHARE + 1", "decimals": 0})
    data["indicators"][-2]["code"] = "XA.CAMERA.SHARE2"
    data["indicators"][-1]["formula"] = "XA.CAMERA.SHARE2 + 1"
    data["indicators"][-2]["formula"] = "XA.LOOP * 2"
    preview = receive.preview_packages(city, [_package(files, "loop.nq57", data=data)], today=Q3_TODAY)[0]
    assert preview.status == "refused" and "vòng quanh" in preview.reason
    assert [p for p in preview.problems if "vòng quanh" in p] == [
        "Chỉ tiêu 5 (XA.CAMERA.SHARE2): công thức tính vòng quanh (chỉ tiêu tự phụ thuộc chính nó).",
        "Chỉ tiêu 6 (XA.LOOP): công thức tính vòng quanh (chỉ tiêu tự phụ thuộc chính nó)."]


def test_imported_text_is_never_evaluated(city, files):
    tricky = ['=HYPERLINK("http://example.invalid","Bấm")', "{{OPS.DOSSIER.RECEIVED}}", "[[Bảng chỉ tiêu]]",
              "+cmd|' /C calc'!A0", "@SUM(1+1)"]
    data = sample_data(title=tricky[0])
    data["tasks"][1]["title"] = tricky[1]
    data["tasks"][1]["lead_note"] = tricky[2]
    data["values"][1]["comment"] = tricky[3]
    data["directives"][0]["summary"] = tricky[4]
    path = _package(files, data=data)
    assert receive.import_packages(city, [path], today=Q3_TODAY)[0].status == "imported"
    with city.read() as session:
        stored = json.loads(session.scalar(select(ReceivedPackage.data).where(ReceivedPackage.current.is_(True))
                                           .order_by(ReceivedPackage.id.desc())))
        comment = session.scalar(select(IndicatorValue.comment).join(Indicator).join(Unit)
                                 .where(Indicator.code == "OPS.DOSSIER.ONLINE", Unit.code == "31234"))
    assert stored["tasks"][0]["title"] == tricky[0]
    assert stored["tasks"][1]["title"] == tricky[1] and stored["tasks"][1]["lead_note"] == tricky[2]
    assert stored["directives"][0]["summary"] == tricky[4]
    assert comment == tricky[3]


# ------------------------------------------------------------------ dry run, progress, cancel, audit, backup


def test_preview_writes_nothing_and_sees_the_batch(city, files):
    a = _package(files, "a.nq57", created="2025-09-20T08:00:00")
    b = _package(files, "b.nq57", created="2025-09-21T08:00:00",
                 data=sample_data(values=[{"code": "MS.01", "value": "90", "comment": ""}]))
    before = _snapshot(city.folder)
    previews = receive.preview_packages(city, [a, b, a], today=Q3_TODAY)
    assert [p.status for p in previews] == ["new", "replace", "unchanged"]
    assert previews[0].counts == {"tasks": 2, "values": 3, "indicators": 3, "new_indicators": 0, "new_groups": 0,
                                  "replaced_values": 0, "pdf": 1, "xlsx": 0}
    assert any("Tạo đơn vị mới 31234" in action for action in previews[0].actions)
    assert _snapshot(city.folder) == before


def test_progress_and_cancel_keep_what_was_fully_imported(db, files):
    paths = [_package(files, f"{code}.nq57", code=code, unit_name=f"Phường {code}") for code in ("31001", "31002",
                                                                                                 "31003")]
    seen = []

    def progress(done, total, name):
        seen.append((done, total, name))

    results = receive.import_packages(db, paths, progress=progress, cancelled=lambda: len(seen) >= 2, today=Q3_TODAY)
    assert [r.unit_code for r in results] == ["31001", "31002"]
    assert seen == [(0, 3, "31001.nq57"), (1, 3, "31002.nq57"), (2, 3, "")]
    with db.read() as session:
        assert sorted(session.scalars(select(Unit.code))) == ["31001", "31002"]
        assert len(session.scalars(select(ReceivedPackage)).all()) == 2
    assert backups.check(db.folder) == []


def test_one_audit_entry_per_package_and_a_backup_first(city, files):
    older = _package(files, "a.nq57", created="2025-09-20T08:00:00")
    newer = _package(files, "b.nq57", created="2025-09-21T08:00:00")
    with city.read() as session:
        entries_before = len(session.scalars(select(AuditEntry)).all())
    receive.import_packages(city, [older, newer], today=Q3_TODAY)
    with city.read() as session:
        entries = session.execute(select(AuditEntry.table_name, AuditEntry.label)
                                  .order_by(AuditEntry.id)).all()[entries_before:]
    tables = [table for table, _label in entries]
    assert tables.count("received_packages") == 2
    assert "indicator_values" not in tables
    assert "Phường Lê Chân" in entries[-1][1] and "2025-Q3" in entries[-1][1]
    names = [p.name for p in city.folder.backups.iterdir()]
    assert len(names) == 1 and names[0].endswith(".sqlite")


def test_settings_rows_unchanged_by_refusals(city, files):
    with city.read() as session:
        settings = session.scalars(select(Setting)).all()
    assert receive.import_packages(city, [files / "khong-co.nq57"], today=Q3_TODAY)[0].status == "refused"
    with city.read() as session:
        assert len(session.scalars(select(Setting)).all()) == len(settings)
