"""The Qt painter of laid-out pages, the print preview window and printing (to a PDF "printer").

A small `LaidOut` is built by hand — two portrait pages and one landscape page, Vietnamese text in
the four styles, rules — with widths measured by reportlab, exactly as the layout engine measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices, QFontInfo, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.document import CM, MM
from desktop.printing.fonts import bundled_fonts, register
from desktop.printing.pages import BOLD, BOLD_ITALIC, ITALIC, REGULAR, STYLES, LaidOut, LineItem, Page, TextItem
from desktop.strings import preview as S
from desktop.ui.reports import pages as preview
from desktop.ui.reports.pages import (
    PreviewDialog,
    new_printer,
    paint_to_printer,
    print_pages,
    qt_fonts,
    render_page,
    safe_file_name,
)

A4_W, A4_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 15 * MM, 20 * MM, 20 * MM
SAMPLES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân phường An Hải báo cáo kết quả triển khai thực hiện",
    "ướt ượt ưởng ữa ỳ ỷ ỹ ý ỵ đường; tỷ lệ 81,6%, 11.962 hồ sơ",
)


@pytest.fixture(scope="module")
def fonts():
    return bundled_fonts()


def width_of(fonts, text: str, style: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, register(fonts)[style], size)


def text(fonts, x: float, y: float, words: str, style: str = REGULAR, size: float = 14.0) -> TextItem:
    return TextItem(x, y, words, style, size, width_of(fonts, words, style, size))


def portrait_page(fonts, number: int | None, lines: tuple[tuple[str, str], ...]) -> Page:
    items: list = []
    y = TOP + 36
    for words, style in lines:
        items.append(text(fonts, LEFT, y, words, style))
        y += 28
    items.append(LineItem(LEFT, y, A4_W - RIGHT, y, 0.5))
    items.append(LineItem(LEFT + 1 * CM, y + 30, LEFT + 8 * CM, y + 30, 2.0))
    if number is not None:
        label = str(number)
        items.append(text(fonts, (A4_W - width_of(fonts, label, REGULAR, 13)) / 2, TOP + 12, label, REGULAR, 13))
    return Page(A4_W, A4_H, tuple(items), number, "body")


@pytest.fixture(scope="module")
def laid_out(fonts) -> LaidOut:
    first = portrait_page(fonts, None, (
        (SAMPLES[0], BOLD), (SAMPLES[1], BOLD_ITALIC), (SAMPLES[2], REGULAR), (SAMPLES[3], ITALIC)))
    second = portrait_page(fonts, 2, ((SAMPLES[2], ITALIC), (SAMPLES[3], BOLD)))
    grid = [LineItem(LEFT, TOP + 60 + row * 20, A4_H - RIGHT, TOP + 60 + row * 20, 0.5) for row in range(4)]
    landscape = Page(A4_H, A4_W, (
        text(fonts, LEFT, TOP + 20, "Phụ lục II", BOLD),
        text(fonts, LEFT, TOP + 40, "DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW", BOLD, 13),
        *grid,
        text(fonts, LEFT + 4, TOP + 75, "Nhiệm vụ số 1: triển khai ứng dụng công nghệ số", REGULAR, 12),
    ), None, "Phụ lục II")
    return LaidOut((first, second, landscape), fonts, title="Báo cáo kiểm thử", subject="Kiểm thử in")


def dark_mask(image: QImage, threshold: int = 160) -> list[list[bool]]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    return [[data[y * stride + x] < threshold for x in range(width)] for y in range(height)]


def dark_columns(mask, top: int, bottom: int, left: int, right: int) -> list[int]:
    return [x for x in range(max(0, left), min(len(mask[0]), right))
            if any(mask[y][x] for y in range(max(0, top), min(len(mask), bottom)))]


def text_box(item: TextItem) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) in 72-dpi pixels, with room for stacked accents and descenders."""
    return (int(item.y - 1.05 * item.size), int(item.y + 0.3 * item.size) + 1,
            int(item.x) - 1, int(item.x + item.width) + 2)


# ------------------------------------------------------------------------------ fonts and metrics

