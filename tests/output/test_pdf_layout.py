"""The ND30 layout (desktop.printing.layout): positions, breaks and numbering on the display list."""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import replace

import pytest

from desktop.core.document import (
    CENTER,
    DEFAULT_SETTINGS,
    LEFT,
    MM,
    MOTTO,
    NATIONAL_TITLE,
    Appendix,
    Column,
    Para,
    Run,
    Table,
    TableRow,
    para,
)
from desktop.printing.fonts import bundled_fonts, find_fonts, register
from desktop.printing.layout import lay_out
from desktop.printing.pages import BOLD, BOLD_ITALIC, ITALIC, REGULAR, LineItem, TextItem
from tests.output import pdf_samples as S

S_ = DEFAULT_SETTINGS
LEFT_EDGE = S_.margin_left
TEXT_W = S_.text_width
LEFT_W = TEXT_W * S_.left_column_share


@pytest.fixture(scope="module")
def report():
    return lay_out(S.an_hai_report())


def texts(page) -> list[TextItem]:
    return [item for item in page.items if isinstance(item, TextItem)]


def rules(page) -> list[LineItem]:
    return [item for item in page.items if isinstance(item, LineItem)]


def item(page, text: str) -> TextItem:
    found = [t for t in texts(page) if t.text == text]
    assert found, f"{text!r} not on the page"
    return found[0]


def page_of(laid, needle: str) -> int:
    for index, page in enumerate(laid.pages):
        if any(needle in t.text for t in texts(page)):
            return index
    raise AssertionError(f"{needle!r} not laid out")


def words(laid, section: str | None = None, skip: tuple[str, ...] = ()) -> str:
    """The text of the pages in reading order, without page numbers (and without `skip` items)."""
    parts = []
    for page in laid.pages:
        if section is None or page.section == section:
            parts.extend(t.text for t in texts(page) if t.y > S_.margin_top and t.text not in skip)
    return " ".join(" ".join(parts).split())


# ---------------------------------------------------------------- pages


def test_pages_are_a4_and_sections_are_named(report):
    sections = [page.section for page in report.pages]
    assert sections[0] == "body" and "Phụ lục I" in sections and "Phụ lục II" in sections
    for page in report.pages:
        if page.section == "Phụ lục II":
            assert page.landscape and (round(page.width / MM), round(page.height / MM)) == (297, 210)
        else:
            assert not page.landscape and (round(page.width / MM), round(page.height / MM)) == (210, 297)
    assert len([p for p in report.pages if p.section == "body"]) >= 3
    assert len([p for p in report.pages if p.section == "Phụ lục II"]) >= 3


def test_metadata_comes_from_the_document(report):
    assert report.title.startswith("Báo cáo số")
    assert report.subject == S.SUMMARY
    assert report.author == "Ủy ban nhân dân phường An Hải"
    assert report.keywords == S.METADATA.keywords
    assert report.fonts.source in ("bundled", "windows")


def test_text_stays_inside_the_margins(report):
    for page in report.pages:
        for t in texts(page):
            assert t.x >= S_.margin_left - 0.01, (t.text, t.x)
            assert t.x + t.width <= page.width - S_.margin_right + 0.01, (t.text, t.x + t.width)
            assert S_.margin_top - 0.01 <= t.y or t.text == str(page.number)
            assert t.y <= page.height - S_.margin_bottom + 0.01, (t.text, t.y)
        for line in rules(page):
            assert S_.margin_left - 0.01 <= min(line.x1, line.x2)
            assert max(line.x1, line.x2) <= page.width - S_.margin_right + 0.01


# ---------------------------------------------------------------- page 1 header


