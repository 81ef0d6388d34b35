"""Labels shared by several screens: application name, enum names, buttons."""

APP_NAME = "Sổ theo dõi NQ57"
APP_TITLE = "Sổ theo dõi NQ57 — Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"

# Derived task statuses (desktop.core.status)
STATUS = {
    "not_started": "Chưa triển khai",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn chưa hoàn thành",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
}
# Recorded states (what the user sets in a status update)
RECORDED_STATUS = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
}
RECURRENCE = {
    "none": "Có thời hạn cụ thể",
    "continuous": "Thường xuyên",
    "yearly": "Hằng năm",
    "quarterly": "Hằng quý",
    "per_source": "Theo văn bản",
}
UNIT_KIND = {
    "ward": "Phường",
    "commune": "Xã",
    "special_zone": "Đặc khu",
    "city_body": "Cơ quan cấp thành phố",
}
AUTHORITY = {
    "tm": "TM.",
    "kt": "KT.",
    "q": "Q.",
    "tl": "TL.",
    "tuq": "TUQ.",
    "none": "(ký trực tiếp)",
}
DIRECTIVE_TYPE = {
    "resolution": "Nghị quyết",
    "plan": "Kế hoạch",
    "notice": "Thông báo",
    "decision": "Quyết định",
    "regulation": "Quy định",
    "directive": "Chỉ thị",
    "conclusion": "Kết luận",
    "official_letter": "Công văn",
    "decree": "Nghị định",
    "circular": "Thông tư",
    "other": "Văn bản khác",
}
PLAN_STATUS = {"draft": "Dự thảo", "issued": "Đã ban hành"}
NO_PHASE = "Chưa phân giai đoạn"
NO_SOURCE = "Chưa rõ văn bản nguồn"
NO_DEPARTMENT = "Chưa giao bộ phận"

OK = "Đồng ý"
CANCEL = "Hủy"
SAVE = "Lưu"
CLOSE = "Đóng"
ADD = "Thêm"
EDIT = "Sửa"
DELETE = "Xóa"
SEARCH_PLACEHOLDER = "Tìm kiếm (gõ có dấu hoặc không dấu)…"
ALL = "Tất cả"
YES = "Có"
NO = "Không"
UNSAVED_TITLE = "Chưa lưu thay đổi"
UNSAVED_QUESTION = "Bạn đã sửa nhưng chưa lưu. Lưu lại trước khi đóng?"
CONFIRM_DELETE_TITLE = "Xác nhận xóa"
ERROR_TITLE = "Không thực hiện được"
SAVED = "Đã lưu."

# Long work behind a progress dialog (desktop.ui.jobs)
CANCELLED = "Đã hủy."
STOPPING = "Đang dừng…"
JOB_PDF_TITLE = "Lưu tệp PDF"
JOB_PDF = "Đang ghi tệp PDF «{name}»…"
JOB_PRINT_TITLE = "In văn bản"
JOB_PRINT = "Đang gửi văn bản tới {printer}…"
JOB_PRINT_PAGE = "Trang {page} ({done}/{total})"
JOB_EXCEL_TITLE = "Xuất Excel"
JOB_EXCEL = "Đang xuất tệp Excel «{name}»…"
JOB_READING = "Đang đọc số liệu…"
JOB_WRITING_FILE = "Đang ghi tệp {name}…"
JOB_DEMO = "Đang tạo dữ liệu mẫu: đơn vị, văn bản chỉ đạo, kế hoạch, nhiệm vụ và số liệu…"
JOB_EVIDENCE_TITLE = "Đính kèm tệp minh chứng"
JOB_EVIDENCE = "Đang chép tệp «{name}» vào thư mục dữ liệu…"
