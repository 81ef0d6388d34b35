"""Plans: numbering, the section tree, validation, basis directives, appendix and listing."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desktop.core import office
from desktop.core import plans as pl
from desktop.core import tasks as tk
from desktop.core.changes import PLANS, TASKS
from desktop.core.directives import DirectiveRow, save_directive
from desktop.core.errors import NotFound, UserError, ValidationError

# ------------------------------------------------------------------ render_label (pure)


@pytest.mark.parametrize(
    ("style", "index", "parent", "expected"),
    [
        ("upper_letter", 1, "", "A."),
        ("upper_letter", 2, "", "B."),
        ("upper_letter", 4, "", "D."),
        ("upper_letter", 5, "", "Đ."),
        ("upper_letter", 6, "", "E."),
        ("roman", 1, "", "I."),
        ("roman", 2, "B.", "II."),
        ("roman", 4, "", "IV."),
        ("roman", 9, "", "IX."),
        ("roman", 14, "", "XIV."),
        ("roman", 40, "", "XL."),
        ("arabic", 1, "", "1."),
        ("arabic", 12, "II.", "12."),
        ("decimal", 1, "1.", "1.1."),
        ("decimal", 10, "5.", "5.10."),
        ("decimal", 1, "1.1.", "1.1.1."),
        ("decimal", 3, "2.4.", "2.4.3."),
        ("decimal", 2, "", "2."),
        ("decimal", 2, "-", "2."),
        ("decimal", 1, "II.", "II.1."),
        ("lower_letter", 1, "1.1.", "a)"),
        ("lower_letter", 4, "", "d)"),
        ("lower_letter", 5, "", "đ)"),
        ("lower_letter", 6, "", "e)"),
        ("lower_letter", 7, "", "g)"),
        ("lower_letter", 10, "", "k)"),
        ("lower_letter", 23, "", "y)"),
        ("lower_letter", 24, "", "aa)"),
        ("dash", 1, "", "-"),
        ("dash", 7, "1.", "-"),
        ("plus", 3, "", "+"),
        ("none", 1, "", ""),
        ("none", 5, "A.", ""),
    ],
)
def test_render_label(style, index, parent, expected):
    assert pl.render_label(style, index, parent) == expected


def test_vietnamese_letters_skip_f_j_w_z_and_put_dd_after_d():
    letters = [pl.vietnamese_letter(i) for i in range(1, 24)]
    assert letters == "a b c d đ e g h i k l m n o p q r s t u v x y".split()
    assert not {"f", "j", "w", "z"} & set(letters)
    assert all(unicodedata.is_normalized("NFC", x) for x in letters)
    assert pl.render_label("lower_letter", 5) == "\u0111)"


def test_render_label_rejects_bad_input():
    with pytest.raises(ValueError):
        pl.render_label("arabic", 0)
    with pytest.raises(ValueError):
        pl.render_label("stars", 1)


def test_number_tree_counts_per_style_among_siblings():
    tree = {
        None: [("A", "upper_letter"), ("note", "none"), ("B", "upper_letter")],
        "A": [("A1", "arabic"), ("A2", "arabic")],
        "B": [("BI", "roman"), ("BII", "roman"), ("BIII", "roman")],
        "BII": [("1", "arabic"), ("intro", "none"), ("2", "arabic")],
        "1": [("1.1", "decimal"), ("1.2", "decimal")],
        "1.2": [("1.2.1", "decimal"), ("pa", "lower_letter"), ("pb", "lower_letter"), ("pd", "dash")],
        "pb": [("p1", "plus")],
    }
    labels = pl.number_tree(tree)
    assert labels == {
        "A": "A.", "note": "", "B": "B.",
        "A1": "1.", "A2": "2.",
        "BI": "I.", "BII": "II.", "BIII": "III.",
        "1": "1.", "intro": "", "2": "2.",
        "1.1": "1.1.", "1.2": "1.2.",
        "1.2.1": "1.2.1.", "pa": "a)", "pb": "b)", "pd": "-",
        "p1": "+",
    }


def test_number_tree_survives_a_cycle():
    labels = pl.number_tree({None: [(1, "arabic")], 1: [(2, "decimal")], 2: [(1, "decimal")]})
    assert labels[1] in ("1.", "1.1.1.")  # whichever, without hanging
    assert labels[2] == "1.1."


# ------------------------------------------------------------------ helpers


def _plan(session, summary="Thực hiện Nghị quyết số 57-NQ/TW", **kw) -> int:
    plan_id, changes = pl.save_plan(session, None, pl.PlanHeader(summary=summary, **kw))
    assert changes.touches(PLANS)
    return plan_id


def _labels(detail: pl.PlanDetail) -> list[tuple[int, str, str]]:
    return [(s.depth, s.label, s.heading) for s in detail.flat_sections()]


def _child(session, plan_id, parent_id=None, heading="", numbering=None) -> int:
    section_id, changes = pl.add_child_section(session, plan_id, parent_id, pl.SectionInput(heading, "", numbering))
    assert changes.touches(PLANS)
    return section_id


def _build_hai_an(session):
    """The skeleton of Hải An's plan: A./B., I./II. under B, 1./2., 1.1./1.2."""
    plan_id = _plan(session)
    a = _child(session, plan_id, None, "MỤC ĐÍCH, YÊU CẦU", "upper_letter")
    a1 = _child(session, plan_id, a, "Mục đích", "arabic")
    a2 = _child(session, plan_id, a, "Yêu cầu")
    b, _ = pl.add_sibling_section(session, a, pl.SectionInput("NHIỆM VỤ, GIẢI PHÁP"))
    b1 = _child(session, plan_id, b, "Thực hiện đầy đủ các nhiệm vụ")
    b2 = _child(session, plan_id, b, "Các nhiệm vụ, giải pháp cụ thể khác")
    n1 = _child(session, plan_id, b2, "Nâng cao nhận thức")
    n11 = _child(session, plan_id, n1, "Tổ chức triển khai, quán triệt")
    n12 = _child(session, plan_id, n1, "Tăng cường công tác thông tin")
    n2 = _child(session, plan_id, b2, "Triển khai cơ chế")
    return plan_id, dict(a=a, a1=a1, a2=a2, b=b, b1=b1, b2=b2, n1=n1, n11=n11, n12=n12, n2=n2)


