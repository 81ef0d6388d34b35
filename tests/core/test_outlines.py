"""Outlines (đề cương): built-ins, saving, copying, deleting, and the file format."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core import markup, outlines, sections
from desktop.core import numbering as nb
from desktop.core.changes import ALL, OUTLINES
from desktop.core.errors import NotFound, UserError, ValidationError
from desktop.models import Outline
from desktop.paths import resources_dir

TASK_FILTERS = {"quá hạn", "đang thực hiện", "hoàn thành", "chưa hoàn thành", "tất cả"}
FIXED_BLOCKS = {"Nhiệm vụ theo giai đoạn", "Nhiệm vụ theo văn bản", "Nhiệm vụ theo bộ phận", "Tổng hợp nhiệm vụ",
                "Tổng hợp đơn vị gửi báo cáo", "Bảng tổng hợp chỉ tiêu", "Bảng nhiệm vụ theo đơn vị"}
PERIOD_FIELDS = {"kỳ báo cáo", "từ ngày", "đến ngày", "năm", "đơn vị",
                 "số đơn vị đã gửi", "số đơn vị gửi muộn", "số đơn vị chưa gửi", "đơn vị chưa gửi",
                 "hạn gửi báo cáo", "tỷ lệ hoàn thành nhiệm vụ chung"}


def _catalogue(name: str) -> dict:
    return json.loads((resources_dir() / "catalogues" / name).read_text(encoding="utf-8"))


def _operations_codes() -> tuple[set[str], set[str]]:
    data = _catalogue("operations.json")
    groups = {group["code"] for group in data["groups"]}
    codes = {item["code"] for group in data["groups"] for item in group["indicators"]}
    return groups, codes


def _table_targets() -> set[str]:
    """What «Bảng chỉ tiêu: …» accepts: a group code or a catalogue key."""
    targets = set()
    for path in (resources_dir() / "catalogues").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        targets.add(data["catalogue"])
        targets.update(group["code"] for group in data["groups"])
    return targets


def _check_markup(text: str, where: str) -> int:
    """Every block and field in the text is in the agreed vocabulary; returns how many were used."""
    groups, codes = _operations_codes()
    used = 0
    for block in markup.blocks(text):
        used += 1
        if block in FIXED_BLOCKS:
            continue
        name, _, argument = block.partition(":")
        argument = argument.strip()
        if name in ("Danh sách nhiệm vụ", "Bảng nhiệm vụ"):
            assert argument in TASK_FILTERS, (where, block)
        elif name == "Câu chỉ tiêu":
            parts = [p.strip() for p in argument.split(",")]
            assert all(p in groups or p in codes for p in parts), (where, block)
        elif name == "Bảng chỉ tiêu":
            assert argument in _table_targets(), (where, block)
        else:
            pytest.fail(f"unknown block [[{block}]] in {where}")
    for name in markup.fields(text):
        used += 1
        if name in PERIOD_FIELDS:
            continue
        if name.startswith("tổng:"):  # a consolidated total: {{tổng: OPS.DOSSIER.RECEIVED}}
            name = name.removeprefix("tổng:")
        parts = [p.strip() for p in name.split("/")]
        assert 1 <= len(parts) <= 2, (where, name)
        for part in parts:
            assert part in codes, f"{where}: {{{{{name}}}}} uses an indicator code not in operations.json"
    # no half-typed marks left behind
    for line in text.split("\n"):
        assert line.count("{{") == line.count("}}"), (where, line)
        if "[[" in line:
            assert markup.BLOCK.match(line), (where, line)
    return used


# ----------------------------------------------------------------------------- built-ins


def test_builtin_files_read_and_validate():
    builtins = {detail.builtin_key: detail for _position, detail in outlines.read_builtins()}
    assert list(builtins) == ["nq57-periodic", "implementation-plan", "blank", "consolidated"]
    periodic = builtins["nq57-periodic"]
    assert periodic.kind == "report"
    assert (periodic.document.doc_type, periodic.document.symbol) == ("BÁO CÁO", "BC-UBND")
    assert "{{kỳ báo cáo}}" in periodic.document.summary
    assert periodic.document.closing.endswith("./.")
    assert periodic.document.recipients == ("UBKT Đảng ủy phường", "CT, PCT UBND phường")
    plan = builtins["implementation-plan"]
    assert (plan.kind, plan.document.doc_type, plan.document.symbol) == ("plan", "KẾ HOẠCH", "KH-UBND")
    assert len(plan.document.appendices) == 3
    blank = builtins["blank"]
    assert blank.document.doc_type == "BÁO CÁO"
    assert len(blank.tree) == 1 and blank.tree[0].numbering == nb.ROMAN and not blank.tree[0].heading
    for detail in builtins.values():
        assert outlines.tree_problem(detail.tree) == ""
        keys = [node.key for node, _ in sections.walk(detail.tree)]
        assert len(keys) == len(set(keys))


def test_periodic_outline_follows_the_an_hai_report():
    detail = outlines.read_builtin("nq57-periodic")
    labels = sections.labels(detail.tree)
    titles = [sections.title(node, labels[node.key]) for node, _ in sections.walk(detail.tree)]
    expected_order = [
        "A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "2. Thống kê các nhiệm vụ thực hiện:",
        "II. VỀ HOÀN THIỆN THỂ CHẾ, CƠ CHẾ, CHÍNH SÁCH",
        "Nguyên nhân khách quan",
        "Nguyên nhân chủ quan",
        "III. VỀ CHUYỂN ĐỔI SỐ QUỐC GIA",
        "c) Kết quả thực hiện nhiệm vụ theo Kế hoạch số 02-KH/BCĐTW",
        "IV. VỀ KHOA HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO",
        "3.1. Nguyên nhân khách quan:",
        "V. VỀ BẢO ĐẢM KINH PHÍ CHO KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ",
        "VI. KIẾN NGHỊ, ĐỀ XUẤT",
        "3. Giải pháp khắc phục hạn chế",
    ]
    positions = [titles.index(t) for t in expected_order]
    assert positions == sorted(positions)
    # the unnumbered causes print bold, with no number
    objective = next(node for node, _ in sections.walk(detail.tree) if node.heading == "Nguyên nhân khách quan")
    assert labels[objective.key] == "" and objective.look()[1] is True
    # every top section has guidance; sections with figures carry live fields and blocks
    nodes = [node for node, _ in sections.walk(detail.tree)]
    with_guidance = [node for node in nodes if node.guidance]
    assert len(with_guidance) >= len(nodes) * 0.7
    phase = next(node for node in nodes if node.heading.startswith("Thống kê các nhiệm vụ"))
    assert "[[Nhiệm vụ theo giai đoạn]]" in phase.content and phase.run_in
    dossiers = next(node for node in nodes if node.heading == "Về cung cấp dịch vụ công trực tuyến")
    assert "{{OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED}}" in dossiers.content


def test_every_block_and_field_in_builtin_content_is_known():
    used = 0
    for _position, detail in outlines.read_builtins():
        for node, _depth in sections.walk(detail.tree):
            used += _check_markup(node.content, f"{detail.builtin_key}/{node.heading}")
        for name in ("summary", "opening", "closing"):
            used += _check_markup(getattr(detail.document, name), f"{detail.builtin_key}/{name}")
        for appendix in detail.document.appendices:
            used += _check_markup(appendix.get("content", ""), f"{detail.builtin_key}/appendix")
    assert used >= 40


def test_builtin_text_is_nfc():
    for path in outlines.builtin_files():
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path.name


def test_ensure_builtins_is_idempotent_and_refreshes(db, tmp_path):
    with db.unit_of_work() as session:
        changes = outlines.ensure_builtins(session)
        assert changes.touches(OUTLINES)
    with db.unit_of_work() as session:
        assert not outlines.ensure_builtins(session).kinds
        rows = outlines.list_outlines(session)
        assert [r.builtin_key for r in rows] == ["nq57-periodic", "implementation-plan", "blank", "consolidated"]
        assert all(r.builtin for r in rows)
        assert rows[0].section_count == 35
        assert [r.builtin_key for r in outlines.list_outlines(session, kind="plan")] == ["implementation-plan"]
        first_id = rows[0].id

    # a new version of the files: a changed heading is refreshed in place, a removed file retires
    folder = tmp_path / "outlines"
    folder.mkdir()
    for path in outlines.builtin_files():
        if path.name != "blank.json":
            (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = json.loads((folder / "nq57-periodic.json").read_text(encoding="utf-8"))
    changed["sections"][0]["heading"] = "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH"
    (folder / "nq57-periodic.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    with db.unit_of_work() as session:
        assert outlines.ensure_builtins(session, folder).touches(OUTLINES)
    with db.read() as session:
        rows = outlines.list_outlines(session)
        assert [r.builtin_key for r in rows] == ["nq57-periodic", "implementation-plan", "consolidated"]
        detail = outlines.get_outline(session, first_id)
        assert detail.tree[0].heading == "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH"
        assert outlines.find_builtin(session, "blank") is None
        assert outlines.find_builtin(session, "nq57-periodic").id == first_id
    with db.unit_of_work() as session:
        assert outlines.ensure_builtins(session).touches(OUTLINES)  # blank comes back
        assert len(outlines.list_outlines(session)) == 4


def test_changes_kind_registered():
    assert OUTLINES == "outlines" and OUTLINES in ALL


# ----------------------------------------------------------------------------- saving


def _tree(*headings: str, numbering: str = nb.ROMAN) -> sections.Tree:
    return tuple(sections.SectionNode(key=f"k{i}", numbering=numbering, heading=h) for i, h in enumerate(headings))


def _save(session, outline_id=None, name="Báo cáo quý của thành phố", kind="report", description="",
          document=None, tree=None):
    return outlines.save_outline(session, outline_id, name, kind, description, document or outlines.DocumentDefaults(),
                                 tree if tree is not None else _tree("MỘT", "HAI"))


def test_save_creates_and_replaces_a_user_outline(db):
    document = outlines.DocumentDefaults(
        doc_type="báo cáo", symbol=" BC-UBND ", summary="Kết quả  {{kỳ báo cáo}}",
        addressees=("- Ủy ban nhân dân thành phố Hải Phòng;",),
        recipients=("- UBKT Đảng ủy phường;", "CT, PCT UBND phường", "", "- Lưu: VT, VHXH."),
    )
    with db.unit_of_work() as session:
        outline_id, changes = _save(session, document=document, description="Theo Công văn số 15")
        assert changes.touches(OUTLINES)
    with db.read() as session:
        detail = outlines.get_outline(session, outline_id)
        assert detail.name == "Báo cáo quý của thành phố" and not detail.builtin and detail.uid
        assert detail.document.doc_type == "BÁO CÁO" and detail.document.symbol == "BC-UBND"
        assert detail.document.summary == "Kết quả {{kỳ báo cáo}}"
        assert detail.document.addressees == ("Ủy ban nhân dân thành phố Hải Phòng",)
        assert detail.document.recipients == ("UBKT Đảng ủy phường", "CT, PCT UBND phường")
        assert [n.heading for n in detail.tree] == ["MỘT", "HAI"]
        assert detail.section_count == 2
    with db.unit_of_work() as session:
        tree, _key = sections.add_child(detail.tree, "k0")
        _save(session, outline_id, name="Báo cáo quý (mẫu mới)", tree=tree)
    with db.read() as session:
        detail = outlines.get_outline(session, outline_id)
        assert detail.name == "Báo cáo quý (mẫu mới)" and detail.section_count == 3
        assert sections.labels(detail.tree)[detail.tree[0].children[0].key] == "1."


def test_save_validation(db):
    with db.unit_of_work() as session:
        _save(session)
    deep = (sections.SectionNode(key="root", numbering=nb.ARABIC, heading="sâu"),)
    for level in range(8):
        deep, _key = sections.add_child(deep, [n.key for n, _ in sections.walk(deep)][-1])
    cases = [
        (dict(name="  "), "name", "Chưa nhập tên đề cương"),
        (dict(name="BÁO CÁO QUÝ CỦA THÀNH PHỐ"), "name", "Đã có đề cương"),
        (dict(name="x" * 301), "name", "301 ký tự"),
        (dict(kind="letter"), "kind", "không hợp lệ"),
        (dict(tree=()), "sections", "chưa có mục nào"),
        (dict(tree=deep), "sections", "tối đa 8 cấp"),
        (dict(tree=_tree("x" * 1001)), "sections", "1001 ký tự"),
        (dict(tree=(replace(_tree("A")[0], numbering="greek"),)), "sections", "không hợp lệ"),
        (dict(document=outlines.DocumentDefaults(doc_type="")), "doc_type", "Chưa nhập loại văn bản"),
        (dict(document=outlines.DocumentDefaults(symbol="BC UBND?")), "symbol", "không đúng dạng"),
        (dict(document=outlines.DocumentDefaults(recipients=("x" * 301,))), "recipients", "301 ký tự"),
    ]
    for kwargs, field_name, fragment in cases:
        kwargs.setdefault("name", "Đề cương khác")
        with db.unit_of_work() as session, pytest.raises(ValidationError) as caught:
            _save(session, **kwargs)
        assert field_name in caught.value.problems, kwargs
        assert fragment in caught.value.problems[field_name], caught.value.problems
    with db.read() as session:
        assert len(outlines.list_outlines(session)) == 1


def test_names_are_nfc_and_unique_across_forms(db):
    decomposed = unicodedata.normalize("NFD", "Đề cương Hội nghị")
    with db.unit_of_work() as session:
        outline_id, _ = _save(session, name=decomposed, tree=(
            sections.SectionNode(key="a", heading=unicodedata.normalize("NFD", "Kết quả"), numbering=nb.ROMAN),))
    with db.read() as session:
        detail = outlines.get_outline(session, outline_id)
        assert detail.name == "Đề cương Hội nghị" and unicodedata.is_normalized("NFC", detail.name)
        assert detail.tree[0].heading == "Kết quả"
    with db.unit_of_work() as session, pytest.raises(ValidationError):
        _save(session, name="Đề cương Hội nghị")  # the NFC spelling of the same name


def test_builtin_is_read_only_and_copy_makes_a_user_outline(db):
    with db.unit_of_work() as session:
        outlines.ensure_builtins(session)
        builtin = outlines.find_builtin(session, "nq57-periodic")
    for action in (
        lambda s: _save(s, builtin.id, name="Sửa đề cương có sẵn"),
        lambda s: outlines.delete_outline(s, builtin.id),
        lambda s: outlines.rename_outline(s, builtin.id, "Tên khác"),
    ):
        with db.unit_of_work() as session, pytest.raises(UserError, match="có sẵn"):
            action(session)
    with db.unit_of_work() as session:
        copy_id, changes = outlines.copy_outline(session, builtin.id)
        assert changes.touches(OUTLINES)
        second_id, _ = outlines.copy_outline(session, builtin.id)
    with db.read() as session:
        copy = outlines.get_outline(session, copy_id)
        second = outlines.get_outline(session, second_id)
        original = outlines.get_outline(session, builtin.id)
    assert copy.name == f"{builtin.name} (bản sao)" and second.name == f"{builtin.name} (bản sao) (2)"
    assert not copy.builtin and copy.kind == "report"
    assert copy.document == original.document
    assert [n.heading for n, _ in sections.walk(copy.tree)] == [n.heading for n, _ in sections.walk(original.tree)]
    assert not {n.key for n, _ in sections.walk(copy.tree)} & {n.key for n, _ in sections.walk(original.tree)}
    with db.unit_of_work() as session:
        outlines.rename_outline(session, copy_id, "Báo cáo quý III")
        with pytest.raises(ValidationError):
            outlines.rename_outline(session, second_id, "báo cáo quý iii")
    with db.unit_of_work() as session:
        assert outlines.delete_outline(session, copy_id).touches(OUTLINES)
    with db.read() as session:
        names = [r.name for r in outlines.list_outlines(session)]
        assert "Báo cáo quý III" not in names and len(names) == 5
        assert outlines.get_outline(session, copy_id).name == "Báo cáo quý III"  # retired, still readable
    with db.unit_of_work() as session:
        _save(session, name="Báo cáo quý III")  # the name is free again
        with pytest.raises(NotFound):
            outlines.get_outline(session, 9999)


# ----------------------------------------------------------------------------- files


def test_export_import_round_trip(db, tmp_path):
    with db.unit_of_work() as session:
        outlines.ensure_builtins(session)
        builtin = outlines.find_builtin(session, "implementation-plan")
        path = outlines.export_outline(session, builtin.id, tmp_path / "ke-hoach")
    assert path.name == "ke-hoach.json" and not list(tmp_path.glob("*.tmp"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "nq57-outline" and data["version"] == 1 and "key" not in data
    assert "KẾ HOẠCH" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    read = outlines.read_outline_file(path)
    assert (read.name, read.kind, read.description) == (builtin.name, builtin.kind, builtin.description)
    assert read.document == builtin.document and read.tree == builtin.tree
    with db.unit_of_work() as session:
        first_id, changes = outlines.import_outline(session, path)
        assert changes.touches(OUTLINES)
        second_id, _ = outlines.import_outline(session, path)
    with db.read() as session:
        first, second = outlines.get_outline(session, first_id), outlines.get_outline(session, second_id)
    assert first.name == f"{builtin.name} (2)" and second.name == f"{builtin.name} (3)"
    assert not first.builtin and first.kind == "plan"
    assert first.document == builtin.document and first.tree == builtin.tree
    # and a user outline goes out and back unchanged
    with db.unit_of_work() as session:
        path = outlines.export_outline(session, first_id, tmp_path / "lan-hai.json")
        third_id, _ = outlines.import_outline(session, path)
        third = outlines.get_outline(session, third_id)
    assert third.tree == first.tree and third.document == first.document


def _valid_file_data() -> dict:
    return {
        "format": "nq57-outline", "version": 1, "name": "Đề cương quý IV", "kind": "report", "description": "",
        "document": {"doc_type": "BÁO CÁO", "symbol": "BC-UBND", "recipients": ["UBND thành phố"]},
        "sections": [{"numbering": "part", "heading": "TÌNH HÌNH", "children": [
            {"numbering": "arabic", "heading": "Kết quả"}]}],
    }


def _nested(depth: int) -> list:
    node: dict = {"numbering": "arabic", "heading": "cuối"}
    for level in range(depth - 1):
        node = {"numbering": "arabic", "heading": f"cấp {depth - level - 1}", "children": [node]}
    return [node]


def _broken_files() -> list[tuple[str, bytes, str]]:
    def variant(**changes) -> bytes:
        data = _valid_file_data()
        for key, value in changes.items():
            if value is ...:
                data.pop(key)
            else:
                data[key] = value
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    return [
        ("empty", b"", "tệp rỗng"),
        ("not json", b"{format: nq57", "JSON"),
        ("latin-1", "Đề cương".encode("utf-16"), "UTF-8"),
        ("a list", b"[1, 2]", "không phải tệp đề cương"),
        ("other format", variant(format="nq57-indicator-catalogue"), "không phải tệp đề cương"),
        ("newer", variant(version=2), "phiên bản mới hơn"),
        ("version text", variant(version="1"), "phiên bản định dạng"),
        ("no version", variant(version=...), "version"),
        ("no name", variant(name=...), "«name»"),
        ("blank name", variant(name="   "), "«name»"),
        ("no sections", variant(sections=...), "«sections»"),
        ("no document", variant(document=...), "«document»"),
        ("bad kind", variant(kind="memo"), "«kind»"),
        ("name not text", variant(name=5), "«name»"),
        ("sections not list", variant(sections={"heading": "x"}), "«sections»"),
        ("section not object", variant(sections=["I. Mở đầu"]), "không đúng định dạng"),
        ("bad numbering", variant(sections=[{"numbering": "greek", "heading": "Alpha"}]), "«greek»"),
        ("heading not text", variant(sections=[{"numbering": "roman", "heading": ["x"]}]), "«heading»"),
        ("flag not bool", variant(sections=[{"numbering": "roman", "heading": "x", "bold": "yes"}]), "«bold»"),
        ("children not list", variant(sections=[{"numbering": "roman", "heading": "x", "children": {}}]), "«children»"),
        ("too deep", variant(sections=_nested(9)), "tối đa 8 cấp"),
        ("no section", variant(sections=[]), "chưa có mục nào"),
        ("document not object", variant(document=["BÁO CÁO"]), "«document»"),
        ("recipients not list", variant(document={"recipients": "UBND"}), "«recipients»"),
        ("doc type not text", variant(document={"doc_type": 1}), "«doc_type»"),
        ("bad symbol", variant(document={"symbol": "BC UBND!"}), "không đúng dạng"),
        ("appendix not object", variant(document={"appendices": ["Phụ lục"]}), "Phụ lục thứ 1"),
        ("deep json", b"[" * 100000 + b"]" * 100000, "tệp"),
    ]


def test_broken_files_are_refused_and_nothing_is_written(db, tmp_path):
    with db.unit_of_work() as session:
        outlines.ensure_builtins(session)
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(Outline))
    for label, content, fragment in _broken_files():
        path = tmp_path / f"{label.replace(' ', '-')}.json"
        path.write_bytes(content)
        with db.unit_of_work() as session, pytest.raises(UserError) as caught:
            outlines.import_outline(session, path)
        message = str(caught.value)
        assert message.startswith(f"Không nhập được tệp «{path.name}»"), (label, message)
        assert fragment in message, (label, message)
    with pytest.raises(UserError, match="không tìm thấy tệp"):
        outlines.read_outline_file(tmp_path / "missing.json")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (outlines.MAX_FILE_BYTES + 1))
    with pytest.raises(UserError, match="quá lớn"):
        outlines.read_outline_file(huge)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Outline)) == before


def test_file_text_is_normalised(tmp_path):
    data = _valid_file_data()
    data["name"] = unicodedata.normalize("NFD", "  Đề cương   quý IV ")
    data["sections"][0]["heading"] = unicodedata.normalize("NFD", "TÌNH HÌNH\u200b")
    data["document"]["recipients"] = [unicodedata.normalize("NFD", "- Thường trực HĐND phường;")]
    path = tmp_path / "nfd.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=True).encode("ascii"))  # BOM, \u escapes
    detail = outlines.read_outline_file(path)
    assert detail.name == "Đề cương quý IV"
    assert detail.tree[0].heading == "TÌNH HÌNH"
    assert detail.document.recipients == ("Thường trực HĐND phường",)
    labels = sections.labels(detail.tree)
    assert labels[detail.tree[0].key] == "PHẦN I" and labels[detail.tree[0].children[0].key] == "1."


def test_export_failure_is_a_user_error(db, tmp_path):
    with db.unit_of_work() as session:
        outline_id, _ = _save(session)
        with pytest.raises(UserError, match="Không ghi được tệp"):
            outlines.export_outline(session, outline_id, tmp_path / "no-such-folder" / "x.json")


def test_blank_outline_for_each_kind():
    document, tree = outlines.blank_outline("plan")
    assert (document.doc_type, document.symbol) == ("KẾ HOẠCH", "KH-UBND")
    assert len(tree) == 1 and sections.labels(tree)[tree[0].key] == "I."
    document, _tree_ = outlines.blank_outline()
    assert document.doc_type == "BÁO CÁO"


def test_document_defaults_json_round_trip():
    document = outlines.DocumentDefaults(
        summary="Trích yếu", addressees=("Sở KHCN",), opening="Mở **đầu**", closing="./.",
        recipients=("Như trên",),
        appendices=({"title": "Phụ lục", "content": "[[Bảng chỉ tiêu: nq71]]", "landscape": True},))
    assert outlines.DocumentDefaults.from_json(document.to_json()) == document
    assert outlines.DocumentDefaults.from_json({}) == outlines.DocumentDefaults()
    with pytest.raises(ValidationError):
        outlines.DocumentDefaults.from_json({"doc_type": "   "})


def test_builtin_resource_folder_is_in_resources():
    assert outlines.builtin_directory() == Path(resources_dir()) / "outlines"
    names = {p.name for p in outlines.builtin_files()}
    assert names == {"nq57-periodic.json", "implementation-plan.json", "blank.json", "consolidated.json"}
