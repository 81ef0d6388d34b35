"""The user guide window (the guide itself is resources/help/huong-dan.html)."""

TITLE = "Hướng dẫn sử dụng — Sổ theo dõi NQ57"
CONTENTS = "Mục lục"
BACK = "‹ Quay lại"
CLOSE = "Đóng"
MISSING = ("<h2>Không tìm thấy tệp hướng dẫn</h2><p>Tệp <code>{path}</code> không có trong thư mục cài đặt. "
           "Hãy cài đặt lại chương trình.</p>")
