"""The user guide window and the guide itself."""

import re
import unicodedata

from desktop.ui.help import TOPIC_ANCHORS, HelpDialog, anchor_for, help_file, show_help

SECTIONS = ("bat-dau", "tong-quan", "nhiem-vu", "ke-hoach", "van-ban", "co-quan", "phim-tat")


def test_guide_has_every_section_and_shortcut():
    text = help_file().read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    anchors = set(re.findall(r'<a name="([a-z-]+)"', text))
    assert set(SECTIONS) <= anchors
    assert set(TOPIC_ANCHORS.values()) <= anchors
    for link in re.findall(r'href="#([a-z-]+)"', text):
        assert link in anchors, link
    shortcuts = text[text.index('name="phim-tat"'):]
    for keys in ("Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+P", "Esc", "F1", "Ctrl+Q"):
        assert f"<b>{keys}</b>" in shortcuts, keys
    assert "http://" not in text and "https://" not in text  # offline: no external links


def test_topics_map_to_anchors():
    assert anchor_for("office") == "co-quan"
    assert anchor_for("directives") == "van-ban"
    assert anchor_for("first_run") == "bat-dau"
    assert anchor_for("phim-tat") == "phim-tat"  # an anchor is its own topic
    assert anchor_for(None) == "muc-luc"


def test_opens_non_modal_at_the_anchor_and_is_reused(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    owner.resize(800, 600)
    owner.show()
    dialog = show_help(owner, "directives")
    assert isinstance(dialog, HelpDialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.current_anchor() == "van-ban"
    qtbot.waitUntil(lambda: dialog.browser.verticalScrollBar().value() > 0, timeout=2000)
    top_of_directives = dialog.browser.verticalScrollBar().value()
    assert "Văn bản chỉ đạo" in dialog.browser.toPlainText()

    again = show_help(owner, "shortcuts")
    assert again is dialog
    assert dialog.current_anchor() == "phim-tat"
    qtbot.waitUntil(lambda: dialog.browser.verticalScrollBar().value() > top_of_directives, timeout=2000)
    assert dialog.back_button.isEnabled()

    dialog.contents_button.click()
    assert dialog.current_anchor() == "muc-luc"
    dialog.close()
    assert not dialog.isVisible()
    assert show_help(owner, None) is dialog and dialog.isVisible()
    dialog.close()


def test_missing_guide_says_so(qtbot, monkeypatch, tmp_path):
    import desktop.ui.help as help_module

    monkeypatch.setattr(help_module, "resources_dir", lambda: tmp_path)
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show_topic("office")
    assert "Không tìm thấy tệp hướng dẫn" in dialog.browser.toPlainText()


def test_every_area_screen_has_its_own_help_section(make_ctx, demo_db, qtbot):
    from desktop.ui.main_window import AREAS

    text = help_file().read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([a-z-]+)"', text))
    ctx = make_ctx(demo_db)
    for key, factory in AREAS:
        screen = factory(ctx)
        qtbot.addWidget(screen)
        topic = getattr(screen, "help_topic", None)
        assert topic, key
        assert anchor_for(topic) in anchors, (key, topic)
