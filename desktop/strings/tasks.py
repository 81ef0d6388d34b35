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
