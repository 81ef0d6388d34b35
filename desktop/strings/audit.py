"""Vietnamese text of the audit trail (history panel and the log screen)."""

ACTION = {"create": "Tạo mới", "update": "Sửa", "delete": "Xóa"}
TABLE = {
    "plans": "Kế hoạch",
    "plan_sections": "Mục của kế hoạch",
    "tasks": "Nhiệm vụ",
    "indicator_values": "Số liệu chỉ tiêu",
    "reports": "Báo cáo",
    "outlines": "Đề cương",
    "document_numbers": "Sổ đăng ký số văn bản",
    "directives": "Văn bản chỉ đạo",
    "units": "Cơ quan, đơn vị",
    "departments": "Bộ phận",
    "signers": "Người ký",
    "indicators": "Danh mục chỉ tiêu",
    "received_packages": "Gói dữ liệu nhận",
}
# Field names as the user knows them; a field not listed shows its technical name.
FIELD = {
    "title": "Tên nhiệm vụ", "details": "Nội dung chi tiết", "plan_id": "Thuộc kế hoạch",
    "section_id": "Thuộc mục", "position": "Thứ tự", "lead_department_id": "Bộ phận chủ trì",
    "lead_note": "Chủ trì (ghi bằng chữ)", "coordination_note": "Phối hợp khác",
    "coordinators": "Bộ phận phối hợp", "sources": "Văn bản nguồn",
    "expected_output": "Sản phẩm đầu ra", "deadline": "Thời hạn", "recurrence": "Loại thời hạn",
    "deadline_note": "Ghi chú thời hạn", "phase": "Giai đoạn", "completed_on": "Ngày hoàn thành",
    "status": "Trạng thái", "status_date": "Ngày cập nhật trạng thái", "status_note": "Ghi chú trạng thái",
    "number_symbol": "Số, ký hiệu", "issued_on": "Ngày ban hành", "summary": "Trích yếu",
    "purpose": "Mục đích", "requirements": "Yêu cầu", "year": "Năm", "parent_id": "Mục cha",
    "numbering": "Kiểu đánh số", "heading": "Tiêu đề mục", "body": "Nội dung",
    "indicator_id": "Chỉ tiêu", "unit_id": "Đơn vị", "period_code": "Kỳ báo cáo",
    "value_text": "Giá trị", "comment": "Ghi chú",
    "kind": "Loại", "outline_name": "Đề cương", "doc_type": "Tên loại văn bản", "symbol": "Ký hiệu",
    "number": "Số", "date_day": "Ngày", "date_month": "Tháng", "addressees": "Kính gửi",
    "opening": "Đoạn mở đầu", "sections": "Nội dung các mục", "closing": "Đoạn kết",
    "recipients": "Nơi nhận", "signer_id": "Người ký", "drafter_line": "Dòng người soạn",
    "appendices": "Phụ lục", "issued_at": "Thời điểm ban hành", "frozen": "Bản đã ban hành",
    "revision_of_id": "Sửa đổi từ báo cáo", "name": "Tên", "builtin_key": "Mẫu có sẵn",
    "description": "Mô tả", "document": "Thông tin văn bản mặc định", "retired": "Ngừng dùng",
    "report_id": "Văn bản", "registered_on": "Ngày đăng ký", "note": "Ghi chú",
    "evidence": "Minh chứng", "basis": "Căn cứ", "issuer": "Cơ quan ban hành", "notes": "Ghi chú",
    "code": "Mã", "name_lines": "Tên cơ quan (tiêu đề)", "short_name": "Tên gọi", "parent_body": "Cơ quan chủ quản",
    "superior_name": "Cơ quan cấp trên", "place_name": "Địa danh", "is_self": "Là cơ quan này",
    "abbreviation": "Tên viết tắt", "active": "Đang dùng", "full_name": "Họ và tên",
    "position_title": "Chức vụ", "authority": "Thẩm quyền ký", "head_title": "Chức danh người đứng đầu",
    "department_id": "Bộ phận", "is_default": "Mặc định", "unit": "Đơn vị tính", "group_id": "Nhóm",
    "department": "Bộ phận phụ trách", "source": "Văn bản nguồn", "output": "Sản phẩm đầu ra",
    "formula": "Công thức", "decimals": "Số chữ số thập phân", "builtin": "Có sẵn",
}
# Codes stored in some fields, shown in words.
VALUE = {
    "status": {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Hoàn thành",
               "draft": "Dự thảo", "issued": "Đã ban hành"},
    "recurrence": {"none": "Có thời hạn cụ thể", "continuous": "Thường xuyên", "yearly": "Hằng năm",
                   "quarterly": "Hằng quý", "per_source": "Theo văn bản"},
    "kind": {"report": "Báo cáo", "plan": "Kế hoạch"},
    "retired": {"True": "có", "False": "không"},
    "active": {"True": "có", "False": "không"},
    "is_default": {"True": "có", "False": "không"},
    "is_self": {"True": "có", "False": "không"},
}
CONTENT_CHANGED = "nội dung đã thay đổi"
BLANK = "(trống)"
ARROW = " → "
SEPARATOR = "; "
STATUS_REMOVED = "bỏ dòng trạng thái"
PLAN_LABEL = "Kế hoạch {value}"
SECTION_LABEL = "Mục «{value}»"
NUMBER_LABEL = "Số {number}/{symbol} năm {year}"
VALUE_LABEL = "{code} {name} — {period}"
REPORT_LABEL = "{doc_type} {number}"

COLUMNS = ("Thời gian", "Người sửa", "Thao tác", "Nội dung thay đổi")
LOG_COLUMNS = ("Thời gian", "Người sửa", "Loại dữ liệu", "Bản ghi", "Thao tác", "Nội dung thay đổi")
HISTORY_EMPTY = "Chưa có thay đổi nào được ghi lại cho bản ghi này."
LOG_TITLE = "Nhật ký sửa đổi"
LOG_HINT = ("Mọi thay đổi kế hoạch, nhiệm vụ, minh chứng, số liệu và danh mục chỉ tiêu, báo cáo, đề cương, "
            "văn bản chỉ đạo, thông tin cơ quan, bộ phận và người ký đều được ghi lại: ai sửa, lúc nào, sửa gì.")
FILTER_WHO = "Người sửa:"
FILTER_TABLE = "Loại dữ liệu:"
FILTER_SINCE = "Từ ngày:"
FILTER_UNTIL = "Đến ngày:"
FILTER_TEXT = "Tìm chữ:"
FILTER_TEXT_PLACEHOLDER = "Tên nhiệm vụ, nội dung, giá trị…"
ALL_PEOPLE = "Tất cả mọi người"
ALL_TABLES = "Tất cả loại dữ liệu"
COUNT = "{count} thay đổi"
COUNT_LIMITED = "{count} thay đổi gần nhất (hãy lọc thêm để xem các thay đổi cũ hơn)"
BAD_RANGE = "«Từ ngày» phải trước hoặc trùng «Đến ngày»."
TAB_TITLE = "Lịch sử sửa đổi"
