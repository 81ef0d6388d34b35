"""The overview screen (Tổng quan)."""

TITLE = "Tổng quan tình hình thực hiện nhiệm vụ"
AS_OF = "Tính đến ngày:"
AS_OF_TIP = "Các số liệu được tính tại ngày này. Mặc định là hôm nay."
FIGURE = {
    "total": "Tổng số nhiệm vụ",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn chưa hoàn thành",
    "not_started": "Chưa triển khai",
}
FIGURE_SHARE = "{pct} tổng số"
NOT_STARTED_NOTE = "trong số đang thực hiện"
OVERDUE_LIST = "Quá hạn chưa hoàn thành ({count})"
DUE_SOON_LIST = "Đến hạn trong {days} ngày tới ({count})"
LIST_HINT = "Nhấp vào một nhiệm vụ để mở."
NO_OVERDUE = "Không có nhiệm vụ quá hạn."
NO_DUE_SOON = "Không có nhiệm vụ đến hạn trong {days} ngày tới."
COLUMN = {
    "title": "Tên nhiệm vụ",
    "deadline": "Thời hạn",
    "lead": "Chủ trì",
    "days_late": "Quá hạn",
    "days_left": "Còn lại",
}
DAYS_LATE = "{days} ngày"
DAYS_LEFT = "{days} ngày"
DUE_TODAY = "Hôm nay"
PHASE_STATS = "Thống kê nhiệm vụ theo giai đoạn"
PHASE_LABEL_COLUMN = "Số nhiệm vụ"
PHASE_ROW = {
    "assigned": "Được giao",
    "done": "Đã hoàn thành",
    "done_on_time": "   – hoàn thành đúng hạn",
    "done_late": "   – hoàn thành quá hạn",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "not_started": "   – chưa triển khai",
    "overdue": "Quá hạn chưa hoàn thành",
}
PHASE_TABLE_TIP = "Tỷ lệ trong ngoặc tính trên số nhiệm vụ được giao của từng giai đoạn."
TOTAL_ROW = "Tổng cộng"
SENTENCES = "Câu chữ cho báo cáo (mục B.I.2)"
COPY = "Sao chép đoạn văn"
COPIED = "Đã sao chép vào bộ nhớ tạm; dán (Ctrl+V) vào văn bản báo cáo."
NO_TASKS = "Chưa có nhiệm vụ nào. Vào mục «Nhiệm vụ» để nhập các nhiệm vụ được giao."
