"""The office profile, departments, signers and the first-run set-up (no Qt)."""

import json
import unicodedata
from dataclasses import replace

import pytest

from desktop.core import directives, office
from desktop.core.changes import DEPARTMENTS, DIRECTIVES, OFFICE, SIGNERS
from desktop.core.errors import UserError, ValidationError
from desktop.core.office import DepartmentRow, OfficeProfile, SignerRow
from desktop.core.tasks import SourceRef, TaskInput, create_task
from desktop.strings import office as O

AN_HAI = OfficeProfile(
    name_lines="ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI", short_name="Phường An Hải", place_name="An Hải", code="11311",
    superior_name="Ủy ban nhân dân thành phố Hải Phòng", kind="ward",
)
SIGNERS_AN_HAI = [
    SignerRow(None, "Nguyễn Thế Đức", "Phó Chủ tịch", "kt", "Chủ tịch"),
    SignerRow(None, "Cao Huy Hiếu", "Chủ tịch", "tm"),
]


@pytest.fixture
def reference(tmp_path):
    """A small built-in directive list, so these tests do not depend on the shipped one."""
    path = tmp_path / "directives.json"
    path.write_text(json.dumps({"directives": [
        {"uid": "a" * 32, "doc_type": "resolution", "number_symbol": "57-NQ/TW", "issued_on": "2024-12-22",
         "issuer": "Bộ Chính trị", "summary": "Đột phá phát triển khoa học, công nghệ"},
        {"uid": "b" * 32, "doc_type": "plan", "number_symbol": "02-KH/BCĐTW", "issued_on": "2025-06-19",
         "issuer": "Ban Chỉ đạo Trung ương", "summary": "Kế hoạch"},
    ]}, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------------ profile


def test_office_requires_the_header_name_and_place():
    with pytest.raises(ValidationError) as caught:
        office.validate_office(OfficeProfile(name_lines="  \n ", short_name="", place_name=" "))
    problems = caught.value.problems
    assert problems["name_lines"] == "Chưa nhập tên cơ quan ban hành."
    assert problems["short_name"] == "Chưa nhập tên gọi ngắn."
    assert problems["place_name"] == "Chưa nhập địa danh ghi ở dòng ngày tháng."
    assert "code" not in problems  # a blank code is allowed


@pytest.mark.parametrize("code", ["1131", "113111", "11a11", "11 311x"])
def test_unit_code_must_be_five_digits(code):
    with pytest.raises(ValidationError) as caught:
        office.validate_office(OfficeProfile(name_lines="UBND", short_name="Phường X", place_name="X", code=code))
    assert caught.value.problems == {"code": O.CODE_FORMAT}


def test_unit_code_is_trimmed_and_kind_checked():
    assert office.validate_office(replace(AN_HAI, code=" 11311 ")).code == "11311"
    with pytest.raises(ValidationError) as caught:
        office.validate_office(OfficeProfile(name_lines="UBND", short_name="X", place_name="X", kind="village"))
    assert caught.value.problems["kind"] == O.KIND_UNKNOWN.format(value="village")


def test_pasted_decomposed_text_is_stored_nfc_and_header_upper_case(db):
    nfd = unicodedata.normalize("NFD", "Phường An Hải")
    assert nfd != "Phường An Hải"
    profile = OfficeProfile(name_lines=unicodedata.normalize("NFD", "Ủy ban nhân dân\n  phường  an hải  \n\n"),
                            short_name=nfd, place_name=unicodedata.normalize("NFD", "An Hải"),
                            parent_body="ubnd thành phố", superior_name="Ủy ban nhân dân\u00a0thành phố Hải Phòng")
    with db.unit_of_work() as session:
        assert office.save_office(session, profile).touches(OFFICE)
    with db.read() as session:
        saved = office.get_office(session)
    assert saved.short_name == "Phường An Hải" and unicodedata.is_normalized("NFC", saved.short_name)
    assert saved.name_lines == "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    assert saved.header_lines == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]
    assert saved.place_name == "An Hải"
    assert saved.parent_body == "UBND THÀNH PHỐ"
    assert saved.superior_name == "Ủy ban nhân dân thành phố Hải Phòng"


def test_suggestions_from_the_name_the_user_types():
    ward = office.suggest_office("Phường An Hải")
    assert (ward.kind, ward.name_lines, ward.place_name) == ("ward", "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI", "An Hải")
    commune = office.suggest_office("xã  Tiên Lãng", "ward")
    assert (commune.kind, commune.name_lines, commune.place_name) == ("commune", "ỦY BAN NHÂN DÂN\nXÃ TIÊN LÃNG",
                                                                      "Tiên Lãng")
    assert office.suggest_office("Đặc khu Cát Hải").kind == "special_zone"
    bare = office.suggest_office("An Hải", "commune")
    assert bare.name_lines == "ỦY BAN NHÂN DÂN\nXÃ AN HẢI" and bare.place_name == "An Hải"
    assert office.suggest_office("Xà Phiên", "ward").kind == "ward"  # accents matter: "Xà" is not "Xã"
    body = office.suggest_office("Sở Khoa học và Công nghệ", "city_body")
    assert body.name_lines == "SỞ KHOA HỌC VÀ CÔNG NGHỆ" and body.collective == ""
    assert office.suggest_office("").name_lines == ""


def test_collective_is_the_first_header_line():
    assert AN_HAI.collective == "ỦY BAN NHÂN DÂN"
    assert OfficeProfile(name_lines="ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI").collective == "ỦY BAN NHÂN DÂN"
    assert OfficeProfile(name_lines="SỞ KHOA HỌC VÀ CÔNG NGHỆ", kind="city_body").collective == ""


# ------------------------------------------------------------------------ signers


def test_signature_block_lines_by_authority():
    def lines(authority, position="PHÓ CHỦ TỊCH", head="CHỦ TỊCH", collective="ỦY BAN NHÂN DÂN"):
        return SignerRow(None, "Nguyễn Thế Đức", position, authority, head).block_lines(collective)

    assert lines("tm", "CHỦ TỊCH", "") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert lines("kt") == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert lines("q") == ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]
    assert lines("tl", "CHÁNH VĂN PHÒNG") == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    assert lines("tuq", "CHÁNH VĂN PHÒNG") == ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    assert lines("none", "CHỦ TỊCH") == ["CHỦ TỊCH"]
    # A body its head leads alone has no collective: no "TM." line.
    assert lines("kt", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "") == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_signer_validation_cleans_and_needs_a_head_title_to_sign_for_someone():
    row = office.validate_signer(SignerRow(None, unicodedata.normalize("NFD", " Nguyễn  Thế Đức "), "phó chủ tịch",
                                           "kt", "chủ tịch"))
    assert (row.full_name, row.position_title, row.head_title) == ("Nguyễn Thế Đức", "PHÓ CHỦ TỊCH", "CHỦ TỊCH")
    for authority in ("kt", "q", "tl", "tuq"):
        with pytest.raises(ValidationError) as caught:
            office.validate_signer(SignerRow(None, "A", "PHÓ CHỦ TỊCH", authority, ""))
        assert caught.value.problems == {"head_title": O.HEAD_TITLE_NEEDED}
    with pytest.raises(ValidationError) as caught:
        office.validate_signer(SignerRow(None, "", "", "xx"))
    assert set(caught.value.problems) == {"full_name", "position_title", "authority"}


def test_signature_preview_shows_what_will_print():
    lines, name = office.signature_preview(SignerRow(None, " nguyễn thế đức", "phó chủ tịch", "kt", "chủ tịch"))
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] and name == "nguyễn thế đức"


