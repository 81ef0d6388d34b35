"""Directive registry."""

FIELD = {
    "doc_type": "loại văn bản",
    "number_symbol": "số, ký hiệu",
    "issued_on": "ngày ban hành",
    "issuer": "cơ quan ban hành",
    "summary": "trích yếu",
}
DUPLICATE = "Văn bản số {value} đã có trong danh mục (ban hành cùng ngày)."
TYPE_UNKNOWN = "Loại văn bản «{value}» không hợp lệ."
IN_USE = "Văn bản {value} đang được {count} nhiệm vụ hoặc kế hoạch trích dẫn nên không xóa được."
NOT_FOUND = "Không tìm thấy văn bản (có thể đã bị xóa)."
DATE_RANGE = "Ngày ban hành {value} không hợp lý."
BAD_REFERENCE_FILE = "Tệp danh mục văn bản «{value}» bị lỗi: {reason}"

# ------------------------------------------------------------------------ screen
SCREEN_TITLE = "Văn bản chỉ đạo"
SCREEN_HINT = "Các văn bản mà kế hoạch, nhiệm vụ và báo cáo trích dẫn (nghị quyết, kế hoạch, thông báo kết luận…)."
SEARCH_PLACEHOLDER = "Tìm theo số ký hiệu, trích yếu, cơ quan ban hành (gõ có dấu hoặc không dấu)… Ctrl+F"
ADD = "Thêm văn bản"
ADD_TOOLTIP = "Thêm một văn bản vào danh mục (Ctrl+N)"
EDIT = "Sửa"
DELETE = "Xóa"
LOAD_REFERENCE = "Nạp danh mục văn bản có sẵn"
LOAD_REFERENCE_TOOLTIP = ("Thêm các văn bản của Trung ương và thành phố về Nghị quyết 57-NQ/TW có sẵn trong chương trình; "
                          "văn bản đã có trong danh mục được giữ nguyên.")
REFERENCE_ADDED = "Đã thêm {count} văn bản từ danh mục có sẵn."
REFERENCE_NOTHING = "Danh mục đã có đủ các văn bản có sẵn; không thêm văn bản nào."
CONFIRM_DELETE = "Xóa văn bản {value} khỏi danh mục?"
COUNT_ALL = "{total} văn bản"
COUNT_FILTERED = "Tìm thấy {shown}/{total} văn bản"
EMPTY = "Chưa có văn bản nào. Bấm «Nạp danh mục văn bản có sẵn» hoặc «Thêm văn bản» (Ctrl+N)."
NO_MATCH = "Không có văn bản nào khớp với «{value}»."
COLUMN = {
    "doc_type": "Loại",
    "number_symbol": "Số ký hiệu",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "summary": "Trích yếu",
}

# ------------------------------------------------------------------------ dialog
DIALOG_NEW = "Thêm văn bản chỉ đạo"
DIALOG_EDIT = "Sửa văn bản chỉ đạo"
LABEL = {
    "doc_type": "Loại văn bản",
    "number_symbol": "Số, ký hiệu",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "summary": "Trích yếu",
    "notes": "Ghi chú",
}
PLACEHOLDER = {
    "number_symbol": "Ví dụ: 57-NQ/TW",
    "issued_on": "Ví dụ: 22/12/2024",
    "issuer": "Ví dụ: Bộ Chính trị",
    "summary": "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
}
DATE_READ_AS = "Hiểu là: {value}"
CITATION_PREVIEW = "Trích dẫn trong văn bản: {value}"