# ------------------------------------------------------------------ sections


def test_default_styles_follow_the_document_levels(office_db):
    with office_db.unit_of_work() as session:
        plan_id, _ = _build_hai_an(session)
        detail = pl.get_plan(session, plan_id)
    assert _labels(detail) == [
        (0, "A.", "MỤC ĐÍCH, YÊU CẦU"),
        (1, "1.", "Mục đích"),
        (1, "2.", "Yêu cầu"),
        (0, "B.", "NHIỆM VỤ, GIẢI PHÁP"),
        (1, "I.", "Thực hiện đầy đủ các nhiệm vụ"),
        (1, "II.", "Các nhiệm vụ, giải pháp cụ thể khác"),
        (2, "1.", "Nâng cao nhận thức"),
        (3, "1.1.", "Tổ chức triển khai, quán triệt"),
        (3, "1.2.", "Tăng cường công tác thông tin"),
        (2, "2.", "Triển khai cơ chế"),
    ]
    first = detail.sections[0]
    assert first.title == "A. MỤC ĐÍCH, YÊU CẦU"
    assert first.can_move_down and not first.can_move_up and not first.can_indent and not first.can_outdent


def test_first_top_level_section_is_roman_and_children_follow(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        i = _child(session, plan_id)
        one = _child(session, plan_id, i)
        dec = _child(session, plan_id, one)
        letter = _child(session, plan_id, dec)
        dash = _child(session, plan_id, letter)
        plus = _child(session, plan_id, dash)
        detail = pl.get_plan(session, plan_id)
    assert [s.label for s in detail.flat_sections()] == ["I.", "1.", "1.1.", "a)", "-", "+"]
    assert detail.section(plus).title == "+ " + "(chưa có tiêu đề)"
    assert [s.id for s in detail.flat_sections()] == [i, one, dec, letter, dash, plus]


def test_sibling_is_inserted_right_after_and_renumbers(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        first = _child(session, plan_id, None, "Một", "arabic")
        _child(session, plan_id, None, "Ba")
        pl.add_sibling_section(session, first, pl.SectionInput("Hai"))
        detail = pl.get_plan(session, plan_id)
    assert [(s.label, s.heading) for s in detail.sections] == [("1.", "Một"), ("2.", "Hai"), ("3.", "Ba")]


def test_move_up_down_and_edges(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        one = _child(session, plan_id, None, "Một", "arabic")
        two = _child(session, plan_id, None, "Hai")
        three = _child(session, plan_id, None, "Ba")
        assert pl.move_section(session, three, -1).touches(PLANS)
        assert [s.heading for s in pl.get_plan(session, plan_id).sections] == ["Một", "Ba", "Hai"]
        pl.move_section(session, one, +1)
        detail = pl.get_plan(session, plan_id)
        assert [(s.label, s.heading) for s in detail.sections] == [("1.", "Ba"), ("2.", "Một"), ("3.", "Hai")]
        with pytest.raises(UserError, match="đầu tiên"):
            pl.move_section(session, three, -1)
        with pytest.raises(UserError, match="cuối cùng"):
            pl.move_section(session, two, +1)


def test_indent_makes_last_child_of_previous_sibling_and_restyles(office_db):
    with office_db.unit_of_work() as session:
        plan_id, ids = _build_hai_an(session)
        # 2. "Triển khai cơ chế" goes under 1. and becomes 1.3.
        pl.indent_section(session, ids["n2"])
        detail = pl.get_plan(session, plan_id)
        node = detail.section(ids["n2"])
        assert (node.parent_id, node.label, node.numbering, node.depth) == (ids["n1"], "1.3.", "decimal", 3)
        # 1.2. under 1.1. has no siblings there yet: default below decimal is a)
        pl.indent_section(session, ids["n12"])
        detail = pl.get_plan(session, plan_id)
        assert detail.section(ids["n12"]).label == "a)"
        assert detail.section(ids["n2"]).label == "1.2."
        with pytest.raises(UserError, match="Không thụt vào được"):
            pl.indent_section(session, ids["a"])
        with pytest.raises(UserError, match="Không thụt vào được"):
            pl.indent_section(session, ids["n11"])


def test_indent_keeps_children_with_the_moved_section(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        one = _child(session, plan_id, None, "Một", "arabic")
        two = _child(session, plan_id, None, "Hai")
        two_a = _child(session, plan_id, two, "Hai a")
        pl.indent_section(session, two)
        detail = pl.get_plan(session, plan_id)
    assert _labels(detail) == [(0, "1.", "Một"), (1, "1.1.", "Hai"), (2, "1.1.1.", "Hai a")]
    assert detail.section(two_a).parent_id == two
    assert detail.section(two).parent_id == one


def test_outdent_places_after_parent_and_takes_its_style(office_db):
    with office_db.unit_of_work() as session:
        plan_id, ids = _build_hai_an(session)
        pl.outdent_section(session, ids["n11"])  # 1.1. -> 2. right after 1.
        detail = pl.get_plan(session, plan_id)
        assert [(s.label, s.heading) for s in detail.section(ids["b2"]).children] == [
            ("1.", "Nâng cao nhận thức"), ("2.", "Tổ chức triển khai, quán triệt"), ("3.", "Triển khai cơ chế")]
        assert detail.section(ids["n12"]).label == "1.1."
        with pytest.raises(UserError, match="ngoài cùng"):
            pl.outdent_section(session, ids["a"])
        pl.outdent_section(session, ids["b1"])  # I. under B becomes a top-level letter: C.
        detail = pl.get_plan(session, plan_id)
        assert [(s.label, s.heading) for s in detail.sections] == [
            ("A.", "MỤC ĐÍCH, YÊU CẦU"), ("B.", "NHIỆM VỤ, GIẢI PHÁP"), ("C.", "Thực hiện đầy đủ các nhiệm vụ")]
        assert detail.section(ids["b2"]).label == "I."


def test_indent_then_outdent_round_trips(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        _child(session, plan_id, None, "Một", "arabic")
        two = _child(session, plan_id, None, "Hai")
        _child(session, plan_id, None, "Ba")
        before = _labels(pl.get_plan(session, plan_id))
        pl.indent_section(session, two)
        pl.outdent_section(session, two)
        assert _labels(pl.get_plan(session, plan_id)) == before


def test_update_section_cleans_text_and_changes_style(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        section = _child(session, plan_id)
        decomposed = unicodedata.normalize("NFD", "  Mục  đích \n")
        pl.update_section(session, section, pl.SectionInput(decomposed, "- Quán triệt\r\n- Xác định  ", "upper_letter"))
        node = pl.get_plan(session, plan_id).section(section)
    assert node.heading == "Mục đích" and unicodedata.is_normalized("NFC", node.heading)
    assert node.body == "- Quán triệt\n- Xác định"
    assert node.label == "A."


def test_update_section_rejects_unknown_style(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        section = _child(session, plan_id)
        with pytest.raises(ValidationError) as info:
            pl.update_section(session, section, pl.SectionInput("x", "", "stars"))
    assert "numbering" in info.value.problems


def test_delete_section_with_subtree_and_tasks(office_db):
    with office_db.unit_of_work() as session:
        plan_id, ids = _build_hai_an(session)
        t1, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Quán triệt", section_id=ids["n11"]))
        t2, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Tuyên truyền", section_id=ids["n1"]))
        t3, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Khác", section_id=ids["a1"]))
        assert pl.section_task_count(session, ids["n1"]) == 2
        with pytest.raises(pl.SectionHasTasks) as info:
            pl.delete_section(session, ids["n1"])
        assert info.value.count == 2
        assert "2 nhiệm vụ" in str(info.value)
        count, changes = pl.delete_section(session, ids["n1"], detach_tasks=True)
        assert count == 2 and changes.touches(PLANS) and changes.touches(TASKS)
        detail = pl.get_plan(session, plan_id)
        assert detail.section(ids["n1"]) is None and detail.section(ids["n11"]) is None
        assert [(s.label, s.heading) for s in detail.section(ids["b2"]).children] == [("1.", "Triển khai cơ chế")]
        # the tasks stay in the plan's appendix, with no section
        assert [(r.title, r.section_id) for r in detail.appendix] == [
            ("Quán triệt", None), ("Tuyên truyền", None), ("Khác", ids["a1"])]
        assert tk.get_task(session, t1).data.plan_id == plan_id
        assert {t1, t2, t3} == {r.id for r in detail.appendix}


def test_delete_section_without_tasks(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        one = _child(session, plan_id, None, "Một", "arabic")
        _child(session, plan_id, one, "Một một")
        _child(session, plan_id, None, "Hai")
        count, _ = pl.delete_section(session, one)
        detail = pl.get_plan(session, plan_id)
    assert count == 0
    assert [(s.label, s.heading, s.index) for s in detail.sections] == [("1.", "Hai", 0)]
    with office_db.unit_of_work() as session, pytest.raises(NotFound):
        pl.delete_section(session, one)


def test_section_of_another_plan_is_refused(office_db):
    with office_db.unit_of_work() as session:
        first = _plan(session)
        second = _plan(session, "Kế hoạch khác")
        section = _child(session, first)
        with pytest.raises(UserError):
            pl.add_child_section(session, second, section)
        with pytest.raises(UserError):
            pl.save_plan_task(session, second, None, tk.TaskInput(title="x", section_id=section))


# ------------------------------------------------------------------ header validation


def test_summary_is_required(office_db):
    with office_db.unit_of_work() as session, pytest.raises(ValidationError) as info:
        pl.save_plan(session, None, pl.PlanHeader(summary="   "))
    assert info.value.problems == {"summary": "Chưa nhập trích yếu."}


@pytest.mark.parametrize("number", ["70/KH-UBND", "08-KH/ĐU", "142/KH-UBND", "02/2025/TT-BGDĐT", "70/kh-ubnd",
                                    " 70 / KH-UBND ", "/KH-UBND", ""])
def test_number_symbol_accepted(office_db, number):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session, number_symbol=number)
        header = pl.get_plan(session, plan_id).header
    assert header.number_symbol == number.replace(" ", "").upper()


@pytest.mark.parametrize("number", ["70", "KH-UBND", "70/", "70/KH UBND!", "số 70"])
def test_number_symbol_rejected(office_db, number):
    with office_db.unit_of_work() as session, pytest.raises(ValidationError) as info:
        pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch", number_symbol=number))
    assert "không đúng dạng" in info.value.problems["number_symbol"]
    assert "70/KH-UBND" in info.value.problems["number_symbol"]


def test_issued_plan_needs_number_and_date(office_db):
    with office_db.unit_of_work() as session, pytest.raises(ValidationError) as info:
        pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch", number_symbol="/KH-UBND", status="issued"))
    assert info.value.problems == {
        "number_symbol": "Kế hoạch đã ban hành phải có số (ví dụ 70/KH-UBND).",
        "issued_on": "Kế hoạch đã ban hành phải có ngày ban hành.",
    }


def test_date_sanity(office_db):
    with office_db.unit_of_work() as session:
        with pytest.raises(ValidationError) as info:
            pl.save_plan(session, None, pl.PlanHeader(summary="KH", issued_on=date(1925, 3, 5)))
        assert info.value.problems["issued_on"] == "Ngày ban hành 05/03/1925 không hợp lý (phải trong khoảng năm 2000 đến 2100)."
        with pytest.raises(ValidationError) as info:
            pl.validate_plan(session, pl.PlanHeader(summary="KH", number_symbol="70/KH-UBND", status="issued",
                                                    issued_on=date(2025, 12, 1)), today=date(2025, 11, 1))
        assert "chưa đến" in info.value.problems["issued_on"]
        # a draft may carry the date it is meant to be issued on
        draft = pl.validate_plan(session, pl.PlanHeader(summary="KH", issued_on=date(2025, 12, 1)), today=date(2025, 11, 1))
        assert draft.year == 2025  # the year defaults to the date's
        with pytest.raises(ValidationError) as info:
            pl.save_plan(session, None, pl.PlanHeader(summary="KH", year=1999))
        assert "1999" in info.value.problems["year"]
        with pytest.raises(ValidationError):
            pl.save_plan(session, None, pl.PlanHeader(summary="KH", status="approved"))


def test_same_number_only_clashes_within_a_year(office_db):
    with office_db.unit_of_work() as session:
        _plan(session, number_symbol="70/KH-UBND", issued_on=date(2024, 5, 1))
        _plan(session, "Năm sau", number_symbol="70/KH-UBND", issued_on=date(2025, 5, 1))
        with pytest.raises(ValidationError) as info:
            pl.save_plan(session, None, pl.PlanHeader(summary="Trùng", number_symbol="70/kh-ubnd",
                                                      issued_on=date(2025, 9, 9)))
    assert info.value.problems["number_symbol"] == "Đã có kế hoạch số 70/KH-UBND."


def test_header_text_is_cleaned_nfc(office_db):
    summary = unicodedata.normalize("NFD", "Thực hiện  Nghị quyết\nsố 57-NQ/TW ")
    with office_db.unit_of_work() as session:
        plan_id = _plan(session, summary, purpose=unicodedata.normalize("NFD", "- Quán triệt\r\n"))
        header = pl.get_plan(session, plan_id).header
    assert header.summary == "Thực hiện Nghị quyết số 57-NQ/TW"
    assert unicodedata.is_normalized("NFC", header.summary)
    assert header.purpose == "- Quán triệt" and unicodedata.is_normalized("NFC", header.purpose)


def test_save_plan_updates_and_applies_section_edits(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        section = _child(session, plan_id)
        same, _ = pl.save_plan(
            session, plan_id,
            pl.PlanHeader(summary="KH mới", number_symbol="70/KH-UBND", issued_on=date(2025, 3, 5), status="issued",
                          requirements="Đồng bộ"),
            section_edits=[(section, pl.SectionInput("Mục đích", "Nội dung", "upper_letter"))],
        )
        detail = pl.get_plan(session, plan_id)
    assert same == plan_id
    assert detail.header == pl.PlanHeader(summary="KH mới", number_symbol="70/KH-UBND", issued_on=date(2025, 3, 5),
                                          status="issued", year=2025, requirements="Đồng bộ")
    assert detail.sections[0].title == "A. Mục đích"


# ------------------------------------------------------------------ basis


def _directive(session, number, issued_on=None, doc_type="plan") -> int:
    directive_id, _ = save_directive(session, DirectiveRow(None, number, doc_type, issued_on, "", "Trích yếu"))
    return directive_id


def test_basis_is_ordered_and_replaced(office_db):
    with office_db.unit_of_work() as session:
        nq57 = _directive(session, "57-NQ/TW", date(2024, 12, 22), "resolution")
        kh12 = _directive(session, "12-KH/TU", date(2025, 8, 26))
        kh142 = _directive(session, "142/KH-UBND", date(2025, 6, 9))
        plan_id = _plan(session)
        assert pl.set_basis(session, plan_id, [kh142, nq57, kh12]).touches(PLANS)
        detail = pl.get_plan(session, plan_id)
        assert detail.basis_ids == (kh142, nq57, kh12)
        assert [d.label for d in detail.basis] == ["142/KH-UBND (09/6/2025)", "57-NQ/TW (22/12/2024)",
                                                   "12-KH/TU (26/8/2025)"]
        pl.save_plan(session, plan_id, detail.header, basis_ids=[nq57, kh12])
        assert pl.get_plan(session, plan_id).basis_ids == (nq57, kh12)
        with pytest.raises(ValidationError) as info:
            pl.set_basis(session, plan_id, [nq57, nq57])
        assert "hai lần" in info.value.problems["basis"]
        with pytest.raises(ValidationError):
            pl.set_basis(session, plan_id, [999])


# ------------------------------------------------------------------ appendix and listing


def _departments(session) -> dict[str, int]:
    return {d.abbreviation: d.id for d in office.list_departments(session)}


def test_appendix_rows_and_reordering(office_db):
    with office_db.unit_of_work() as session:
        deps = _departments(session)
        plan_id, ids = _build_hai_an(session)
        a, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(
            title="Công tác thông tin, tuyên truyền", section_id=ids["n12"], lead_department_id=deps["VHXH"],
            coordinator_ids=(deps["VP"], deps["TTPVHCC"]), coordination_note="các tổ dân phố",
            expected_output="Bản tin, clip, phóng sự", recurrence="yearly"))
        b, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(
            title="Xây dựng quy tắc ứng xử", lead_note="Công an phường", deadline=date(2025, 12, 31)))
        c, changes = pl.save_plan_task(session, plan_id, None, tk.TaskInput(
            title="Số hóa hồ sơ", recurrence="per_source", deadline_note="Tháng 9/2025"))
        assert changes.touches(TASKS) and changes.touches(PLANS)
        rows = pl.appendix(session, plan_id, as_of=date(2025, 11, 1))
        assert [(r.stt, r.title) for r in rows] == [(1, "Công tác thông tin, tuyên truyền"),
                                                   (2, "Xây dựng quy tắc ứng xử"), (3, "Số hóa hồ sơ")]
        first = rows[0]
        assert first.section_label == "1.2." and first.lead == "Phòng Văn hóa - Xã hội" and first.lead_short == "VHXH"
        assert first.coordinators == "Văn phòng HĐND và UBND, Trung tâm Phục vụ hành chính công, các tổ dân phố"
        assert first.expected_output == "Bản tin, clip, phóng sự"
        assert first.deadline_text == "Hằng năm"
        assert rows[1].lead == "Công an phường" and rows[1].deadline_text == "31/12/2025"
        assert rows[2].deadline_text == "Theo văn bản"

        pl.move_task(session, c, -1)
        pl.move_task(session, c, -1)
        assert [r.id for r in pl.appendix(session, plan_id)] == [c, a, b]
        with pytest.raises(UserError, match="đầu phụ lục"):
            pl.move_task(session, c, -1)
        with pytest.raises(UserError, match="cuối phụ lục"):
            pl.move_task(session, b, +1)
        detail = pl.get_plan(session, plan_id)
        assert [r.stt for r in detail.appendix] == [1, 2, 3]
        assert detail.tasks_in(ids["n12"]) == (detail.appendix[1],)
        assert detail.section(ids["n12"]).task_count == 1

        # editing keeps the appendix position; the section must belong to the plan
        data = tk.get_task(session, a).data
        from dataclasses import replace

        pl.save_plan_task(session, plan_id, a, replace(data, title="Thông tin, tuyên truyền", position=None))
        assert [r.title for r in pl.appendix(session, plan_id)][1] == "Thông tin, tuyên truyền"

        assert pl.detach_task(session, a).touches(PLANS)
        rows = pl.appendix(session, plan_id)
        assert [(r.stt, r.id) for r in rows] == [(1, c), (2, b)]
        assert tk.get_task(session, a).data.plan_id is None


def test_task_validation_flows_through(office_db):
    with office_db.unit_of_work() as session:
        plan_id = _plan(session)
        with pytest.raises(ValidationError) as info:
            pl.save_plan_task(session, plan_id, None, tk.TaskInput(title=" "))
    assert info.value.problems == {"title": "Chưa nhập tên nhiệm vụ."}


def test_list_plans_counts_done_and_total(office_db):
    with office_db.unit_of_work() as session:
        older = _plan(session, "Kế hoạch chuyển đổi số năm 2024", number_symbol="15/KH-UBND",
                      issued_on=date(2024, 3, 1), status="issued")
        newer = _plan(session, "Thực hiện Nghị quyết 57-NQ/TW", number_symbol="70/KH-UBND",
                      issued_on=date(2025, 9, 17), status="issued")
        draft = _plan(session, "Dự thảo kế hoạch năm 2026")
        ids = []
        for title in ("Một", "Hai", "Ba"):
            task_id, _ = pl.save_plan_task(session, newer, None, tk.TaskInput(title=title, deadline=date(2025, 12, 31)))
            ids.append(task_id)
        pl.save_plan_task(session, older, None, tk.TaskInput(title="Cũ"))
        tk.record_status(session, ids[0], "done", date(2025, 10, 1), today=date(2025, 11, 1))
        tk.record_status(session, ids[1], "in_progress", date(2025, 10, 1), today=date(2025, 11, 1))
        tk.create_task(session, tk.TaskInput(title="Không thuộc kế hoạch"))
        rows = pl.list_plans(session, as_of=date(2025, 11, 1))
        assert [r.id for r in rows] == [draft, newer, older]
        by_id = {r.id: r for r in rows}
        assert (by_id[newer].tasks_done, by_id[newer].tasks_total, by_id[newer].progress_text) == (1, 3, "1/3")
        assert by_id[older].progress_text == "0/1"
        assert by_id[draft].progress_text == "0/0"
        assert by_id[draft].label == "(chưa có số)" and by_id[draft].status_label == "Dự thảo"
        assert by_id[newer].status_label == "Đã ban hành" and by_id[newer].year == 2025
        assert [r.id for r in pl.list_plans(session, "nghi quyet 57")] == [newer]
        assert [r.id for r in pl.list_plans(session, "15/KH")] == [older]
        assert [r.id for r in pl.list_plans(session, "2026")] == [draft]


def test_delete_plan_refuses_with_tasks_unless_detached(office_db):
    with office_db.unit_of_work() as session:
        nq57 = _directive(session, "57-NQ/TW", date(2024, 12, 22), "resolution")
        plan_id, ids = _build_hai_an(session)
        pl.set_basis(session, plan_id, [nq57])
        t1, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Một", section_id=ids["n11"]))
        t2, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Hai"))
        assert pl.plan_task_count(session, plan_id) == 2
        with pytest.raises(pl.PlanHasTasks) as info:
            pl.delete_plan(session, plan_id)
        assert info.value.count == 2 and "2 nhiệm vụ" in str(info.value)
    with office_db.unit_of_work() as session:
        count, changes = pl.delete_plan(session, plan_id, detach_tasks=True)
        assert count == 2 and changes.touches(PLANS) and changes.touches(TASKS)
    with office_db.unit_of_work() as session:
        assert pl.list_plans(session) == []
        for task_id in (t1, t2):
            data = tk.get_task(session, task_id).data
            assert (data.plan_id, data.section_id) == (None, None)
        with pytest.raises(NotFound):
            pl.get_plan(session, plan_id)
        from desktop.core.directives import usage_count

        assert usage_count(session, nq57) == 0


def test_delete_empty_plan(office_db):
    with office_db.unit_of_work() as session:
        plan_id, _ = _build_hai_an(session)
    with office_db.unit_of_work() as session:
        count, _ = pl.delete_plan(session, plan_id)
    assert count == 0
    with office_db.read() as session:
        assert pl.list_plans(session) == []
