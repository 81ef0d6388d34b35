"""Consolidation at the upper level: submissions, indicator totals, tasks by unit, the XLSX
workbook, the consolidated-report blocks and the `consolidate` command (NFC)."""

# ---------------------------------------------------------------- submissions
SUBMISSION_STATUS = {
    "on_time": "Đúng hạn",
    "late": "Gửi muộn",
    "missing": "Chưa gửi",
}
NOT_EXPECTED = "Không có trong danh sách đơn vị phải gửi"
NO_REPORT = "Không kèm báo cáo"
REPORT_ISSUED = "{doc} số {number_symbol} (đã ban hành)"
REPORT_ISSUED_NO_NUMBER = "{doc} (đã ban hành, chưa ghi số)"
REPORT_DRAFT = "{doc} (dự thảo, chưa ban hành)"
DEFAULT_DOC = "Báo cáo"
VERSIONS = "nhận {count} lần, dùng bản mới nhất"

# ---------------------------------------------------------------- settings
BAD_DEADLINE_DAYS = "Số ngày làm việc sau ngày chốt số liệu phải là số nguyên từ 0 đến 60 (đã nhập «{value}»)."
BAD_DEADLINE = "Hạn gửi báo cáo «{value}» không hợp lệ (năm phải từ 2000 đến 2100)."
EXPECTED_CODE_REQUIRED = "Dòng {row}: chưa nhập mã đơn vị."
EXPECTED_CODE_TOO_LONG = "Dòng {row}: mã đơn vị «{code}» dài quá 20 ký tự."
EXPECTED_DUPLICATE = "Dòng {row}: mã đơn vị «{code}» đã có ở dòng trên."
EXPECTED_TOO_MANY = "Danh sách đơn vị phải gửi có {count} dòng, vượt quá giới hạn {limit} dòng."
UNIT_NOT_FOUND = "Không tìm thấy đơn vị này. Có thể dữ liệu đã bị xóa; hãy tải lại danh sách."

# ---------------------------------------------------------------- indicator totals
METHOD = {
    "sum": "Cộng dồn",
    "formula": "Tính lại theo công thức",
    "none": "Không cộng dồn",
}
NOTE_NO_DATA = "Chưa có đơn vị nào báo cáo số liệu này."
NOTE_PARTIAL_SUM = "Tổng của {count}/{sent} đơn vị đã gửi có số liệu."
NOTE_FORMULA = ("Tính lại từ tổng số liệu đầu vào ({inputs}), không lấy trung bình tỷ lệ; tính trên {count} đơn vị "
                "có đủ số liệu.")
NOTE_FORMULA_NONE = "Chưa có đơn vị nào có đủ số liệu đầu vào ({inputs}) để tính."
NOTE_FORMULA_PROBLEM = "Không tính được: {reason}"
NOTE_FORMULA_NOT_SUMMABLE = ("Công thức dùng chỉ tiêu không cộng dồn được ({codes}), nên không tính lại từ số liệu "
                             "tổng hợp; xem số liệu từng đơn vị.")
NOTE_FORMULA_CYCLE = "Công thức của chỉ tiêu {code} tham chiếu vòng tròn."
NOTE_PERCENT = ("Tỷ lệ do từng đơn vị tự nhập, không có công thức nên không cộng và không lấy trung bình; "
                "{count} đơn vị báo cáo, thấp nhất {low}, cao nhất {high}.")
NOTE_NUMBER = ("Chỉ số của từng đơn vị, không cộng dồn; {count} đơn vị báo cáo, thấp nhất {low}, cao nhất {high}.")
NOTE_BOOL = "Số đơn vị trả lời «Có» trên {count} đơn vị trả lời."
TEXT_BOOL = "{yes}/{count} đơn vị «Có»"
NOTE_TEXT = "Nội dung chữ, không tổng hợp được; xem chi tiết từng đơn vị."
TEXT_TEXT = "{count} đơn vị có nội dung"

# ---------------------------------------------------------------- XLSX
SUBMISSIONS_SHEET = "Đơn vị gửi báo cáo"
SUBMISSIONS_TITLE = "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ"
SUBMISSIONS_HEADERS = ("STT", "Mã đơn vị", "Tên đơn vị", "Tình trạng", "Ngày lập gói", "Ngày nhận", "Báo cáo",
                       "Có tệp PDF", "Ghi chú")