def test_qt_widths_match_reportlab_within_half_a_percent(qapp, fonts):
    qt = qt_fonts(fonts)
    assert qt_fonts(fonts) is qt  # loaded once per process
    for style in STYLES:
        font = qt.font(style, 100)
        info = QFontInfo(font)
        assert info.family() == "Liberation Serif"
        assert info.bold() == (style in (BOLD, BOLD_ITALIC))
        assert info.italic() == (style in (ITALIC, BOLD_ITALIC))
        assert not font.kerning()
        for words in SAMPLES:
            expected = width_of(fonts, words, style, 100)
            assert qt.advance(style, 100, words) == pytest.approx(expected, rel=0.005), (style, words)
            # at body size too, within the tolerance under which no stretching is needed
            assert qt.advance(style, 14, words) == pytest.approx(width_of(fonts, words, style, 14), rel=0.003)


def test_a_broken_font_file_is_a_vietnamese_user_error(qapp, fonts, tmp_path):
    from dataclasses import replace

    from desktop.core.errors import UserError

    broken = tmp_path / "hong.ttf"
    broken.write_bytes(b"not a font")
    with pytest.raises(UserError, match="phông chữ"):
        qt_fonts(replace(fonts, regular=str(broken)))


# ------------------------------------------------------------------------------ painting

def test_text_is_painted_inside_its_box_and_nothing_outside_the_margins(qapp, fonts, laid_out):
    qt = qt_fonts(fonts)
    for page in laid_out.pages:
        image = render_page(page, qt, 72)
        assert (image.width(), image.height()) == (round(page.width), round(page.height))
        mask = dark_mask(image)
        for item in page.items:
            if isinstance(item, TextItem):
                top, bottom, left, right = text_box(item)
                columns = dark_columns(mask, top, bottom, left, right)
                assert columns, item.text
                # the run starts at x and ends where the PDF's does (italic may overhang a little)
                assert columns[0] <= item.x + 0.2 * item.size
                assert columns[-1] >= item.x + item.width - 0.25 * item.size
        inside_x = range(int(LEFT) - 1, int(page.width - RIGHT) + 2)
        inside_y = range(int(TOP) - 1, int(page.height - BOTTOM) + 2)
        stray = [(x, y) for y in range(image.height()) for x in range(image.width())
                 if mask[y][x] and (x not in inside_x or y not in inside_y)]
        assert stray == []
        # and every dark pixel belongs to some item
        boxes = [text_box(item) for item in page.items if isinstance(item, TextItem)]
        boxes += [(int(min(i.y1, i.y2) - i.width) - 1, int(max(i.y1, i.y2) + i.width) + 2,
                   int(min(i.x1, i.x2) - i.width) - 1, int(max(i.x1, i.x2) + i.width) + 2)
                  for i in page.items if isinstance(i, LineItem)]
        orphans = [(x, y) for y in range(image.height()) for x in range(image.width())
                   if mask[y][x] and not any(t <= y < b and lft <= x < r for t, b, lft, r in boxes)]
        assert orphans == []


def test_rules_are_drawn_with_their_width(qapp, fonts, laid_out):
    page = laid_out.pages[0]
    mask = dark_mask(render_page(page, qt_fonts(fonts), 72 * 4), threshold=128)
    thin, thick = [item for item in page.items if isinstance(item, LineItem)]
    middle = round((thin.x1 + thin.x2) / 2 * 4)

    def thickness(rule: LineItem) -> int:
        return sum(1 for y in range(round(rule.y1 * 4) - 12, round(rule.y1 * 4) + 12) if mask[y][middle - 40])

    assert thickness(thin) == pytest.approx(0.5 * 4, abs=1)
    assert thickness(thick) == pytest.approx(2.0 * 4, abs=1)
    left_end = dark_columns(mask, round(thick.y1 * 4) - 2, round(thick.y1 * 4) + 3, 0, 2400)[0]
    assert left_end / 4 == pytest.approx(thick.x1 - 1.0, abs=0.5)  # square cap: half the width beyond