def test_header_columns_and_rules(report):
    page = report.pages[0]
    title = item(page, NATIONAL_TITLE)
    assert title.style == BOLD and title.size == 12
    right_centre = LEFT_EDGE + LEFT_W + (TEXT_W - LEFT_W) / 2
    assert title.x >= LEFT_EDGE + LEFT_W and title.x + title.width / 2 == pytest.approx(right_centre, abs=0.01)
    motto = item(page, MOTTO)
    assert motto.style == BOLD and motto.size == 13 and motto.y > title.y
    motto_rule = [r for r in rules(page) if motto.y < r.y1 < motto.y + 10 and r.x1 > LEFT_EDGE + LEFT_W]
    assert len(motto_rule) == 1
    rule = motto_rule[0]
    assert abs(rule.x2 - rule.x1 - motto.width) <= 1 and rule.x1 == pytest.approx(motto.x, abs=0.5)

    body = item(page, "ỦY BAN NHÂN DÂN")
    ward = item(page, "PHƯỜNG AN HẢI")
    left_centre = LEFT_EDGE + LEFT_W / 2
    for line in (body, ward):
        assert line.style == BOLD and line.size == 12
        assert line.x + line.width <= LEFT_EDGE + LEFT_W
        assert line.x + line.width / 2 == pytest.approx(left_centre, abs=0.01)
    body_rule = [r for r in rules(page) if ward.y < r.y1 < ward.y + 10 and r.x2 < LEFT_EDGE + LEFT_W]
    assert len(body_rule) == 1
    share = (body_rule[0].x2 - body_rule[0].x1) / ward.width
    assert 1 / 3 <= share <= 1 / 2
    assert (body_rule[0].x1 + body_rule[0].x2) / 2 == pytest.approx(left_centre, abs=0.01)


def test_number_and_date_share_a_baseline_and_keep_their_blanks(report):
    page = report.pages[0]
    number = item(page, "Số:      /BC-UBND")  # the blank for the clerk is kept
    date = item(page, "An Hải, ngày      tháng 11 năm 2025")
    assert number.y == pytest.approx(date.y, abs=0.01)
    assert number.size == 13 and number.style == REGULAR
    assert date.size == 14 and date.style == ITALIC
    assert number.x + number.width / 2 == pytest.approx(LEFT_EDGE + LEFT_W / 2, abs=0.01)
    assert date.x + date.width / 2 == pytest.approx(LEFT_EDGE + LEFT_W + (TEXT_W - LEFT_W) / 2, abs=0.01)
    assert number.y > item(page, "PHƯỜNG AN HẢI").y and date.y > item(page, MOTTO).y


def test_title_summary_and_rule(report):
    page = report.pages[0]
    doc_type = item(page, "BÁO CÁO")
    assert doc_type.style == BOLD and doc_type.size == 14
    assert doc_type.x + doc_type.width / 2 == pytest.approx(LEFT_EDGE + TEXT_W / 2, abs=0.01)
    summary = [t for t in texts(page) if t.style == BOLD and t.y > doc_type.y and t.size == 14][:4]
    summary = [t for t in summary if t.text in S.SUMMARY]
    assert len(summary) == 2  # wraps onto two lines …
    assert " ".join(t.text for t in summary) == S.SUMMARY
    widths = [t.width for t in summary]
    assert min(widths) / max(widths) > 0.8  # … of balanced length
    rule = [r for r in rules(page) if summary[-1].y < r.y1 < summary[-1].y + 12]
    assert len(rule) == 1
    share = (rule[0].x2 - rule[0].x1) / max(widths)
    assert 1 / 3 <= share <= 1 / 2


def test_one_addressee_on_one_centred_line(report):
    line = item(report.pages[0], "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng.")
    assert line.x + line.width / 2 == pytest.approx(LEFT_EDGE + TEXT_W / 2, abs=0.01)


def test_several_addressees_one_per_line_after_the_label():
    doc = S.simple_doc((S.body("Nội dung."),), addressees=("- Ủy ban nhân dân thành phố Hải Phòng;",
                                                           "- Sở Khoa học và Công nghệ thành phố Hải Phòng."))
    page = lay_out(doc).pages[0]
    label = item(page, "Kính gửi:")
    first = item(page, "- Ủy ban nhân dân thành phố Hải Phòng;")
    second = item(page, "- Sở Khoa học và Công nghệ thành phố Hải Phòng.")
    assert first.y == pytest.approx(label.y) and second.y > first.y
    assert first.x == pytest.approx(second.x) and first.x > label.x + label.width
    block_right = max(first.x + first.width, second.x + second.width)
    assert (label.x + block_right) / 2 == pytest.approx(LEFT_EDGE + TEXT_W / 2, abs=0.5)