INDICATORS_SHEET = "Chỉ tiêu tổng hợp"
INDICATORS_TITLE = "SỐ LIỆU CHỈ TIÊU TỔNG HỢP TỪ CÁC ĐƠN VỊ"
INDICATORS_HEADERS = ("TT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Số đơn vị có số liệu", "Cách tính",
                      "Ghi chú")
UNITS_SHEET = "Nhiệm vụ theo đơn vị"
UNITS_TITLE = "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ"
UNITS_HEADERS = ("STT", "Mã đơn vị", "Tên đơn vị", "Được giao", "Đã hoàn thành", "Hoàn thành đúng hạn",
                 "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Trong đó chưa triển khai",
                 "Quá hạn chưa hoàn thành", "Tỷ lệ hoàn thành (%)", "Xếp hạng")
TOTAL_ROW = "Tổng cộng"
SUBTITLE_PERIOD = "Kỳ báo cáo: {name}"
SUBTITLE_WINDOW = "(Số liệu từ ngày {first} đến ngày {last}; tình trạng nhiệm vụ tại ngày {as_of})"
SUBTITLE_DEADLINE = ("Hạn gửi báo cáo: {deadline}. Đã gửi {sent}/{expected} đơn vị (đúng hạn {on_time}, "
                     "gửi muộn {late}); chưa gửi {missing}.")
NO_UNITS = "Chưa có đơn vị nào gửi báo cáo kỳ này."

# ---------------------------------------------------------------- report blocks and fields
BLOCK_NAMES = {
    "submissions": "Tổng hợp đơn vị gửi báo cáo",
    "consolidated_indicators": "Bảng tổng hợp chỉ tiêu",
    "unit_tasks": "Bảng nhiệm vụ theo đơn vị",
}
BLOCK_HELP = {
    "submissions": "Câu tổng hợp số đơn vị đã gửi báo cáo (đúng hạn, gửi muộn), số chưa gửi kèm tên, và bảng "
                   "các đơn vị: ngày gửi, tình trạng, báo cáo kèm theo. Lấy từ các gói dữ liệu đã nhận của kỳ.",
    "consolidated_indicators": "Bảng số liệu chỉ tiêu tổng hợp từ các đơn vị: số đếm được cộng dồn, tỷ lệ tính "
                               "lại từ tổng tử số và mẫu số (không lấy trung bình). Có thể ghi sau dấu hai chấm mã "
                               "nhóm, danh mục hoặc các mã chỉ tiêu; để trống thì lấy mọi chỉ tiêu có số liệu.",
    "unit_tasks": "Bảng kết quả thực hiện nhiệm vụ của từng đơn vị: được giao, hoàn thành, quá hạn, tỷ lệ hoàn "
                  "thành và xếp hạng, kèm dòng tổng cộng.",
}
BLOCK_EXAMPLES = {
    "submissions": "[[Tổng hợp đơn vị gửi báo cáo]]",
    "consolidated_indicators": "[[Bảng tổng hợp chỉ tiêu: OPS.DOSSIER]]",
    "unit_tasks": "[[Bảng nhiệm vụ theo đơn vị]]",
}
TOTAL_WORD = "tổng"  # {{tổng: OPS.DOSSIER.RECEIVED}}
FIELD_NAMES = {
    "total": "Tổng các đơn vị",
    "units_sent": "số đơn vị đã gửi",
    "units_on_time": "số đơn vị gửi đúng hạn",
    "units_late": "số đơn vị gửi muộn",
    "units_missing": "số đơn vị chưa gửi",
    "units_expected": "số đơn vị phải gửi",
    "missing_names": "đơn vị chưa gửi",
    "deadline": "hạn gửi báo cáo",
    "task_rate": "tỷ lệ hoàn thành nhiệm vụ chung",
}
FIELD_HELP = {
    "total": "Số liệu tổng hợp của một chỉ tiêu từ các đơn vị đã gửi: «tổng:» rồi mã chỉ tiêu. Số đếm được cộng "
             "dồn, tỷ lệ tính lại từ tổng tử số và mẫu số.",
    "units_sent": "Số đơn vị đã gửi báo cáo kỳ này (đúng hạn và gửi muộn).",
    "units_on_time": "Số đơn vị gửi báo cáo đúng hạn.",
    "units_late": "Số đơn vị gửi báo cáo sau hạn.",
    "units_missing": "Số đơn vị phải gửi nhưng chưa gửi báo cáo kỳ này.",
    "units_expected": "Số đơn vị phải gửi báo cáo.",
    "missing_names": "Tên các đơn vị chưa gửi, cách nhau bằng dấu phẩy («không có» khi đã gửi đủ).",
    "deadline": "Hạn gửi báo cáo của kỳ, ví dụ 18/9/2025.",
    "task_rate": "Tỷ lệ nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ được giao của các đơn vị đã gửi, ví dụ "
                 "«412/520, tỷ lệ 79,2%».",
}
FIELD_EXAMPLES = {
    "total": "{{tổng: OPS.DOSSIER.RECEIVED}}",
    "units_sent": "{{số đơn vị đã gửi}}",
    "units_on_time": "{{số đơn vị gửi đúng hạn}}",
    "units_late": "{{số đơn vị gửi muộn}}",
    "units_missing": "{{số đơn vị chưa gửi}}",
    "units_expected": "{{số đơn vị phải gửi}}",
    "missing_names": "{{đơn vị chưa gửi}}",
    "deadline": "{{hạn gửi báo cáo}}",
    "task_rate": "{{tỷ lệ hoàn thành nhiệm vụ chung}}",
}
NO_TOTAL = "Chưa có số liệu tổng hợp của chỉ tiêu «{name}» trong {period}."
NONE_MISSING = "không có"
SUBMISSIONS_SENTENCE = ("Hạn gửi báo cáo {period} là ngày {deadline}. Đã có {sent}/{expected} đơn vị gửi báo cáo "
                        "(đúng hạn {on_time}, gửi muộn {late}); {missing_part}")