def test_only_one_default_signer(office_db):
    with office_db.unit_of_work() as session:
        hieu = next(s for s in office.list_signers(session) if s.full_name == "Cao Huy Hiếu")
        assert office.set_default_signer(session, hieu.id).touches(SIGNERS)
    with office_db.read() as session:
        rows = office.list_signers(session)
    assert [r.full_name for r in rows if r.is_default] == ["Cao Huy Hiếu"]
    assert rows[0].full_name == "Cao Huy Hiếu"  # the default comes first


# ------------------------------------------------------------------------ departments


def test_default_departments_by_kind():
    ward = office.default_departments("ward")
    assert [(d.name, d.abbreviation) for d in ward] == [
        ("Văn phòng HĐND và UBND", "VP"), ("Phòng Văn hóa - Xã hội", "VHXH"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"), ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
        ("Công an phường", "CA"),
    ]
    commune = office.default_departments("commune")
    assert ("Phòng Kinh tế", "KT") in [(d.name, d.abbreviation) for d in commune]
    assert commune[-1].name == "Công an xã"
    assert office.default_departments("special_zone")[-1].name == "Công an đặc khu"


def test_department_list_check_reports_the_line():
    rows = [DepartmentRow(None, "Văn phòng HĐND và UBND", "vp"), DepartmentRow(None, " ", ""),
            DepartmentRow(None, "Phòng Văn hóa - Xã hội", "VHXH")]
    cleaned = office.check_department_list(rows)
    assert [d.abbreviation for d in cleaned] == ["VP", "VHXH"]  # the blank line is dropped
    with pytest.raises(ValidationError) as caught:
        office.check_department_list(rows + [DepartmentRow(None, "PHÒNG VĂN HOA - XA HOI", "X")])
    assert caught.value.problems == {"departments": "Dòng 3: Bộ phận «PHÒNG VĂN HOA - XA HOI» đã có trong danh sách."}
    with pytest.raises(ValidationError) as caught:
        office.check_department_list(rows + [DepartmentRow(None, "Công an phường", "vhxh")])
    assert caught.value.problems == {"departments": "Dòng 3: Tên viết tắt «VHXH» đã dùng cho bộ phận khác."}
    with pytest.raises(ValidationError) as caught:
        office.check_department_list([DepartmentRow(None, "", "CA")])
    assert caught.value.problems == {"departments": "Dòng 1: Chưa nhập tên bộ phận."}
    with pytest.raises(ValidationError) as caught:
        office.check_department_list([DepartmentRow(None, "", "")])
    assert caught.value.problems == {"departments": O.NO_DEPARTMENTS}


def test_department_names_and_abbreviations_are_unique(office_db):
    with office_db.unit_of_work() as session:
        with pytest.raises(ValidationError) as caught:
            office.save_department(session, DepartmentRow(None, "phòng văn hoá - xã hội", "vhxh"))
    assert caught.value.problems == {
        "name": "Bộ phận «phòng văn hoá - xã hội» đã có trong danh sách.",
        "abbreviation": "Tên viết tắt «VHXH» đã dùng cho bộ phận khác.",
    }
    with office_db.unit_of_work() as session:
        vhxh = next(d for d in office.list_departments(session) if d.abbreviation == "VHXH")
        # Saving a department under its own name is no duplicate.
        _id, changes = office.save_department(session, DepartmentRow(vhxh.id, vhxh.name, "vhxh"))
        assert changes.touches(DEPARTMENTS)


def _task_led_by(session, department_id, coordinator_ids=()):
    return create_task(session, TaskInput(title="Triển khai nền tảng số", lead_department_id=department_id,
                                          coordinator_ids=tuple(coordinator_ids)))[0]


def test_deleting_a_department_in_use_is_refused(office_db):
    with office_db.unit_of_work() as session:
        rows = {d.abbreviation: d for d in office.list_departments(session)}
        _task_led_by(session, rows["VHXH"].id, [rows["VP"].id])
    for abbreviation, name in (("VHXH", "Phòng Văn hóa - Xã hội"), ("VP", "Văn phòng HĐND và UBND")):
        with office_db.unit_of_work() as session:
            with pytest.raises(UserError) as caught:
                office.delete_department(session, rows[abbreviation].id)
        assert str(caught.value) == O.DEPARTMENT_IN_USE.format(value=name, count=1)
    with office_db.unit_of_work() as session:
        assert office.delete_department(session, rows["TTPVHCC"].id).touches(DEPARTMENTS)
    with office_db.read() as session:
        assert [d.abbreviation for d in office.list_departments(session)] == ["VP", "VHXH", "KTHTĐT"]


def test_deactivate_and_move_departments(office_db):
    with office_db.unit_of_work() as session:
        rows = office.list_departments(session)
        office.set_department_active(session, rows[0].id, False)
        office.move_department(session, rows[3].id, -2)
    with office_db.read() as session:
        after = office.list_departments(session)
        active = office.list_departments(session, include_inactive=False)
    assert [d.abbreviation for d in after] == ["VP", "TTPVHCC", "VHXH", "KTHTĐT"]
    assert [d.position for d in after] == [1, 2, 3, 4]
    assert "VP" not in [d.abbreviation for d in active]


# ------------------------------------------------------------------------ first run


def test_set_up_office_saves_everything_in_one_go(db, reference):
    departments = office.default_departments("ward") + [DepartmentRow(None, "", "")]
    with db.unit_of_work() as session:
        changes = office.set_up_office(session, AN_HAI, departments, SIGNERS_AN_HAI, reference)
    assert changes.touches(OFFICE) and changes.touches(DEPARTMENTS) and changes.touches(SIGNERS)
    assert changes.touches(DIRECTIVES)
    with db.read() as session:
        assert office.is_set_up(session)
        assert office.get_office(session).short_name == "Phường An Hải"
        assert [d.abbreviation for d in office.list_departments(session)] == ["VP", "VHXH", "KTHTĐT", "TTPVHCC", "CA"]
        signers = office.list_signers(session)
        numbers = {d.number_symbol for d in directives.list_directives(session)}
    assert [(s.full_name, s.is_default) for s in signers] == [("Nguyễn Thế Đức", True), ("Cao Huy Hiếu", False)]
    assert signers[0].block_lines() == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert numbers == {"57-NQ/TW", "02-KH/BCĐTW"}


def test_set_up_office_seeds_the_shipped_directive_list(db):
    with db.unit_of_work() as session:
        office.set_up_office(session, AN_HAI, office.default_departments("ward"))
    with db.read() as session:
        assert directives.find_by_number(session, "57-NQ/TW") is not None
        assert office.list_signers(session) == []  # signers may come later


def test_a_failing_signer_leaves_nothing_saved(db, reference):
    bad = SIGNERS_AN_HAI + [SignerRow(None, "Lê Văn C", "Phó Chủ tịch", "kt", "")]
    with pytest.raises(ValidationError) as caught:
        with db.unit_of_work() as session:
            office.set_up_office(session, AN_HAI, office.default_departments("ward"), bad, reference)
    assert caught.value.problems == {"signers": f"Dòng 3: {O.HEAD_TITLE_NEEDED}"}
    _assert_empty(db)


def test_a_failure_after_the_first_writes_rolls_everything_back(db, tmp_path):
    broken = tmp_path / "directives.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError):
        with db.unit_of_work() as session:
            office.set_up_office(session, AN_HAI, office.default_departments("ward"), SIGNERS_AN_HAI, broken)
    _assert_empty(db)


def test_set_up_reports_every_problem_at_once(db, reference):
    with pytest.raises(ValidationError) as caught:
        with db.unit_of_work() as session:
            office.set_up_office(session, OfficeProfile(name_lines="", short_name="Phường An Hải", place_name="",
                                                        code="12"),
                                 [DepartmentRow(None, "VP", "VP"), DepartmentRow(None, "vp", "")],
                                 [SignerRow(None, "", "CHỦ TỊCH")], reference)
    assert set(caught.value.problems) == {"name_lines", "place_name", "code", "departments", "signers"}
    assert caught.value.problems["signers"] == "Dòng 1: Chưa nhập họ và tên người ký."
    _assert_empty(db)


def test_set_up_refuses_a_second_time(office_db, reference):
    with pytest.raises(UserError) as caught:
        with office_db.unit_of_work() as session:
            office.set_up_office(session, AN_HAI, office.default_departments("ward"), (), reference)
    assert str(caught.value) == O.ALREADY_SET_UP


def _assert_empty(db):
    with db.read() as session:
        assert office.get_office(session) is None
        assert office.list_departments(session) == []
        assert office.list_signers(session) == []
        assert directives.list_directives(session) == []


def test_settings_round_trip(db):
    with db.unit_of_work() as session:
        office.set_setting(session, office.FONT_SCALE, "130")
    with db.unit_of_work() as session:
        assert office.get_setting(session, office.FONT_SCALE) == "130"
        office.set_setting(session, office.FONT_SCALE, "115")
    with db.read() as session:
        assert office.get_setting(session, office.FONT_SCALE) == "115"
        assert office.get_setting(session, "missing", "x") == "x"


def test_directive_sources_keep_tasks_linked(office_db, reference):
    """A task citing a directive (used by the directive tests too) goes through the real services."""
    with office_db.unit_of_work() as session:
        directives.seed_reference(session, reference)
        nq57 = directives.find_by_number(session, "57-nq/tw")
        create_task(session, TaskInput(title="Nhiệm vụ", sources=(SourceRef(nq57.id, "mục 1"),)))
        assert directives.usage_count(session, nq57.id) == 1
