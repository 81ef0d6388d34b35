"""Task screens and task messages."""

FIELD = {
    "title": "tên nhiệm vụ",
    "details": "nội dung chi tiết",
    "deadline": "thời hạn",
    "recurrence": "tính chất thời hạn",
    "phase": "giai đoạn",
    "expected_output": "sản phẩm đầu ra",
    "lead_department_id": "bộ phận chủ trì",
    "sources": "văn bản nguồn",
    "on_date": "ngày cập nhật",
    "status": "trạng thái",
}
DEADLINE_AND_RECURRENCE = "Nhiệm vụ thường xuyên, hằng năm hoặc hằng quý không có thời hạn cụ thể: hãy bỏ ngày thời hạn hoặc chọn «Có thời hạn cụ thể»."
DEADLINE_OUT_OF_RANGE = "Thời hạn {value} không hợp lý (phải trong khoảng năm 2000 đến 2100)."
STATUS_DATE_IN_FUTURE = "Ngày cập nhật {value} chưa đến; không ghi nhận trạng thái cho ngày trong tương lai."
STATUS_UNKNOWN = "Trạng thái «{value}» không hợp lệ."
RECURRENCE_UNKNOWN = "Tính chất thời hạn «{value}» không hợp lệ."
TASK_NOT_FOUND = "Không tìm thấy nhiệm vụ (có thể đã bị xóa)."
DEPARTMENT_NOT_FOUND = "Không tìm thấy bộ phận đã chọn."
DIRECTIVE_NOT_FOUND = "Không tìm thấy văn bản nguồn đã chọn."
DUPLICATE_SOURCE = "Văn bản nguồn {value} được chọn hai lần."
EVIDENCE_FILE_MISSING = "Không tìm thấy tệp «{value}». Tệp có thể đã bị xóa hoặc chuyển đi nơi khác."
EVIDENCE_FILE_EMPTY = "Tệp «{value}» rỗng (0 byte), không dùng làm minh chứng được."
EVIDENCE_FILE_TOO_BIG = "Tệp «{value}» lớn hơn {limit} MB; hãy nén hoặc chọn tệp nhỏ hơn."
EVIDENCE_CITATION_REQUIRED = "Chưa nhập văn bản minh chứng (ví dụ: Kế hoạch số 53/KH-UBND ngày 17/9/2025)."
ATTACHMENT_MISSING = "Tệp minh chứng «{value}» không còn trong thư mục dữ liệu (attachments). Hãy đính kèm lại."

# Statistics sentences, as ward reports write them.
STATS_PHASE_HEADING = "Giai đoạn {phase}: {unit} được giao {assigned} nhiệm vụ"
STATS_GROUP_HEADING = "{label}: {unit} được giao {assigned} nhiệm vụ"
STATS_DONE = ("Số nhiệm vụ đã hoàn thành {done_ratio}, trong đó: số nhiệm vụ hoàn thành đúng hạn {done_on_time}, "
              "số nhiệm vụ hoàn thành quá hạn {done_late}.")
STATS_ON_TRACK = "Số nhiệm vụ đang thực hiện đúng hạn {on_track}, tỷ lệ {on_track_pct}."
STATS_IN_PROGRESS = "Số nhiệm vụ đang thực hiện trong hạn {in_progress}, tỷ lệ {in_progress_pct}."
STATS_OVERDUE = "Số nhiệm vụ quá hạn chưa hoàn thành {overdue}, tỷ lệ {overdue_pct}."
STATS_PHASE_LABEL = "Giai đoạn {phase}"
DEFAULT_SUBJECT = "Ủy ban nhân dân phường"
PLAN_UNNAMED = "Kế hoạch (chưa có số) #{id}"

