"""The directive registry: validation, duplicates, refusal when cited, the built-in list (no Qt)."""

import json
import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from desktop.core import directives
from desktop.core.changes import DIRECTIVES, Changes
from desktop.core.directives import DirectiveRow
from desktop.core.errors import UserError, ValidationError
from desktop.core.tasks import SourceRef, TaskInput, create_task
from desktop.strings import directives as D

NQ57 = DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "Bộ Chính trị",
                    "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")


def _save(db, row):
    with db.unit_of_work() as session:
        return directives.save_directive(session, row)[0]


def test_number_is_required_and_cleaned(db):
    with db.unit_of_work() as session:
        with pytest.raises(ValidationError) as caught:
            directives.save_directive(session, DirectiveRow(None, "  ", "resolution"))
    assert caught.value.problems == {"number_symbol": "Chưa nhập số, ký hiệu."}
    directive_id = _save(db, DirectiveRow(None, " 57 - NQ/TW ", "resolution", date(2024, 12, 22),
                                          unicodedata.normalize("NFD", "Bộ  Chính trị"),
                                          unicodedata.normalize("NFD", "  Đột phá phát triển\r\nkhoa học  ")))
    with db.read() as session:
        row = directives.get_directive(session, directive_id)
    assert row.number_symbol == "57-NQ/TW"
    assert row.issuer == "Bộ Chính trị" and unicodedata.is_normalized("NFC", row.issuer)
    assert row.summary == "Đột phá phát triển\nkhoa học"
    assert row.citation == "Nghị quyết số 57-NQ/TW ngày 22/12/2024"


def test_type_and_date_are_checked(db):
    with db.unit_of_work() as session:
        with pytest.raises(ValidationError) as caught:
            directives.save_directive(session, DirectiveRow(None, "1/KH", "memo", date(1900, 1, 1)))
    assert caught.value.problems == {
        "doc_type": D.TYPE_UNKNOWN.format(value="memo"),
        "issued_on": D.DATE_RANGE.format(value="1900-01-01"),
    }


def test_same_number_and_date_is_a_duplicate(db):
    _save(db, NQ57)
    with db.unit_of_work() as session:
        with pytest.raises(ValidationError) as caught:
            directives.save_directive(session, DirectiveRow(None, "57-nq/tw", "resolution", date(2024, 12, 22)))
    assert caught.value.problems == {"number_symbol": D.DUPLICATE.format(value="57-nq/tw")}
    # The same number on another date is another document (numbers restart every year).
    _save(db, DirectiveRow(None, "57-NQ/TW", "resolution", date(2014, 12, 22)))
    with db.read() as session:
        assert len(directives.list_directives(session)) == 2


def test_editing_keeps_the_row_and_is_no_duplicate_of_itself(db):
    directive_id = _save(db, NQ57)
    with db.unit_of_work() as session:
        row = directives.get_directive(session, directive_id)
        _id, changes = directives.save_directive(session, replace(row, issuer="Bộ Chính trị khóa XIII"))
    assert changes.touches(DIRECTIVES)
    with db.read() as session:
        assert directives.get_directive(session, directive_id).issuer == "Bộ Chính trị khóa XIII"


def test_a_cited_directive_cannot_be_deleted(db):
    directive_id = _save(db, NQ57)
    with db.unit_of_work() as session:
        create_task(session, TaskInput(title="Tuyên truyền Nghị quyết", sources=(SourceRef(directive_id, "mục 1"),)))
    with db.unit_of_work() as session:
        with pytest.raises(UserError) as caught:
            directives.delete_directive(session, directive_id)
    assert str(caught.value) == D.IN_USE.format(value="57-NQ/TW", count=1)
    other = _save(db, DirectiveRow(None, "04-TB/BCĐTW", "notice", date(2025, 5, 30)))
    with db.unit_of_work() as session:
        assert directives.delete_directive(session, other).touches(DIRECTIVES)
    with db.read() as session:
        assert [r.number_symbol for r in directives.list_directives(session)] == ["57-NQ/TW"]