def test_a_run_whose_qt_width_differs_is_stretched_to_end_where_the_pdf_does(qapp, fonts):
    words = "Thống kê các nhiệm vụ thực hiện"
    natural = width_of(fonts, words, REGULAR, 20)

    def ink(width: float) -> tuple[int, int]:
        page = Page(400, 80, (TextItem(20, 40, words, REGULAR, 20, width),))
        columns = dark_columns(dark_mask(render_page(page, qt_fonts(fonts), 72)), 0, 80, 0, 400)
        return columns[0], columns[-1]

    start, end = ink(natural)
    assert end == pytest.approx(20 + natural, abs=2)
    for factor in (0.9, 1.1):
        stretched_start, stretched_end = ink(natural * factor)
        assert stretched_start == pytest.approx(start, abs=1)
        assert stretched_end == pytest.approx(20 + (end - 20) * factor, abs=1.5)


def test_landscape_pages_render_landscape(qapp, fonts, laid_out):
    image = render_page(laid_out.pages[2], qt_fonts(fonts), 96)
    assert image.width() > image.height()
    assert (image.width(), image.height()) == (round(A4_H * 96 / 72), round(A4_W * 96 / 72))
    assert image.dotsPerMeterX() == round(96 / 0.0254)


# ------------------------------------------------------------------------------ printing

