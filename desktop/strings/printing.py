"""Printing (ND30 PDF): the fixed words printed on documents and the messages (NFC)."""

# ---------------------------------------------------------------- printed on the page
ADDRESSEE_LABEL = "Kính gửi:"  # box 9a; one addressee follows on the same line
RECIPIENTS_LABEL = "Nơi nhận:"  # box 9b
PDF_CREATOR = "Sổ theo dõi NQ57"

# ---------------------------------------------------------------- messages
PDF_PAGE = "Đang ghi trang {page}/{total}"  # progress while a PDF is written
FILE_LOCKED = (
    "Không ghi được tệp {path}: tệp đang được mở (có thể trong trình đọc PDF) hoặc bị khóa. "
    "Hãy đóng tệp rồi in lại."
)
FILE_NOT_WRITABLE = "Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác hoặc kiểm tra quyền ghi."
FOLDER_MISSING = "Không có thư mục {path}. Hãy chọn thư mục đã có để lưu tệp."
NOT_PDF = "Tên tệp {path} phải có đuôi .pdf."
FONT_MISSING = (
    "Thiếu tệp phông chữ {path}. Hãy cài đặt lại chương trình để có đủ phông chữ in văn bản."
)
FONT_BROKEN = "Không đọc được tệp phông chữ {path} ({reason}). Hãy cài đặt lại chương trình."
BUNDLED_FONT_NOTE = (
    "Không tìm thấy đủ phông Times New Roman trong Windows; văn bản dùng phông Liberation Serif "
    "kèm theo chương trình (cùng cỡ chữ, cùng khoảng cách)."
)
