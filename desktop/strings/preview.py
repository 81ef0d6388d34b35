"""Print preview and printing: the window's labels and its messages (NFC)."""

WINDOW_TITLE = "Xem trước khi in"
WINDOW_TITLE_OF = "Xem trước khi in — {title}"

# ---------------------------------------------------------------- buttons
PRINT = "In…"
PRINT_TIP = "In văn bản ra máy in (Ctrl+P)"
SAVE_PDF = "Lưu PDF…"
SAVE_PDF_TIP = "Lưu văn bản thành tệp PDF (Ctrl+S)"
OPEN_EXTERNAL = "Mở bằng trình xem mặc định"
OPEN_EXTERNAL_TIP = "Lưu tệp PDF vào thư mục {folder} rồi mở bằng chương trình đọc PDF của máy"
CLOSE = "Đóng"
CLOSE_TIP = "Đóng cửa sổ xem trước (Esc)"
ZOOM_IN = "+"
ZOOM_IN_TIP = "Phóng to (Ctrl++)"
ZOOM_OUT = "−"
ZOOM_OUT_TIP = "Thu nhỏ (Ctrl+-)"
FIT_WIDTH = "Vừa chiều rộng"
FIT_WIDTH_TIP = "Hiển thị trang vừa chiều rộng cửa sổ (Ctrl+0)"
ZOOM_LABEL = "{percent}%"

# ---------------------------------------------------------------- page indicator
PAGE_OF = "Trang {page}/{total}"
NO_PAGES = "Văn bản không có trang nào"
PAGES_VIEW_NAME = "Các trang văn bản"
LANDSCAPE = "khổ ngang"
SECTION_DETAILS = "({details})"

# ---------------------------------------------------------------- dialogs
PRINT_DIALOG_TITLE = "In văn bản"
SAVE_DIALOG_TITLE = "Lưu văn bản thành tệp PDF"
PDF_FILTER = "Tệp PDF (*.pdf)"
DEFAULT_FILE_NAME = "van-ban.pdf"

# ---------------------------------------------------------------- results and messages
SAVED = "Đã lưu tệp {path} ({pages} trang)."
OPENED = "Đã lưu và mở tệp {path}."
PRINTED = "Đã gửi {pages} trang tới máy in {printer}."
PRINTED_TO_FILE = "Đã in {pages} trang vào tệp {path}."
PRINT_FAILED_TITLE = "Không in được"
SAVE_FAILED_TITLE = "Không lưu được tệp PDF"
OPEN_FAILED_TITLE = "Không mở được tệp PDF"
NOTHING_TO_PRINT = "Văn bản không có trang nào để in."
NO_PAGE_IN_RANGE = "Khoảng trang đã chọn không có trang nào của văn bản (văn bản có {total} trang)."
PRINTER_NOT_READY = (
    "Không bắt đầu in được trên máy in {printer}. Hãy kiểm tra máy in đã bật, còn giấy và được kết nối, "
    "rồi in lại."
)
PRINTER_PAGE_FAILED = "Máy in {printer} dừng ở trang {page}. Hãy kiểm tra máy in rồi in lại."
NO_VIEWER = (
    "Đã lưu tệp {path} nhưng máy chưa có chương trình mở tệp PDF. Hãy cài một chương trình đọc PDF "
    "hoặc mở tệp từ thư mục đã lưu."
)
FOLDER_NOT_CREATED = "Không tạo được thư mục {path}: {reason}. Hãy dùng «Lưu PDF…» để chọn thư mục khác."
FONT_NOT_LOADED = (
    "Không nạp được tệp phông chữ {path} để hiển thị văn bản. Hãy cài đặt lại chương trình."
)
