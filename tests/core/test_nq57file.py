"""The `.nq57` envelope: what is written can be read back; every broken or hostile file is refused
with a Vietnamese message before anything is inflated beyond the limits or written anywhere.

`sample_manifest`, `sample_data`, `zip_bytes` and `repackage` are shared with test_receive.py."""

from __future__ import annotations

import hashlib
import io
import json
import warnings
import zipfile
from pathlib import Path

import pytest

from desktop.core import nq57file
from desktop.core.nq57file import PackageError, build_package, read_package, write_package

PERIOD = "2025-Q3"


def sample_manifest(code: str = "31234", name: str = "Phường Lê Chân", **extra) -> dict:
    unit = {"code": code, "name": name, "name_lines": ["ỦY BAN NHÂN DÂN", name.upper()], "kind": "ward"}
    return {"direction": "up", "content": "report", "unit": unit, "period": PERIOD,
            "created": "2025-09-20T08:30:00", **extra}


def sample_data(code: str = "31234", name: str = "Phường Lê Chân", *, title: str = "Triển khai dịch vụ công",
                values: list[dict] | None = None) -> dict:
    """A small, valid upward data.json: two departments, one directive, two tasks, three values."""
    dept, other, directive = "a" * 32, "b" * 32, "c" * 32
    return {
        "schema_version": 1,
        "unit": {"code": code, "name": name, "name_lines": ["ỦY BAN NHÂN DÂN", name.upper()], "kind": "ward"},
        "period": {"code": PERIOD, "start": "2025-06-15", "end": "2025-09-14", "name": "quý III/2025"},
        "as_of": "2025-09-14",
        "departments": [{"uid": dept, "name": "Văn phòng HĐND và UBND", "abbreviation": "VP"},
                        {"uid": other, "name": "Phòng Văn hóa - Xã hội", "abbreviation": "VHXH"}],
        "directives": [{"uid": directive, "doc_type": "plan", "number_symbol": "02-KH/BCĐTW",
                        "issued_on": "2025-06-19", "issuer": "Ban Chỉ đạo Trung ương", "summary": "Kế hoạch"}],
        "plans": [],
        "tasks": [
            {"uid": "d" * 32, "title": title, "details": "", "plan_uid": None, "lead_department_uid": dept,
             "lead_note": "", "coordinator_uids": [other], "coordination_note": "", "expected_output": "",
             "deadline": "2025-08-31", "recurrence": "none", "deadline_note": "", "phase": "1",
             "completed_on": "2025-08-20", "sources": [{"directive_uid": directive, "item_ref": "mục 1"}],
             "history": [{"on_date": "2025-07-01", "status": "in_progress", "note": "", "recorded_by": ""},
                         {"on_date": "2025-08-20", "status": "done", "note": "Xong", "recorded_by": "A"}],
             "evidence": [{"kind": "document", "file_name": "", "file_sha256": "", "file_size": 0,
                           "citation": "Quyết định số 12/QĐ-UBND", "note": ""}],
             "status": "done_on_time"},
            {"uid": "e" * 32, "title": "Số hóa hồ sơ", "details": "", "plan_uid": None, "lead_department_uid": None,
             "lead_note": "Các phòng", "coordinator_uids": [], "coordination_note": "", "expected_output": "",
             "deadline": None, "recurrence": "continuous", "deadline_note": "", "phase": "2", "completed_on": None,
             "sources": [], "history": [], "evidence": [], "status": "not_started"},
        ],
        "indicators": [
            {"code": "OPS.DOSSIER.RECEIVED", "name": "Hồ sơ tiếp nhận", "unit": "hồ sơ", "kind": "count",
             "group_code": "OPS.DOSSIER", "group_name": "Hồ sơ", "catalogue": "operations", "formula": "",
             "decimals": 0},
            {"code": "OPS.DOSSIER.ONLINE", "name": "Hồ sơ tiếp nhận trực tuyến", "unit": "hồ sơ", "kind": "count",
             "group_code": "OPS.DOSSIER", "group_name": "Hồ sơ", "catalogue": "operations", "formula": "",
             "decimals": 0},
            {"code": "MS.01", "name": "Tỷ lệ phủ sóng 5G", "unit": "%", "kind": "percent", "group_code": "MS.G1",
             "group_name": "Hạ tầng", "catalogue": "milestones", "formula": "", "decimals": 1},
        ],
        "values": values if values is not None else [
            {"code": "OPS.DOSSIER.RECEIVED", "value": "7036", "comment": ""},
            {"code": "OPS.DOSSIER.ONLINE", "value": "6410", "comment": "Theo Cổng dịch vụ công"},
            {"code": "MS.01", "value": "81.6", "comment": ""},
        ],
        "report": None,
    }