def test_parent_body_above_the_issuing_body():
    header = replace(S.HEADER, parent_body="UBND phường An Hải", body_lines=("Văn phòng HĐND và UBND",))
    page = lay_out(S.simple_doc((S.body("Nội dung."),), header=header)).pages[0]
    parent = item(page, "UBND PHƯỜNG AN HẢI")
    office = item(page, "VĂN PHÒNG HĐND VÀ UBND")
    assert parent.style == REGULAR and office.style == BOLD and parent.y < office.y


# ---------------------------------------------------------------- body text


def test_first_lines_are_indented_and_justified_lines_fill_the_width(report):
    page = report.pages[0]
    opening = [t for t in texts(page) if t.text == "Ủy"]
    assert opening and opening[0].x == pytest.approx(LEFT_EDGE + S_.first_indent, abs=0.01)
    # a justified line ends exactly at the right margin (the last line of a paragraph does not)
    by_line: dict[float, list[TextItem]] = {}
    for t in texts(page):
        if t.size == 14 and t.style == REGULAR:
            by_line.setdefault(round(t.y, 2), []).append(t)
    full = [line for line in by_line.values() if len(line) > 5]
    assert len(full) > 10
    ends = [max(t.x + t.width for t in line) for line in full]
    assert sum(1 for end in ends if end == pytest.approx(LEFT_EDGE + TEXT_W, abs=0.01)) >= len(full) - 4
    starts = {round(min(t.x for t in line), 2) for line in full}
    assert starts <= {round(LEFT_EDGE, 2), round(LEFT_EDGE + S_.first_indent, 2)}


def test_mixed_runs_share_a_line():
    doc = S.simple_doc((Para((Run("2. Thống kê: ", bold=True), Run("tổng số nhiệm vụ", italic=True),
                              Run(" được giao."))),))
    page = lay_out(doc).pages[0]
    bold = next(t for t in texts(page) if "Thống kê" in t.text)
    italic = next(t for t in texts(page) if "tổng số" in t.text)
    plain = next(t for t in texts(page) if "giao." in t.text)
    assert italic.x == pytest.approx(bold.x + bold.width) and plain.x == pytest.approx(italic.x + italic.width)
    assert bold.style == BOLD and italic.style == ITALIC and plain.style == REGULAR
    assert bold.y == italic.y == plain.y


def test_alignments_and_indents():
    blocks = (
        para("Giữa dòng", align=CENTER, first_indent=0.0),
        para("Bên phải", align="right", first_indent=0.0),
        para("Thụt trái", align=LEFT, first_indent=0.0, left_indent=20.0),
    )
    page = lay_out(S.simple_doc(blocks)).pages[0]
    centre = item(page, "Giữa dòng")
    assert centre.x + centre.width / 2 == pytest.approx(LEFT_EDGE + TEXT_W / 2, abs=0.01)
    right = item(page, "Bên phải")
    assert right.x + right.width == pytest.approx(LEFT_EDGE + TEXT_W, abs=0.01)
    assert item(page, "Thụt trái").x == pytest.approx(LEFT_EDGE + 20.0)


def test_decomposed_accents_are_composed_before_measuring():
    nfd = unicodedata.normalize("NFD", "Tiếng Việt đường phố Hải Phòng")
    laid = lay_out(S.simple_doc((S.body(nfd, align=LEFT),)))
    line = [t for t in texts(laid.pages[0]) if t.text.startswith("Tiếng")]
    assert line and line[0].text == "Tiếng Việt đường phố Hải Phòng"
    for page in laid.pages:
        for t in texts(page):
            assert unicodedata.is_normalized("NFC", t.text)


def test_long_words_and_long_paragraphs_keep_every_character():
    word = "Xâydựngcơsởdữliệu" * 40  # far wider than a line: broken by characters
    long_para = " ".join(f"câu{i} chuyển đổi số cộng đồng" for i in range(900))  # several pages
    laid = lay_out(S.simple_doc((S.body(word), S.body(long_para))))
    body_text = "".join(words(laid).split())
    assert word in body_text
    assert "".join(long_para.split()) in body_text
    assert len(laid.pages) >= 4
    for page in laid.pages:
        for t in texts(page):
            assert t.x + t.width <= LEFT_EDGE + TEXT_W + 0.01


