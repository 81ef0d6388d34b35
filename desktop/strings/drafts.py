"""Drafts of unsaved forms offered back after the program was cut off."""

RESTORE_TITLE = "Khôi phục nội dung chưa lưu"
RESTORE_QUESTION = ("Lần trước chương trình bị tắt đột ngột khi «{title}» đang được nhập dở "
                    "(lưu tạm lúc {when}).\n\nKhôi phục nội dung đã nhập dở?")
RESTORE = "Khôi phục"
DISCARD = "Bỏ nội dung nhập dở"
RESTORED = "Đã khôi phục nội dung nhập dở lúc {when}. Hãy kiểm tra rồi bấm Lưu."
STARTUP_TITLE = "Có nội dung nhập dở từ lần trước"
STARTUP_TEXT = ("Lần trước chương trình bị tắt khi các biểu mẫu sau đang nhập dở, chưa lưu:\n\n{items}\n\n"
                "Mở lại biểu mẫu để khôi phục nội dung đã nhập.")
STARTUP_ITEM = "• {title} (lưu tạm lúc {when})"
OPEN_AGAIN = "Mở lại"
LATER = "Để sau"
TASK_TITLE = "Nhiệm vụ «{title}»"
NEW_TASK_TITLE = "Nhiệm vụ mới «{title}»"
PLAN_TITLE = "Kế hoạch «{title}»"
NEW_PLAN_TITLE = "Kế hoạch mới «{title}»"
VALUES_TITLE = "Số liệu nhóm «{group}», {period}"