def sample_bytes(**kwargs) -> bytes:
    return build_package(sample_manifest(**kwargs), sample_data(**kwargs), {"bao-cao.pdf": b"%PDF-1.4\n%%EOF\n"})


def zip_bytes(members: list[tuple[str, bytes]], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip with exactly these members (names as given, duplicates allowed)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is what some tests want
        with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
            for name, body in members:
                archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 9, 20, 8, 30, 0)), body,
                                 compress_type=compression)
    return buffer.getvalue()


def manifest_for(bodies: dict[str, bytes], **changes) -> dict:
    manifest = {"format": "nq57-package", "format_version": 1, "schema_version": 1, "package_id": "f" * 32,
                **sample_manifest(), "app_version": "0.1.0",
                "members": {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in bodies.items()}}
    manifest.update(changes)
    return manifest


def repackage(*, data: dict | None = None, bodies: dict[str, bytes] | None = None, manifest_changes=None,
              manifest: dict | None = None, extra: list[tuple[str, bytes]] = ()) -> bytes:
    """A package written by hand (so it can be wrong in exactly one way)."""
    bodies = dict(bodies) if bodies is not None else {
        "data.json": json.dumps(data if data is not None else sample_data(), ensure_ascii=False).encode("utf-8")}
    manifest = manifest if manifest is not None else manifest_for(bodies, **(manifest_changes or {}))
    members = [("manifest.json", json.dumps(manifest, ensure_ascii=False).encode("utf-8")), *bodies.items(), *extra]
    return zip_bytes(members)


def refused(tmp_path: Path, body: bytes, name: str = "goi.nq57") -> str:
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(PackageError) as caught:
        read_package(path)
    return str(caught.value)


# ------------------------------------------------------------------ writing and reading back