def test_forced_line_breaks_inside_a_paragraph():
    page = lay_out(S.simple_doc((S.body("Dòng một\nDòng hai", align=LEFT, first_indent=0.0),))).pages[0]
    assert item(page, "Dòng hai").y > item(page, "Dòng một").y


# ---------------------------------------------------------------- breaks


def _filler(count: int) -> tuple:
    return tuple(S.body(f"Đoạn {i}: {S.MEETINGS}") for i in range(count)) + tuple(
        S.body(f"Dòng ngắn {i}.") for i in range(count % 7))


def test_headings_are_never_last_on_a_page():
    checked = 0
    for count in range(4, 16):
        blocks = _filler(count) + (S.heading(f"IV. MỤC CUỐI {count}"), S.body(S.LEADERSHIP))
        laid = lay_out(S.simple_doc(blocks))
        heading = page_of(laid, f"MỤC CUỐI {count}")
        follower = page_of(laid, "Ngay")
        assert heading == follower
        page = laid.pages[heading]
        last = max(texts(page), key=lambda t: t.y)
        assert "MỤC CUỐI" not in last.text
        checked += 1
    assert checked


def test_closing_moves_with_the_signature_at_a_page_break():
    moved = 0
    for count in range(2, 22):
        laid = lay_out(S.simple_doc(_filler(count), closing=(S.body(S.CLOSING),)))
        signature_page = page_of(laid, "Nguyễn Thế Đức")
        assert page_of(laid, "Nơi nhận:") == signature_page
        assert page_of(laid, "TM. ỦY BAN NHÂN DÂN") == signature_page
        closing_pages = {i for i, p in enumerate(laid.pages) for t in texts(p) if t.text in ("Trên", "gia./.")}
        assert closing_pages == {signature_page}
        page = laid.pages[signature_page]
        first = min((t for t in texts(page) if t.y > S_.margin_top), key=lambda t: (t.y, t.x))
        if signature_page and first.text == "Trên":
            before = laid.pages[signature_page - 1]
            lowest = max(t.y for t in texts(before))
            if lowest + 2 * 14 * S_.line_spacing < before.height - S_.margin_bottom:
                moved += 1  # the closing would have begun on the previous page
    assert moved >= 1


def test_last_body_paragraph_stays_with_the_signature_without_a_closing():
    for count in range(2, 14):
        laid = lay_out(S.simple_doc(_filler(count) + (S.body("Đoạn kết thúc báo cáo./."),)))
        assert page_of(laid, "báo cáo./.") == page_of(laid, "Nguyễn Thế Đức") == page_of(laid, "Nơi nhận:")


def test_signature_block(report):
    index = page_of(report, "Nguyễn Thế Đức")
    page = report.pages[index]
    label = item(page, "Nơi nhận:")
    authority = item(page, "TM. ỦY BAN NHÂN DÂN")
    deputy = item(page, "KT. CHỦ TỊCH")
    office = item(page, "PHÓ CHỦ TỊCH")
    name = item(page, "Nguyễn Thế Đức")
    assert label.style == BOLD_ITALIC and label.size == 12 and label.x == pytest.approx(LEFT_EDGE)
    assert label.y == pytest.approx(authority.y)
    assert authority.style == BOLD and authority.size == 14 and name.style == BOLD and name.size == 14
    centre = authority.x + authority.width / 2
    for line in (deputy, office, name):
        assert line.x + line.width / 2 == pytest.approx(centre, abs=0.01)
    assert centre > LEFT_EDGE + TEXT_W / 2
    assert name.y - office.y >= S_.signature_space
    recipients = [item(page, text) for text in S.RECIPIENTS]
    for line in recipients:
        assert line.size == 11 and line.style == REGULAR and line.x == pytest.approx(LEFT_EDGE)
    assert label.y < recipients[0].y < recipients[1].y < recipients[2].y