SUBMISSIONS_MISSING = "còn {count} đơn vị chưa gửi: {names}."
SUBMISSIONS_ALL_SENT = "không còn đơn vị nào chưa gửi."
SUBMISSIONS_EXTRA = "Ngoài danh sách phải gửi, có thêm {count} đơn vị gửi báo cáo: {names}."
SUBMISSION_COLUMNS = ("STT", "Đơn vị", "Ngày gửi", "Tình trạng", "Báo cáo kèm theo")
CONSOLIDATED_COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Số đơn vị", "Ghi chú")
UNIT_TASK_COLUMNS = ("STT", "Đơn vị", "Được giao", "Đã hoàn thành", "Quá hạn chưa hoàn thành", "Tỷ lệ hoàn thành",
                     "Xếp hạng")
PRINT_NOTE_FORMULA = "Tính lại từ số liệu cộng dồn của {count} đơn vị có đủ số liệu, không lấy trung bình."
NO_CONSOLIDATED = "Chưa có số liệu chỉ tiêu nào từ các đơn vị trong kỳ."

# ---------------------------------------------------------------- command line
HELP_CONSOLIDATE = "tổng hợp báo cáo các đơn vị gửi lên theo kỳ và xuất ra tệp Excel"
HELP_PERIOD = "kỳ báo cáo: 2025-M11, 2025-Q3, 2025-H1, 2025-9M, 2025 hoặc 2025-07-01..2025-11-17"
HELP_OUT = "tệp Excel (.xlsx) ghi bảng tổng hợp"
HELP_JSON = "in kết quả dạng JSON"
OUT_REQUIRED = "Cần --out TỆP.xlsx để ghi bảng tổng hợp (hoặc --json để chỉ in kết quả)."
CLI_HEADER = ("Tổng hợp {period}: hạn gửi {deadline}; đã gửi {sent}/{expected} đơn vị (đúng hạn {on_time}, "
              "gửi muộn {late}), chưa gửi {missing}.")
CLI_TASKS = ("Nhiệm vụ của các đơn vị đã gửi: được giao {assigned}, đã hoàn thành {done}, quá hạn chưa hoàn thành "
             "{overdue}.")
CLI_WRITTEN = "Đã ghi bảng tổng hợp: {path}"
