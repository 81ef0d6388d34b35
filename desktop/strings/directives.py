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