def test_long_recipient_lines_wrap_with_a_hanging_indent():
    long = "- Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thành phố;"
    laid = lay_out(S.simple_doc((S.body("Nội dung."),), recipients=(long, "- Lưu: VT, VHXH."),
                                drafter_line="NTĐ.05b"))
    page = laid.pages[page_of(laid, "Nơi nhận:")]
    lines = sorted((t for t in texts(page) if t.size == 11), key=lambda t: t.y)
    assert len(lines) >= 4
    assert lines[0].x == pytest.approx(LEFT_EDGE) and lines[1].x > LEFT_EDGE + 3
    assert lines[-1].text == "NTĐ.05b"
    assert "".join(long.split()) in "".join("".join(t.text for t in lines).split())


def test_a_recipients_list_longer_than_a_page_is_not_lost():
    recipients = tuple(f"- Tổ dân phố số {i};" for i in range(1, 90)) + ("- Lưu: VT.",)
    laid = lay_out(S.simple_doc((S.body("Nội dung."),), recipients=recipients))
    text = words(laid)
    for line in recipients:
        assert line in text
    for page in laid.pages:
        for t in texts(page):
            assert t.y <= page.height - S_.margin_bottom + 0.01


def test_page_break_before():
    laid = lay_out(S.simple_doc((S.body("Trang đầu."), S.body("Trang sau.", page_break_before=True))))
    assert page_of(laid, "Trang sau.") == page_of(laid, "Trang đầu.") + 1


# ---------------------------------------------------------------- page numbers


def test_page_numbers(report):
    body = [p for p in report.pages if p.section == "body"]
    assert [p.number for p in body] == [None] + list(range(2, len(body) + 1))
    for section in ("Phụ lục I", "Phụ lục II"):
        pages = [p for p in report.pages if p.section == section]
        assert [p.number for p in pages] == [None] + list(range(2, len(pages) + 1))
    for page in report.pages:
        in_margin = [t for t in texts(page) if t.y < S_.margin_top]
        if page.number is None:
            assert in_margin == []
            continue
        assert len(in_margin) == 1
        number = in_margin[0]
        assert number.text == str(page.number) and number.size == 13 and number.style == REGULAR
        assert number.x + number.width / 2 == pytest.approx(S_.margin_left + (page.width - S_.margin_left
                                                                              - S_.margin_right) / 2, abs=0.01)
        assert number.y - number.size * 0.7 > 0


# ---------------------------------------------------------------- tables


def test_portrait_table(report):
    index = page_of(report, "Hoàn thành")
    page = report.pages[index]
    header = item(page, "Được giao")
    assert header.style == BOLD and header.size == 12
    group = item(page, "Giai đoạn 1")
    assert group.style == BOLD and group.x == pytest.approx(LEFT_EDGE + 0.3 * 12, abs=0.01)
    total = item(page, "Tổng cộng")
    assert total.style == BOLD
    ratio = item(page, "91,7%")  # a right-aligned column
    grid = [r for r in rules(page) if r.x1 == r.x2]
    right_edge = max(r.x1 for r in grid)
    assert right_edge == pytest.approx(LEFT_EDGE + TEXT_W, abs=0.01)
    assert ratio.x + ratio.width == pytest.approx(right_edge - 0.3 * 12, abs=0.01)
    assert all(r.width == 0.5 for r in rules(page) if r.x1 == r.x2)


def test_landscape_table_header_repeats_and_rows_do_not_split(report):
    pages = [p for p in report.pages if p.section == "Phụ lục II"]
    for page in pages:
        assert page.landscape
        header = item(page, "Nội dung nhiệm vụ")
        numbering = item(page, "(7)")
        first_row = min((t for t in texts(page) if t.y > numbering.y), key=lambda t: t.y)
        assert header.y < numbering.y < first_row.y
    for number in range(1, 61):
        where = {i for i, p in enumerate(pages) for t in texts(p) if t.text == f"{number}:"
                 or t.text.startswith(f"Nhiệm vụ số {number}:")}
        assert len(where) == 1
    text = words(report, "Phụ lục II")
    for number in range(1, 61):
        assert f"Nhiệm vụ số {number}:" in text