def pdf_printer(laid_out: LaidOut, path: Path) -> QPrinter:
    printer = new_printer(laid_out)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def orientations(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    return ["landscape" if float(page.mediabox.width) > float(page.mediabox.height) else "portrait"
            for page in reader.pages]


def test_printing_switches_orientation_page_by_page(qapp, laid_out, tmp_path):
    target = tmp_path / "in.pdf"
    assert paint_to_printer(laid_out, pdf_printer(laid_out, target)) == 3
    assert orientations(target) == ["portrait", "portrait", "landscape"]
    reader = PdfReader(str(target))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(A4_W, abs=1)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(A4_H, abs=1)
    first, last = (" ".join(reader.pages[i].extract_text().split()) for i in (0, 2))
    assert "Độc lập - Tự do - Hạnh phúc" in first  # the Vietnamese text stays text
    assert SAMPLES[3] in first
    assert "Phụ lục II" in last


def test_print_range_and_current_page_are_honoured(qapp, laid_out, tmp_path):
    target = tmp_path / "range.pdf"
    printer = pdf_printer(laid_out, target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert paint_to_printer(laid_out, printer) == 2
    assert orientations(target) == ["portrait", "landscape"]

    current = tmp_path / "current.pdf"
    printer = pdf_printer(laid_out, current)
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert paint_to_printer(laid_out, printer, current_page=2) == 1
    assert orientations(current) == ["landscape"]

    from desktop.core.errors import UserError

    printer = pdf_printer(laid_out, tmp_path / "none.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(5, 7)
    with pytest.raises(UserError, match="3 trang"):
        paint_to_printer(laid_out, printer)
    assert not (tmp_path / "none.pdf").exists()


def finished(qtbot, job, timeout=30000):
    """Wait for a job (desktop.ui.jobs.ProgressJob) to end; the job."""
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=timeout)
    return job


def test_print_dialog_cancelled_changes_nothing_accepted_prints(qtbot, laid_out, tmp_path, monkeypatch):
    seen = []

    def cancel(dialog):
        seen.append(dialog.printer())
        return 0

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    assert print_pages(laid_out, None) is None
    assert len(seen) == 1 and seen[0].fullPage()
    assert list(tmp_path.iterdir()) == []

    target = tmp_path / "may-in.pdf"

    def accept(dialog):
        printer = dialog.printer()
        assert printer.pageLayout().fullRectPoints().width() == pytest.approx(A4_W, abs=1)
        assert printer.pageLayout().margins().left() == 0
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    job = finished(qtbot, print_pages(laid_out, None))
    assert job.result == 3 and job.error is None
    assert orientations(target) == ["portrait", "portrait", "landscape"]


def test_paper_matches_the_pdf_writer_word_by_word(qapp, laid_out, tmp_path):
    """The PDF printed through Qt and the one written by reportlab put each word at the same place."""
    pdfplumber = pytest.importorskip("pdfplumber")
    from desktop.printing.pdf import write_pdf

    written = tmp_path / "reportlab.pdf"
    write_pdf(laid_out, written)
    printed = tmp_path / "qt.pdf"
    paint_to_printer(laid_out, pdf_printer(laid_out, printed))

    def words(path: Path) -> list[list[tuple[str, float, float]]]:
        with pdfplumber.open(str(path)) as pdf:
            return [[(w["text"], w["x0"], w["x1"]) for w in page.extract_words()] for page in pdf.pages]

    ours, theirs = words(printed), words(written)
    assert len(ours) == len(theirs) == 3
    for page_ours, page_theirs in zip(ours, theirs, strict=True):
        assert [w[0] for w in page_ours] == [w[0] for w in page_theirs]
        for (_text, x0, x1), (_same, y0, y1) in zip(page_ours, page_theirs, strict=True):
            assert x0 == pytest.approx(y0, abs=0.1)
            assert x1 == pytest.approx(y1, abs=0.1)


# ------------------------------------------------------------------------------ the preview window

@pytest.fixture
def dialog(qtbot, laid_out, tmp_path):
    window = PreviewDialog(laid_out, "BC-UBND: Kết quả/NQ57", None, tmp_path / "exports")
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_dialog_opens_on_page_one_with_the_page_count(dialog):
    assert dialog.page_label.text() == "Trang 1/3"
    assert dialog.windowTitle() == "Xem trước khi in — Báo cáo kiểm thử"
    assert dialog.file_name == "BC-UBND- Kết quả-NQ57.pdf"
    assert dialog.view.fit_width and dialog.fit_button.isChecked()
    # the widest (landscape) page fills the width
    rect = dialog.view.page_rect(2)
    assert rect.width() == pytest.approx(dialog.view.viewport().width() - 2 * preview.GAP, abs=2)


def test_zoom_changes_the_rendered_size(qtbot, dialog):
    view = dialog.view
    qtbot.wait(10)
    before = view.image(0).width()
    fitted = view.zoom
    dialog.zoom_in_button.click()
    assert view.zoom > fitted and not view.fit_width
    assert view.image(0).width() > before
    assert dialog.zoom_label.text() == f"{round(view.zoom * 100)}%"
    assert not dialog.fit_button.isChecked()
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert view.zoom < fitted
    assert view.image(0).width() < before
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted) and view.fit_width
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fitted
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < fitted + 1e-6


def test_page_indicator_follows_scrolling(qtbot, dialog):
    view = dialog.view
    view.scroll_to_page(1)
    assert dialog.page_label.text() == "Trang 2/3"
    assert dialog.section_label.text() == ""
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert dialog.page_label.text() == "Trang 3/3"
    assert dialog.section_label.text() == "(Phụ lục II, khổ ngang)"
    view.verticalScrollBar().setValue(0)
    assert dialog.page_label.text() == "Trang 1/3"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert dialog.page_label.text() == "Trang 3/3"
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert dialog.page_label.text() == "Trang 1/3"


def test_zooming_keeps_the_page_in_view(dialog):
    view = dialog.view
    view.scroll_to_page(1)
    view.set_zoom(0.5)
    assert dialog.page_label.text() == "Trang 2/3" or view.visible_pages()[0] == 1
    view.set_zoom(2.0)
    assert view.visible_pages()[0] == 1


def test_only_visible_pages_are_rendered(qtbot, fonts, laid_out, tmp_path):
    many = LaidOut(laid_out.pages[:2] * 15, fonts, title="Dài")
    window = PreviewDialog(many, "dai.pdf", None, tmp_path)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    assert window.page_label.text() == "Trang 1/30"
    assert 1 <= window.view.renders <= 2
    window.view.scroll_to_page(20)
    window.view.viewport().repaint()
    assert set(window.view.cached_pages()) >= set(window.view.visible_pages())
    assert window.view.renders <= 5
    assert window.page_label.text() == "Trang 21/30"


def test_save_pdf_writes_the_file_chosen(qtbot, dialog, tmp_path, monkeypatch):
    asked = []

    def choose(parent, title, start, file_filter):
        asked.append((title, start, file_filter))
        return str(tmp_path / "bao-cao"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    written = Path(finished(qtbot, dialog.save_pdf()).result.path)
    assert written == tmp_path / "bao-cao.pdf"
    assert asked == [(S.SAVE_DIALOG_TITLE, str(tmp_path / "exports" / "BC-UBND- Kết quả-NQ57.pdf"), S.PDF_FILTER)]
    assert orientations(written) == ["portrait", "portrait", "landscape"]
    assert dialog.status.text().startswith("Đã lưu tệp") and "3 trang" in dialog.status.text()


def test_save_pdf_cancelled_or_failing(qtbot, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    assert dialog.save_pdf() is None
    assert not (tmp_path / "exports").exists()

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: warnings.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a: (str(tmp_path / "khong-co" / "x.pdf"), S.PDF_FILTER))
    job = finished(qtbot, dialog.save_pdf())
    assert job.result is None and job.error is not None
    assert warnings and warnings[0][0] == S.SAVE_FAILED_TITLE and "Không có thư mục" in warnings[0][1]


def test_open_external_writes_into_the_save_folder_and_opens(qtbot, dialog, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    path = Path(finished(qtbot, dialog.open_external()).result.path)
    assert path == tmp_path / "exports" / "BC-UBND- Kết quả-NQ57.pdf"
    assert opened == [str(path)] and len(PdfReader(str(path)).pages) == 3

    # a copy that cannot be replaced (open in a viewer): the next free name is used
    path.unlink()
    path.mkdir()
    again = Path(finished(qtbot, dialog.open_external()).result.path)
    assert again == tmp_path / "exports" / "BC-UBND- Kết quả-NQ57 (2).pdf"
    assert opened[-1] == str(again)


def test_open_external_without_a_viewer_says_where_the_file_is(qtbot, dialog, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: warnings.append(text))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    path = Path(finished(qtbot, dialog.open_external()).result.path)
    assert path.exists()
    assert warnings == [S.NO_VIEWER.format(path=path)]


def test_print_button_prints_the_current_page_when_asked(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "trang.pdf"

    def accept(print_dialog):
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog.view.verticalScrollBar().setValue(dialog.view.verticalScrollBar().maximum())
    assert finished(qtbot, dialog.print_document()).result == 1
    assert orientations(target) == ["landscape"]
    assert dialog.status.text() == S.PRINTED_TO_FILE.format(pages=1, path=target)


def test_paint_to_printer_reports_each_sheet_and_a_cancel_leaves_no_file(qapp, laid_out, tmp_path):
    from desktop.core.errors import Cancelled

    seen = []
    target = tmp_path / "in.pdf"
    assert paint_to_printer(laid_out, pdf_printer(laid_out, target), progress=lambda *a: seen.append(a),
                            cancelled=lambda: False) == 3
    assert seen == [(0, 3, "Trang 1 (1/3)"), (1, 3, "Trang 2 (2/3)"), (2, 3, "Trang 3 (3/3)")]

    stopped = tmp_path / "dung.pdf"
    with pytest.raises(Cancelled):
        paint_to_printer(laid_out, pdf_printer(laid_out, stopped), progress=lambda *a: seen.append(a),
                         cancelled=lambda: len(seen) >= 5)  # after the second sheet
    assert not stopped.exists()


@pytest.fixture
def slow_pages(monkeypatch):
    """Painting a sheet takes 30 ms: long enough for the progress dialog to show."""
    import threading
    import time

    threads = []
    real = preview.paint_page

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        time.sleep(0.03)
        return real(*args, **kwargs)

    monkeypatch.setattr(preview, "paint_page", slow)
    slow.threads, slow.real = threads, real
    return slow


def test_printing_runs_off_the_gui_thread_with_progress_and_cancel(qtbot, fonts, laid_out, tmp_path, monkeypatch,
                                                                   slow_pages):
    import threading

    many = LaidOut(laid_out.pages * 40, fonts, title="Dài")  # 120 sheets
    window = PreviewDialog(many, "dai.pdf", None, tmp_path)
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "may-in.pdf"

    def accept(print_dialog):
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    job = window.print_document()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=20000)
    progress = job.dialog
    assert progress.windowTitle() == "In văn bản" and str(target) in progress.label.text()
    qtbot.waitUntil(lambda: progress.bar.value() >= 3, timeout=20000)
    assert progress.bar.maximum() == 120 and progress.detail.text().startswith("Trang ")
    assert window.page_label.text() == "Trang 1/120"  # the preview still paints meanwhile
    window.view.viewport().repaint()
    progress.cancel_button.click()
    finished(qtbot, job)
    assert job.was_cancelled and not target.exists()
    assert window.status.text() == ""
    sheets = [t for t in slow_pages.threads if t is not threading.main_thread()]  # the preview paints on the GUI
    assert len(sheets) >= 3  # thread; the sheets were painted by the worker

    monkeypatch.setattr(preview, "paint_page", slow_pages.real)
    job = finished(qtbot, window.print_document())
    assert job.result == 120 and len(PdfReader(str(target)).pages) == 120
    assert window.status.text() == S.PRINTED_TO_FILE.format(pages=120, path=target)


def test_the_pdf_is_written_off_the_gui_thread(qtbot, dialog, tmp_path, monkeypatch):
    import threading

    from desktop.printing import pdf

    threads = []
    real = pdf.write_pdf
    monkeypatch.setattr(pdf, "write_pdf", lambda *a: threads.append(threading.current_thread()) or real(*a))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "bc.pdf"), S.PDF_FILTER))
    job = finished(qtbot, dialog.save_pdf())
    assert threads and threads[0] is not threading.main_thread()
    assert len(PdfReader(job.result.path).pages) == 3


