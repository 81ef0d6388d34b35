"""XLSX export: sheet names, titles, column headers and messages (NFC)."""

# ---------------------------------------------------------------- shared
FOOTER_PAGE = "Trang &P/&N"  # Excel header/footer codes: &P page number, &N number of pages
YES = "Có"
NO = "Không"
FILE_LOCKED = (
    "Không ghi được tệp {path}: tệp đang được mở (có thể trong Excel) hoặc bị khóa. "
    "Hãy đóng tệp rồi xuất lại."
)
FILE_NOT_WRITABLE = "Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác hoặc kiểm tra quyền ghi."
FOLDER_MISSING = "Không có thư mục {path}. Hãy chọn thư mục đã có để lưu tệp."
NOT_XLSX = "Tên tệp {path} phải có đuôi .xlsx."

# ---------------------------------------------------------------- plan appendix
PLAN_SHEET = "Phân công nhiệm vụ"
PLAN_TITLE = "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ"
PLAN_ATTACHED = "(Kèm theo Kế hoạch{number}{date} của {issuer})"
PLAN_ATTACHED_DRAFT = "(Kèm theo dự thảo Kế hoạch {summary})"
PLAN_HEADERS = (
    "Stt",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm đầu ra",
    "Thời gian thực hiện/hoàn thành",
)
PLAN_OTHER_GROUP = "Nhiệm vụ khác"
PLAN_NO_TASKS = "Kế hoạch chưa có nhiệm vụ nào trong phụ lục phân công."

# ---------------------------------------------------------------- indicators
PERIOD_SHEET = "Chỉ tiêu {period}"
PERIOD_TITLE = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
PERIOD_SUBTITLE = "Kỳ báo cáo: {name}"
PERIOD_WINDOW = "(Số liệu từ ngày {first} đến ngày {last})"
PERIOD_HEADERS = ("TT", "Chỉ tiêu", "Đơn vị", "Kỳ trước", "Kỳ này", "Chỉ tiêu năm", "Đánh giá", "Ghi chú")
ACHIEVEMENT = {
    "met": "Đạt",
    "not_met": "Chưa đạt",
    "no_data": "Chưa có số liệu",
    "no_target": "",
}
COMPUTED_NOTE = "Tự tính theo công thức"

TARGETS_SHEET = "Chỉ tiêu đến năm {year}"
TARGETS_TITLE = "CÁC CHỈ TIÊU CỤ THỂ"
TARGETS_SUBTITLE = "Đến năm {year}"
TARGETS_HEADERS = ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá")

MILESTONES_SHEET = "Chỉ tiêu theo giai đoạn"
MILESTONES_TITLE = "CÁC CHỈ TIÊU THEO DÕI ĐÁNH GIÁ THEO GIAI ĐOẠN 05 NĂM"
MILESTONE_YEAR = "Năm {year}"
MILESTONES_LEAD = "Cơ quan chủ trì theo dõi, đánh giá"
MILESTONES_OUTPUT = "Sản phẩm đầu ra"
MILESTONES_STT = "Stt"
MILESTONES_NAME = "Chỉ tiêu"
OTHER_GROUP = "Chỉ tiêu khác"

# ---------------------------------------------------------------- command line
EXPORTED = "Đã xuất {path}"
HELP_OUT = "tệp .xlsx sẽ tạo (ghi đè nếu đã có)"
HELP_PLAN_ID = "mã số kế hoạch (xem trong chương trình)"
HELP_PERIOD = "kỳ báo cáo: 2025-M11, 2025-Q3, 2025-H1, 2025-9M, 2025 hoặc 2025-07-01..2025-11-17"
BAD_PLAN_ID = "Mã kế hoạch «{value}» không hợp lệ (phải là một số, ví dụ 1)."
HELP_PLANS = "kế hoạch: xuất phụ lục phân công nhiệm vụ"
HELP_PLANS_EXPORT = "xuất phụ lục phân công nhiệm vụ của kế hoạch ra tệp Excel (.xlsx)"
HELP_INDICATORS_EXPORT = "xuất bảng chỉ tiêu của một kỳ báo cáo ra tệp Excel (.xlsx)"
HELP_LAYOUT = ("mẫu bảng: period (số liệu của kỳ, mặc định), targets-2030 (phụ lục chỉ tiêu đến năm 2030), "
               "milestones (phụ lục chỉ tiêu theo mốc 2025–2045)")
PERIOD_REQUIRED = "Bảng số liệu theo kỳ cần có --period (ví dụ --period 2025-Q3)."