def test_a_row_taller_than_a_page_is_split_between_lines():
    long = " ".join(f"dòng{i} nội dung rất dài của ô" for i in range(400))
    table = Table((Column("TT", 0.5, CENTER), Column("Nội dung", 5.0)),
                  (TableRow(("1", "Ngắn")), TableRow(("2", long)), TableRow(("3", "Cuối"))))
    laid = lay_out(S.simple_doc((table,)))
    assert "".join(long.split()) in "".join(words(laid, skip=("TT", "Nội dung")).split())
    spanning = [i for i, p in enumerate(laid.pages) if any(t.text.startswith("dòng") for t in texts(p))]
    assert len(spanning) >= 2
    for index in spanning[1:]:
        assert any(t.text == "Nội dung" for t in texts(laid.pages[index]))  # header repeated
    for page in laid.pages:
        for t in texts(page):
            assert t.y <= page.height - S_.margin_bottom + 0.01


def test_table_rows_with_missing_cells_and_too_many_cells():
    table = Table((Column("A"), Column("B"), Column("C")), (TableRow(("chỉ một ô",)),))
    assert item(lay_out(S.simple_doc((table,))).pages[0], "chỉ một ô")
    bad = Table((Column("A"),), (TableRow(("1", "2")),))
    with pytest.raises(ValueError):
        lay_out(S.simple_doc((bad,)))


def test_appendix_heading(report):
    index = page_of(report, "Phụ lục II")
    page = report.pages[index]
    label = item(page, "Phụ lục II")
    assert label.style == BOLD and label.size == 14
    title = next(t for t in texts(page) if t.style == BOLD and "DANH MỤC" in t.text)
    assert title.text == title.text.upper() and title.y > label.y
    attached = next(t for t in texts(page) if t.style == ITALIC and t.text.startswith("(Kèm theo"))
    assert attached.y > title.y and "số      /BC-UBND" in attached.text
    for t in (label, title, attached):
        assert t.x + t.width / 2 == pytest.approx(S_.margin_left + (page.width - S_.margin_left - S_.margin_right)
                                                  / 2, abs=0.01)


def test_an_appendix_without_blocks_still_gets_its_page():
    doc = S.simple_doc((S.body("Nội dung."),), appendices=(Appendix("Phụ lục", "Danh sách", "(Kèm theo …)"),))
    laid = lay_out(doc)
    assert [p.section for p in laid.pages] == ["body", "Phụ lục"]
    assert laid.pages[1].number is None


# ---------------------------------------------------------------- settings and fonts


def test_sizes_come_from_the_settings():
    settings = replace(DEFAULT_SETTINGS, margin_left=35 * MM, body_size=13.0, first_indent=1.27 * 28.35,
                       line_spacing=1.5)
    laid = lay_out(S.simple_doc((S.body(S.LEADERSHIP),)), settings)
    page = laid.pages[0]
    first = item(page, "Ngay")
    assert first.size == 13 and first.x == pytest.approx(35 * MM + 1.27 * 28.35)
    second = min((t for t in texts(page) if t.y > first.y and t.size == 13), key=lambda t: t.y)
    assert second.y - first.y == pytest.approx(13 * 1.5)
    assert all(t.x >= 35 * MM - 0.01 for t in texts(page))


def test_windows_times_new_roman_is_found_case_insensitively(tmp_path):
    bundled = bundled_fonts()
    for name, source in (("TIMES.TTF", bundled.regular), ("timesbd.ttf", bundled.bold),
                         ("TimesI.ttf", bundled.italic), ("timesbi.TTF", bundled.bold_italic)):
        shutil.copy(source, tmp_path / name)
    fonts = find_fonts(tmp_path)
    assert fonts.source == "windows" and fonts.family == "Times New Roman"
    assert fonts.regular.endswith("TIMES.TTF")
    names = register(fonts)
    assert register(fonts) == names  # idempotent
    assert set(names) == {REGULAR, BOLD, ITALIC, BOLD_ITALIC}
    assert names != register(bundled)
    laid = lay_out(S.simple_doc((S.body("Nội dung."),)), fonts=fonts)
    assert laid.fonts.source == "windows"


def test_incomplete_windows_fonts_fall_back_to_the_bundled_font(tmp_path):
    shutil.copy(bundled_fonts().regular, tmp_path / "times.ttf")
    assert find_fonts(tmp_path).source == "bundled"
    assert find_fonts(tmp_path / "missing").source == "bundled"
    assert find_fonts().source in ("bundled", "windows")