def test_an_empty_document_opens_with_nothing_to_do(qtbot, fonts, tmp_path, monkeypatch):
    empty = LaidOut((), fonts)
    window = PreviewDialog(empty, "", None, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.page_label.text() == S.NO_PAGES
    assert window.file_name == S.DEFAULT_FILE_NAME
    assert not window.print_button.isEnabled() and not window.save_button.isEnabled()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: pytest.fail("no print dialog for an empty document"))
    assert print_pages(empty, window) is None
    assert warnings == [S.NOTHING_TO_PRINT]


def test_escape_closes(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_safe_file_names():
    assert safe_file_name('Báo cáo: "quý III"?') == "Báo cáo- -quý III--.pdf"
    assert safe_file_name("") == S.DEFAULT_FILE_NAME
    assert safe_file_name("x.PDF") == "x.PDF"


def test_page_background_is_white(qapp, fonts, laid_out):
    image = render_page(laid_out.pages[1], qt_fonts(fonts), 36)
    assert QColor(image.pixel(2, 2)) == QColor(Qt.GlobalColor.white)


def test_saving_a_long_pdf_shows_pages_and_can_be_cancelled(qtbot, fonts, laid_out, tmp_path, monkeypatch):
    import time

    from desktop.ui import jobs

    many = LaidOut(laid_out.pages * 40, fonts, title="Dài")  # 120 pages
    window = PreviewDialog(many, "dai.pdf", None, tmp_path)
    qtbot.addWidget(window)
    window.show()
    report = jobs.Ticket.report
    monkeypatch.setattr(jobs.Ticket, "report", lambda self, *a: (time.sleep(0.02), report(self, *a))[1])
    target = tmp_path / "dai.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), S.PDF_FILTER))
    job = window.save_pdf()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=20000)
    progress = job.dialog
    qtbot.waitUntil(lambda: progress.bar.value() >= 3, timeout=20000)
    assert progress.bar.maximum() == 120 and progress.detail.text().startswith("Đang ghi trang ")
    progress.cancel_button.click()
    finished(qtbot, job)
    assert job.was_cancelled and not target.exists() and list(tmp_path.glob("*.pdf")) == []
    assert window.status.text() == ""
