"""The PDF file (desktop.printing.pdf / render_pdf), read back with pypdf and pdfplumber."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from desktop import files
from desktop.core.document import DEFAULT_SETTINGS, MM, MOTTO, NATIONAL_TITLE
from desktop.core.errors import UserError
from desktop.printing import render_pdf
from desktop.printing.layout import lay_out
from desktop.printing.pdf import write_pdf
from tests.output import pdf_samples as S

ROOT = Path(__file__).resolve().parents[2]
S_ = DEFAULT_SETTINGS
LEFT_W = S_.text_width * S_.left_column_share


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    written = render_pdf(S.an_hai_report(), path)
    assert Path(written.path) == path and written.pages >= 8 and written.seconds > 0
    assert written.font_source in ("bundled", "windows")
    return path


@pytest.fixture(scope="module")
def plumbed(sample):
    with pdfplumber.open(sample) as pdf:
        yield pdf


def chars_of(page, text: str) -> list[dict]:
    """The characters of `text`, drawn as one run on the page (content-stream order)."""
    chars = page.chars
    start = "".join(c["text"] for c in chars).find(text)
    assert start >= 0, f"{text!r} not found on page {page.page_number}"
    return chars[start:start + len(text)]


def baseline(char: dict) -> float:
    return char["matrix"][5]


# ---------------------------------------------------------------- file format


def test_version_pages_and_metadata(sample):
    assert sample.read_bytes()[:8] >= b"%PDF-1.4"
    reader = PdfReader(sample)
    sizes = [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages]
    assert sizes[0] == (210, 297)
    assert (297, 210) in sizes and sizes[-1] == (297, 210)
    meta = reader.metadata
    assert meta.title.startswith("Báo cáo số") and S.SUMMARY in meta.title
    assert meta.subject == S.SUMMARY
    assert meta.author == "Ủy ban nhân dân phường An Hải"
    assert meta["/Keywords"] == S.METADATA.keywords
    assert meta.creator == "Sổ theo dõi NQ57"


def test_every_font_is_an_embedded_truetype_subset(sample):
    reader = PdfReader(sample)
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]))
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert len(seen) == 4  # regular, bold, italic, bold italic
    assert all("+" in name for name in seen)  # subset prefix
    assert b"Helvetica" not in sample.read_bytes()


def test_vietnamese_text_round_trips(plumbed):
    first = plumbed.pages[0].extract_text()
    for text in ("Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "PHƯỜNG AN HẢI", "BÁO CÁO", "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng."):
        assert text in first
    everything = " ".join(" ".join(page.extract_text().split()) for page in plumbed.pages)
    for word in S.TONES.split():
        assert word in everything
    for text in ("11.962", "81,6%", "820.000.000", "Nguyễn Thế Đức", "Nơi nhận:", "- Lưu: VT, VHXH.",
                 "Nhiệm vụ số 60:"):
        assert text in everything


def test_text_is_selectable_with_pypdf(sample):
    text = PdfReader(sample).pages[0].extract_text()
    assert "Hạnh phúc" in text and "ỦY BAN NHÂN DÂN" in text


# ---------------------------------------------------------------- positions read back


def test_header_positions(plumbed):
    page = plumbed.pages[0]
    title = chars_of(page, "CỘNG HÒA")
    assert title[0]["x0"] >= S_.margin_left + LEFT_W
    assert round(title[0]["size"]) == 12 and "Bold" in title[0]["fontname"]
    body = chars_of(page, "ỦY BAN NHÂN DÂN")
    assert body[0]["x0"] >= S_.margin_left and body[-1]["x1"] <= S_.margin_left + LEFT_W
    number = chars_of(page, "Số:")
    date = chars_of(page, "An Hải, ngày")
    assert baseline(number[0]) == pytest.approx(baseline(date[0]), abs=0.01)
    assert "Italic" in date[0]["fontname"] and round(date[0]["size"]) == 14
    assert number[0]["x1"] <= S_.margin_left + LEFT_W < date[0]["x0"]

    motto = chars_of(page, MOTTO)
    motto_left, motto_right = motto[0]["x0"], motto[-1]["x1"]
    motto_base = page.height - baseline(motto[0])
    under_motto = [e for e in page.lines if 0 < e["top"] - motto_base < 10 and e["x0"] > S_.margin_left + LEFT_W]
    assert len(under_motto) == 1
    assert abs((under_motto[0]["x1"] - under_motto[0]["x0"]) - (motto_right - motto_left)) <= 1

    ward = chars_of(page, "PHƯỜNG AN HẢI")
    ward_width = ward[-1]["x1"] - ward[0]["x0"]
    ward_base = page.height - baseline(ward[0])
    under_body = [e for e in page.lines if 0 < e["top"] - ward_base < 10 and e["x1"] < S_.margin_left + LEFT_W]
    assert len(under_body) == 1
    assert 1 / 3 <= (under_body[0]["x1"] - under_body[0]["x0"]) / ward_width <= 1 / 2
    assert NATIONAL_TITLE in page.extract_text()


def test_margins_on_portrait_pages(plumbed):
    checked = 0
    for page in plumbed.pages:
        if page.width > page.height:
            continue
        for char in page.chars:
            if char["text"].strip():
                assert char["x0"] >= 30 * MM - 0.5, char
                assert char["x1"] <= 195 * MM + 0.5, char
                checked += 1
    assert checked > 1000


def test_body_lines_start_at_the_margin_or_the_first_line_indent(plumbed):
    page = plumbed.pages[1]
    starts = {round(line["x0"], 1) for line in page.extract_text_lines()
              if line["chars"][0]["size"] == 14 and page.height * 0.1 < line["top"]}
    allowed = {round(30 * MM, 1), round(30 * MM + S_.first_indent, 1)}
    assert starts & allowed == allowed  # wrapped lines at the margin, first lines indented 1 cm
    assert all(x > 30 * MM for x in starts - allowed)  # table cells, inside the grid


def test_page_numbers_in_the_top_margin(plumbed, sample):
    def numbers(page):
        return [w for w in page.extract_words() if w["bottom"] < S_.margin_top]

    sections = [p.section for p in lay_out(S.an_hai_report()).pages]
    expected = []
    counter = 0
    for index, section in enumerate(sections):
        counter = 1 if index == 0 or section != sections[index - 1] else counter + 1
        expected.append(None if counter == 1 else counter)
    assert expected.count(None) == 3  # page 1, and the first page of each appendix
    for page, number in zip(plumbed.pages, expected):
        found = numbers(page)
        if number is None:
            assert found == []
            continue
        assert [w["text"] for w in found] == [str(number)]
        word = found[0]
        centre = S_.margin_left + (page.width - S_.margin_left - S_.margin_right) / 2
        assert (word["x0"] + word["x1"]) / 2 == pytest.approx(centre, abs=0.5)
        digits = [c for c in page.chars if c["bottom"] < S_.margin_top]
        assert all(round(c["size"]) == 13 and "Italic" not in c["fontname"] for c in digits)
        assert all("Bold" not in c["fontname"] for c in digits)


def test_signature_page_holds_the_name_the_recipients_and_the_last_paragraph(plumbed):
    pages = [page.extract_text() for page in plumbed.pages]
    signature = [i for i, text in enumerate(pages) if "Nguyễn Thế Đức" in text]
    assert len(signature) == 1
    text = pages[signature[0]]
    assert "Nơi nhận:" in text and "TM. ỦY BAN NHÂN DÂN" in text and "Trên đây là báo cáo" in text
    page = plumbed.pages[signature[0]]
    label = chars_of(page, "Nơi nhận:")
    authority = chars_of(page, "TM. ỦY BAN")
    assert baseline(label[0]) == pytest.approx(baseline(authority[0]), abs=0.01)
    assert "BoldItalic" in label[0]["fontname"] or "Bold Italic" in label[0]["fontname"]


def test_landscape_appendix_repeats_the_table_header(plumbed):
    landscape = [page for page in plumbed.pages if page.width > page.height]
    assert len(landscape) >= 3
    for page in landscape:
        text = page.extract_text()
        assert "Nội dung nhiệm vụ" in text and "Cơ quan chủ trì" in text and "(7)" in text
        for char in page.chars:
            assert 30 * MM - 0.5 <= char["x0"] and char["x1"] <= page.width - 15 * MM + 0.5


def test_long_text_survives_in_the_pdf(tmp_path):
    word = "Địnhdanhđiệntử" * 30
    paragraph = " ".join(f"ý{i} kiến nghị của cử tri phường" for i in range(700))
    path = tmp_path / "dai.pdf"
    render_pdf(S.simple_doc((S.body(word), S.body(paragraph))), path)
    with pdfplumber.open(path) as pdf:
        text = "".join("".join(page.extract_text().split()) for page in pdf.pages[0:])
        body = "".join(
            "".join(w["text"] for w in page.extract_words() if w["bottom"] > S_.margin_top) for page in pdf.pages)
    assert word in body
    assert "".join(paragraph.split()) in body
    assert "Độclập" in text


# ---------------------------------------------------------------- writing the file


def test_atomic_write_replaces_the_target_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    laid = lay_out(S.simple_doc((S.body("Nội dung."),)))
    written = write_pdf(laid, target)
    assert target.read_bytes().startswith(b"%PDF-1.4")
    assert written.pages == 1 and written.path == str(target)
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_a_briefly_locked_target_is_retried(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.pdf"
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) < 3:
            raise PermissionError(13, "locked")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", flaky)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0.01)
    write_pdf(lay_out(S.simple_doc((S.body("Nội dung."),))), target)
    assert len(calls) == 3 and target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_a_target_open_in_a_reader_gives_a_vietnamese_message(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"still open")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(files.os, "replace", locked)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0.0)
    with pytest.raises(UserError) as caught:
        write_pdf(lay_out(S.simple_doc((S.body("Nội dung."),))), target)
    message = str(caught.value)
    assert "bao-cao.pdf" in message and "đang được mở" in message
    assert target.read_bytes() == b"still open"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_bad_targets_are_refused(tmp_path):
    laid = lay_out(S.simple_doc((S.body("Nội dung."),)))
    with pytest.raises(UserError, match=r"\.pdf"):
        write_pdf(laid, tmp_path / "bao-cao.docx")
    with pytest.raises(UserError, match="Không có thư mục"):
        write_pdf(laid, tmp_path / "khong-co" / "bao-cao.pdf")


def test_importing_the_package_does_not_load_reportlab():
    code = "import sys, desktop.printing; print('reportlab' in sys.modules or any(m.startswith('reportlab') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_progress_page_by_page_and_a_cancel_writes_nothing(tmp_path):
    from desktop.core.errors import Cancelled

    laid = lay_out(S.an_hai_report())
    total = len(laid.pages)
    seen = []
    write_pdf(laid, tmp_path / "a.pdf", lambda done, of, text: seen.append((done, of, text)))
    assert [done for done, _of, _text in seen] == list(range(total)) and {of for _d, of, _t in seen} == {total}
    assert seen[-1][2] == f"Đang ghi trang {total}/{total}"
    seen.clear()
    with pytest.raises(Cancelled):
        write_pdf(laid, tmp_path / "b.pdf", lambda *args: seen.append(args), lambda: len(seen) >= 3)
    assert len(seen) == 3  # stopped before the fourth page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no file, no temp file