# ------------------------------------------------------------------ tasks screen
COLUMN = {
    "number": "STT",
    "title": "Tên nhiệm vụ",
    "status": "Trạng thái",
    "deadline": "Thời hạn",
    "lead": "Chủ trì",
    "coordinators": "Phối hợp",
    "phase": "Giai đoạn",
    "sources": "Văn bản nguồn",
    "plan": "Kế hoạch",
    "completed_on": "Ngày hoàn thành",
}
NUMBER_TOOLTIP = "Số thứ tự theo kế hoạch (mã nhiệm vụ: {id})"
SEARCH_PLACEHOLDER = "Tìm theo tên, nội dung, bộ phận, văn bản… (có dấu hoặc không dấu)"
FILTER_STATUS = "Trạng thái:"
FILTER_LEAD = "Chủ trì:"
FILTER_PHASE = "Giai đoạn:"
FILTER_SOURCE = "Văn bản:"
FILTER_DEADLINE = "Thời hạn:"
FILTER_FROM = "từ ngày"
FILTER_TO = "đến ngày"
FILTER_AS_OF = "Tính đến ngày:"
FILTER_AS_OF_TIP = "Trạng thái (đúng hạn, quá hạn…) được tính tại ngày này. Mặc định là hôm nay."
FILTER_CLEAR = "Bỏ lọc"
FILTER_ALL_STATUSES = "Tất cả trạng thái"
FILTER_DONE = "Đã hoàn thành (đúng hạn và quá hạn)"
FILTER_OPEN = "Chưa hoàn thành"
FILTER_ALL_DEPARTMENTS = "Tất cả bộ phận"
FILTER_ALL_PHASES = "Tất cả giai đoạn"
FILTER_ALL_SOURCES = "Tất cả văn bản"
FILTER_ANY_DEADLINE = "Mọi thời hạn"
FILTER_CUSTOM_RANGE = "Khoảng ngày…"
DEADLINE_WINDOW = {
    "overdue": "Quá hạn",
    "next_7": "7 ngày tới",
    "next_14": "14 ngày tới",
    "this_month": "Tháng này",
}
PHASE_ITEM = "Giai đoạn {phase}"
DATE_PLACEHOLDER = "dd/mm/yyyy"
COUNT = "Hiển thị {shown}/{total} nhiệm vụ"
ADD = "Thêm nhiệm vụ"
OPEN = "Sửa/Mở"
UPDATE_STATUS = "Cập nhật trạng thái"
DELETE = "Xóa"
ADD_TIP = "Thêm nhiệm vụ mới (Ctrl+N)"
OPEN_TIP = "Mở nhiệm vụ đang chọn để xem và sửa (Enter hoặc nhấp đúp)"
CONFIRM_DELETE = "Xóa nhiệm vụ «{title}»?\n\nLịch sử trạng thái và danh sách minh chứng của nhiệm vụ cũng bị xóa. Không hoàn tác được."
EMPTY = "Chưa có nhiệm vụ nào. Bấm «Thêm nhiệm vụ» (Ctrl+N) để nhập nhiệm vụ đầu tiên."
EMPTY_FILTERED = "Không có nhiệm vụ nào khớp với bộ lọc."