def test_written_package_reads_back_with_every_member(tmp_path):
    data = sample_data()
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40
    path = write_package(tmp_path / "31234-phuong-le-chan-2025-Q3.nq57", sample_manifest(), data,
                         {"bao-cao.pdf": pdf, "so-lieu.xlsx": b"PK\x03\x04 not really"})
    package = read_package(path)
    assert package.data == data
    assert package.members["bao-cao.pdf"] == pdf
    assert json.loads(package.members["data.json"]) == data
    assert package.unit_code == "31234" and package.unit_name == "Phường Lê Chân"
    assert package.period_code == PERIOD and package.direction == "up" and package.content == "report"
    assert package.created.isoformat() == "2025-09-20T08:30:00"
    assert len(package.package_id) == 32
    assert package.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = package.manifest
    assert manifest["format"] == "nq57-package" and manifest["format_version"] == 1
    assert manifest["members"]["bao-cao.pdf"] == {"sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)}
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "manifest.json"
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_writing_refuses_a_wrong_suffix_or_member_name(tmp_path):
    with pytest.raises(PackageError, match=r"\.nq57"):
        write_package(tmp_path / "goi.zip", sample_manifest(), sample_data())
    with pytest.raises(PackageError, match="không hợp lệ"):
        build_package(sample_manifest(), sample_data(), {"../bao-cao.pdf": b"%PDF"})
    with pytest.raises(PackageError):
        build_package(sample_manifest(), sample_data(), {"manifest.json": b"{}"})
    assert list(tmp_path.iterdir()) == []


def test_text_is_kept_exactly(tmp_path):
    title = "=HYPERLINK(\"http://x\") {{OPS.DOSSIER.RECEIVED}} [[Bảng chỉ tiêu]] \u1ea0"
    path = tmp_path / "a.nq57"
    path.write_bytes(build_package(sample_manifest(), sample_data(title=title)))
    assert read_package(path).data["tasks"][0]["title"] == title


# ------------------------------------------------------------------ broken files


def test_not_a_zip(tmp_path):
    message = refused(tmp_path, "Báo cáo quý III".encode() * 50)
    assert "không phải gói dữ liệu NQ57" in message


def test_empty_file(tmp_path):
    assert "Tệp rỗng" in refused(tmp_path, b"")


def test_truncated_zip(tmp_path):
    body = sample_bytes()
    assert "cắt cụt" in refused(tmp_path, body[: len(body) // 2])
    assert "cắt cụt" in refused(tmp_path, body[:-10])


def test_member_checksum_mismatch(tmp_path):
    data = json.dumps(sample_data(), ensure_ascii=False).encode("utf-8")
    bodies = {"data.json": data}
    manifest = manifest_for(bodies)
    changed = data.replace(b"7036", b"9036")
    message = refused(tmp_path, repackage(bodies={"data.json": changed}, manifest=manifest))
    assert "SHA-256 không khớp" in message


def test_member_size_mismatch(tmp_path):
    data = json.dumps(sample_data(), ensure_ascii=False).encode("utf-8")
    manifest = manifest_for({"data.json": data})
    manifest["members"]["data.json"]["size"] += 1
    assert "khác với manifest.json" in refused(tmp_path, repackage(bodies={"data.json": data}, manifest=manifest))


def test_missing_manifest(tmp_path):
    body = zip_bytes([("data.json", json.dumps(sample_data()).encode())])
    assert "thiếu tệp manifest.json" in refused(tmp_path, body)


def test_a_word_document_is_not_a_package(tmp_path):
    body = zip_bytes([("[Content_Types].xml", b"<xml/>"), ("word/document.xml", b"<w/>")])
    message = refused(tmp_path, body)
    assert "không hợp lệ" in message or "manifest.json" in message


def test_missing_data(tmp_path):
    bodies = {"bao-cao.pdf": b"%PDF-1.4"}
    assert "thiếu tệp data.json" in refused(tmp_path, repackage(bodies=bodies))


def test_data_listed_but_absent(tmp_path):
    data = json.dumps(sample_data()).encode()
    manifest = manifest_for({"data.json": data})
    body = zip_bytes([("manifest.json", json.dumps(manifest).encode())])
    assert "thiếu tệp data.json" in refused(tmp_path, body)


def test_member_listed_but_absent(tmp_path):
    data = json.dumps(sample_data()).encode()
    manifest = manifest_for({"data.json": data, "bao-cao.pdf": b"%PDF"})
    body = zip_bytes([("manifest.json", json.dumps(manifest).encode()), ("data.json", data)])
    assert "«bao-cao.pdf» nhưng trong gói không có" in refused(tmp_path, body)


def test_member_not_listed(tmp_path):
    message = refused(tmp_path, repackage(extra=[("virus.exe", b"MZ")]))
    assert "«virus.exe»" in message and "không có trong danh sách" in message


def test_duplicate_member(tmp_path):
    data = json.dumps(sample_data()).encode()
    manifest = manifest_for({"data.json": data})
    body = zip_bytes([("manifest.json", json.dumps(manifest).encode()), ("data.json", data), ("DATA.json", data)])
    assert "hai lần" in refused(tmp_path, body)


def test_unknown_format(tmp_path):
    message = refused(tmp_path, repackage(manifest_changes={"format": "other-package"}))
    assert "định dạng «other-package»" in message


@pytest.mark.parametrize("field", ["format_version", "schema_version"])
def test_newer_version_asks_for_an_update(tmp_path, field):
    message = refused(tmp_path, repackage(manifest_changes={field: 2}))
    assert "cần cập nhật phần mềm" in message


def test_newer_data_schema_asks_for_an_update(tmp_path):
    data = sample_data()
    data["schema_version"] = 7
    assert "cần cập nhật phần mềm" in refused(tmp_path, repackage(data=data))


@pytest.mark.parametrize(("changes", "field"), [
    ({"format_version": "1"}, "format_version"),
    ({"package_id": 12345}, "package_id"),
    ({"package_id": "not-hex"}, "package_id"),
    ({"unit": ["31234"]}, "unit"),
    ({"unit": {"code": 31234, "name": "Phường Lê Chân"}}, "code"),
    ({"members": []}, "members"),
    ({"created": 20250920}, "created"),
    ({"direction": "sideways"}, "direction"),
])
def test_wrong_json_types_in_the_manifest(tmp_path, changes, field):
    message = refused(tmp_path, repackage(manifest_changes=changes))
    assert f"«{field}»" in message


def test_manifest_that_is_not_an_object_or_not_json(tmp_path):
    data = json.dumps(sample_data()).encode()
    body = zip_bytes([("manifest.json", b"[1, 2, 3]"), ("data.json", data)])
    assert "đối tượng JSON" in refused(tmp_path, body)
    body = zip_bytes([("manifest.json", b"{\"format\": "), ("data.json", data)])
    assert "sai cú pháp JSON" in refused(tmp_path, body)
    body = zip_bytes([("manifest.json", "{\"format\": \"nq57\"}".encode("utf-16")), ("data.json", data)])
    assert "UTF-8" in refused(tmp_path, body)


def test_data_with_nan_duplicate_keys_or_not_an_object(tmp_path):
    for raw, expected in ((b'{"schema_version": 1, "x": NaN}', "NaN"),
                          (b'{"schema_version": 1, "schema_version": 1}', "hai lần"),
                          (b'[1]', "đối tượng JSON"),
                          (b'[' * 100000 + b']' * 100000, "lồng nhau")):
        assert expected in refused(tmp_path, repackage(bodies={"data.json": raw}))


def test_dates_out_of_range_in_the_manifest(tmp_path):
    assert "«created»" in refused(tmp_path, repackage(manifest_changes={"created": "2300-01-01T00:00:00"}))
    assert "kỳ báo cáo" in refused(tmp_path, repackage(manifest_changes={"period": "1850-01-01..1850-03-01"}))
    assert "kỳ báo cáo" in refused(tmp_path, repackage(manifest_changes={"period": "2025-Q7"}))


@pytest.mark.parametrize(("name", "expected"), [
    ("../data.json", "«..»"),
    ("a/../../etc/passwd", "«..»"),
    ("/etc/passwd", "tuyệt đối"),
    ("C:/Windows/win.ini", "ổ đĩa"),
    ("C:win.ini", "ổ đĩa"),
    ("..\\..\\autoexec.bat", "«\\»"),
    ("thu muc/data.json", "không hợp lệ"),
])
def test_unsafe_member_paths(tmp_path, name, expected):
    message = refused(tmp_path, repackage(extra=[(name, b"x")]))
    assert expected in message
    assert "không an toàn" in message or "không hợp lệ" in message


def test_unsafe_path_listed_in_the_manifest(tmp_path):
    data = json.dumps(sample_data()).encode()
    manifest = manifest_for({"data.json": data, "../evil.pdf": b"x"})
    body = zip_bytes([("manifest.json", json.dumps(manifest).encode()), ("data.json", data)])
    assert "«..»" in refused(tmp_path, body)


def test_empty_package(tmp_path):
    assert "rỗng" in refused(tmp_path, zip_bytes([]))


def test_zip_bomb_by_compression_ratio(tmp_path):
    bomb = b"\0" * (20 * 1024 * 1024)  # 20 MB of zeros deflate to about 20 KB
    message = refused(tmp_path, repackage(extra=[("bao-cao.pdf", bomb)]))
    assert "bom nén" in message


def test_member_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(nq57file, "MAX_MEMBER_BYTES", 4096)
    noise = bytes(range(256)) * 32  # 8 KB that does not compress much
    message = refused(tmp_path, repackage(extra=[("bao-cao.pdf", noise)]))
    assert "quá lớn" in message


def test_total_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(nq57file, "MAX_TOTAL_BYTES", 12000)
    noise = bytes(range(256)) * 24
    message = refused(tmp_path, repackage(extra=[("a.pdf", noise), ("b.pdf", noise)]))
    assert "Nội dung gói quá lớn" in message


def test_a_header_that_lies_about_the_size_is_refused(tmp_path):
    """A member declaring 100 bytes that inflates to 5 MB: reading stops at the declared size and
    the member is refused as damaged — the 5 MB are never produced."""
    data = json.dumps(sample_data()).encode()
    body = bytearray(repackage(bodies={"data.json": data, "bao-cao.pdf": b"\0" * (5 * 1024 * 1024)}))
    with zipfile.ZipFile(io.BytesIO(bytes(body))) as archive:
        info = archive.getinfo("bao-cao.pdf")
    real = info.file_size.to_bytes(4, "little")
    fake = (100).to_bytes(4, "little")
    # the uncompressed size sits in the local header (offset 22) and the central directory (offset 24)
    local = info.header_offset
    assert body[local + 22: local + 26] == real
    body[local + 22: local + 26] = fake
    central, position = -1, 0
    while True:
        position = bytes(body).find(b"PK\x01\x02", position)
        if position < 0:
            break
        if bytes(body[position + 46: position + 46 + len(b"bao-cao.pdf")]) == b"bao-cao.pdf":
            central = position
        position += 4
    assert central >= 0
    body[central + 24: central + 28] = fake
    message = refused(tmp_path, bytes(body))
    assert "hỏng" in message or "khác với manifest.json" in message


def test_too_many_members(tmp_path):
    extra = [(f"tep-{i}.pdf", b"x") for i in range(nq57file.MAX_MEMBERS + 1)]
    assert "nhiều hơn mức cho phép" in refused(tmp_path, repackage(extra=extra))


def test_missing_file(tmp_path):
    with pytest.raises(PackageError, match="Không tìm thấy"):
        read_package(tmp_path / "khong-co.nq57")