def test_search_is_accent_insensitive(db):
    _save(db, NQ57)
    _save(db, DirectiveRow(None, "02-KH/BCĐTW", "plan", date(2025, 6, 19), "Ban Chỉ đạo Trung ương",
                           "Kế hoạch triển khai nhiệm vụ trọng tâm"))
    with db.read() as session:
        rows = directives.list_directives(session)
        assert [r.number_symbol for r in directives.list_directives(session, "nghi quyet")] == ["57-NQ/TW"]
    assert [r.number_symbol for r in directives.filter_directives(rows, "BAN CHI DAO")] == ["02-KH/BCĐTW"]
    assert [r.number_symbol for r in directives.filter_directives(rows, "57-nq")] == ["57-NQ/TW"]
    assert [r.number_symbol for r in directives.filter_directives(rows, "chuyển đổi số")] == ["57-NQ/TW"]
    assert directives.filter_directives(rows, "   ") == rows
    assert directives.filter_directives(rows, "không có") == []
    assert [r.number_symbol for r in rows] == ["02-KH/BCĐTW", "57-NQ/TW"]  # newest first


def test_issuers_for_completion(db):
    _save(db, NQ57)
    _save(db, DirectiveRow(None, "71/NQ-CP", "resolution", date(2025, 4, 1), "Chính phủ"))
    _save(db, DirectiveRow(None, "1/KH", "plan", None, ""))
    with db.read() as session:
        assert directives.list_issuers(session) == ["Bộ Chính trị", "Chính phủ"]


@pytest.fixture
def reference(tmp_path):
    path = tmp_path / "directives.json"
    path.write_text(json.dumps({"directives": [
        {"uid": "a" * 32, "doc_type": "resolution", "number_symbol": "57-NQ/TW", "issued_on": "2024-12-22",
         "issuer": "Bộ Chính trị", "summary": "Đột phá"},
        {"uid": "b" * 32, "doc_type": "plan", "number_symbol": "02-KH/BCĐTW", "issued_on": "2025-06-19",
         "issuer": "Ban Chỉ đạo Trung ương", "summary": "Kế hoạch"},
        {"uid": "c" * 32, "doc_type": "plan", "number_symbol": "01-KH/BCĐ", "issued_on": None,
         "issuer": "Ban Chỉ đạo thành phố", "summary": "Kế hoạch"},
    ]}, ensure_ascii=False), encoding="utf-8")
    return path


def test_seed_reference_is_idempotent_and_keeps_what_the_user_typed(db, reference):
    _save(db, DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "Bộ Chính trị", "Tóm tắt riêng"))
    with db.unit_of_work() as session:
        added, changes = directives.add_reference(session, reference)
    assert added == 2 and changes.touches(DIRECTIVES)
    with db.unit_of_work() as session:
        assert directives.add_reference(session, reference) == (0, Changes())
        assert not directives.seed_reference(session, reference).kinds
    with db.read() as session:
        rows = directives.list_directives(session)
    assert sorted(r.number_symbol for r in rows) == ["01-KH/BCĐ", "02-KH/BCĐTW", "57-NQ/TW"]
    assert next(r for r in rows if r.number_symbol == "57-NQ/TW").summary == "Tóm tắt riêng"
    assert rows[-1].number_symbol == "01-KH/BCĐ"  # undated last


def test_seed_reference_adds_back_what_was_deleted(db, reference):
    with db.unit_of_work() as session:
        directives.seed_reference(session, reference)
        directive = directives.find_by_number(session, "02-kh/bcđtw")
        directives.delete_directive(session, directive.id)
    with db.unit_of_work() as session:
        assert directives.add_reference(session, reference)[0] == 1


def test_the_shipped_list_loads_and_seeds_twice_without_change(db):
    rows = directives.load_reference()
    assert rows and all(unicodedata.is_normalized("NFC", r.number_symbol + r.issuer + r.summary) for r in rows)
    assert len({r.uid for r in rows}) == len(rows)
    with db.unit_of_work() as session:
        added, _changes = directives.add_reference(session)
    assert added == len(rows)
    with db.unit_of_work() as session:
        assert directives.add_reference(session)[0] == 0
    with db.read() as session:
        assert directives.find_by_number(session, "57-NQ/TW").issued_on == date(2024, 12, 22)


def test_a_broken_reference_file_is_a_vietnamese_error(db, tmp_path):
    broken = tmp_path / "directives.json"
    broken.write_text('{"directives": [{"number_symbol": "1"}]}', encoding="utf-8")
    with db.unit_of_work() as session:
        with pytest.raises(UserError) as caught:
            directives.seed_reference(session, broken)
    assert str(caught.value).startswith("Tệp danh mục văn bản «directives.json» bị lỗi")