# ------------------------------------------------------------------ task dialog
DIALOG_NEW = "Thêm nhiệm vụ"
DIALOG_EDIT = "Nhiệm vụ: {title}"
TAB_GENERAL = "Thông tin chung"
TAB_SOURCE = "Nguồn và thời hạn"
TAB_HISTORY = "Trạng thái"
TAB_EVIDENCE = "Minh chứng"
LABEL = {
    "title": "Tên nhiệm vụ:",
    "details": "Nội dung chi tiết:",
    "lead": "Bộ phận chủ trì:",
    "lead_note": "Chủ trì (ghi bằng chữ):",
    "coordinators": "Bộ phận phối hợp:",
    "coordination_note": "Phối hợp khác:",
    "expected_output": "Sản phẩm đầu ra:",
    "phase": "Giai đoạn:",
    "plan": "Thuộc kế hoạch:",
    "sources": "Văn bản nguồn:",
    "recurrence": "Loại thời hạn:",
    "deadline": "Thời hạn:",
    "deadline_note": "Ghi chú thời hạn:",
}
TITLE_PLACEHOLDER = "Ví dụ: Triển khai hiệu quả nền tảng học tập trực tuyến mở đại trà (MOOCs)"
LEAD_NOTE_PLACEHOLDER = "Khi chủ trì không phải một bộ phận, ví dụ: Công an phường"
COORDINATION_NOTE_PLACEHOLDER = "Ví dụ: các tổ dân phố, doanh nghiệp viễn thông"
PHASE_PLACEHOLDER = "1, 2…"
DEADLINE_NOTE_PLACEHOLDER = "Ví dụ: Tháng 12/2025; Theo văn bản của Thành phố"
NO_DEPARTMENT_CHOICE = "(Chưa giao bộ phận)"
NO_PLAN_CHOICE = "(Không thuộc kế hoạch)"
SOURCE_COLUMN = {"directive": "Văn bản", "item_ref": "Mục, điểm trong văn bản"}
SOURCE_ADD = "Thêm văn bản nguồn"
SOURCE_REMOVE = "Bỏ văn bản đã chọn"
SOURCE_ITEM_PLACEHOLDER = "Mục/điểm, ví dụ: mục 2.1, STT 6"
SOURCE_CHOOSE = "Chọn văn bản chỉ đạo…"
SOURCE_NONE_IN_REGISTRY = "Chưa có văn bản chỉ đạo nào. Thêm văn bản ở mục «Văn bản chỉ đạo»."
DEADLINE_ONLY_FIXED = "Chỉ nhập ngày khi loại thời hạn là «Có thời hạn cụ thể»."
STATUS_NOW = "Trạng thái tính đến hôm nay: {status}"
STATUS_NOW_DONE = "Trạng thái tính đến hôm nay: {status} (ngày hoàn thành {date})"
HISTORY_COLUMN = {"on_date": "Ngày", "status": "Trạng thái", "note": "Ghi chú", "by": "Người cập nhật"}
HISTORY_DELETE = "Xóa dòng ghi nhầm"
HISTORY_EMPTY = "Chưa cập nhật trạng thái lần nào."
CONFIRM_DELETE_ENTRY = "Xóa dòng trạng thái «{status}» ngày {date}?"
SAVE_FIRST = "Lưu nhiệm vụ trước, sau đó cập nhật trạng thái và thêm minh chứng."
EVIDENCE_COLUMN = {"kind": "Loại", "name": "Tệp / văn bản", "size": "Dung lượng", "note": "Ghi chú"}
EVIDENCE_KIND = {"file": "Tệp", "document": "Văn bản"}
EVIDENCE_ADD_FILE = "Đính kèm tệp…"
EVIDENCE_ADD_CITATION = "Trích dẫn văn bản…"
EVIDENCE_OPEN = "Mở tệp"
EVIDENCE_REMOVE = "Bỏ minh chứng"
EVIDENCE_EMPTY = "Chưa có minh chứng."
EVIDENCE_CHOOSE_FILE = "Chọn tệp minh chứng"
EVIDENCE_FILE_FILTER = "Tài liệu (*.pdf *.doc *.docx *.xls *.xlsx *.jpg *.jpeg *.png *.zip);;Mọi tệp (*)"
EVIDENCE_NOT_A_FILE = "Minh chứng đã chọn là văn bản trích dẫn, không có tệp để mở."
CONFIRM_REMOVE_EVIDENCE = "Bỏ minh chứng «{name}» khỏi nhiệm vụ?"
OPEN_FAILED = "Không mở được tệp «{name}». Máy chưa có chương trình xem loại tệp này."
SAVE_AND_CLOSE = "Lưu và đóng"
SAVE_TIP = "Lưu (Ctrl+S)"

# ------------------------------------------------------------------ status dialog
STATUS_DIALOG_TITLE = "Cập nhật trạng thái"
STATUS_DIALOG_TASK = "Nhiệm vụ: {title}"
STATUS_LABEL = {"status": "Trạng thái:", "on_date": "Ngày:", "note": "Ghi chú:"}
STATUS_NOTE_PLACEHOLDER = "Kết quả, văn bản đã ban hành, khó khăn…"
STATUS_DATE_TIP = "Ngày xảy ra trạng thái này (không được sau hôm nay)."

# ------------------------------------------------------------------ citation dialog
CITATION_DIALOG_TITLE = "Trích dẫn văn bản minh chứng"
CITATION_LABEL = {"directive": "Chọn từ danh mục:", "citation": "Văn bản:", "note": "Ghi chú:"}
CITATION_PLACEHOLDER = "Ví dụ: Kế hoạch số 53/KH-UBND ngày 17/9/2025"
CITATION_NO_DIRECTIVE = "(Nhập tay bên dưới)"
