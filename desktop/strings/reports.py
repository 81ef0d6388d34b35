"""Vietnamese text for outlines (đề cương), reports and printing. Grouped by screen."""

# ---------------------------------------------------------------- section tree
UNTITLED = "(chưa có tiêu đề)"
SECTION_NOT_FOUND = "Không tìm thấy mục này; có thể nó vừa bị xóa. Hãy tải lại danh sách."
BAD_FIELD = "Tệp đề cương không đúng định dạng: trường «{field}» không hợp lệ."

# ---------------------------------------------------------------- data blocks and fields
# The names people type inside [[…]] and {{…}} (matched without accents or case), what the
# "insert" menu shows about each, and an example to insert.
BLOCK_NAMES = {
    "phases": "Nhiệm vụ theo giai đoạn",
    "sources": "Nhiệm vụ theo văn bản",
    "departments": "Nhiệm vụ theo bộ phận",
    "task_summary": "Tổng hợp nhiệm vụ",
    "task_list": "Danh sách nhiệm vụ",
    "task_table": "Bảng nhiệm vụ",
    "indicator_sentence": "Câu chỉ tiêu",
    "indicator_table": "Bảng chỉ tiêu",
}
BLOCK_HELP = {
    "phases": "Số nhiệm vụ được giao, đã hoàn thành (đúng hạn, quá hạn), đang thực hiện đúng hạn và quá hạn "
              "chưa hoàn thành của từng giai đoạn, kèm tỷ lệ. Có thể ghi giai đoạn cần nêu: [[Nhiệm vụ theo giai "
              "đoạn: 1, 2]].",
    "sources": "Các con số như trên, tính riêng cho từng văn bản giao nhiệm vụ.",
    "departments": "Các con số như trên, tính riêng cho từng bộ phận chủ trì.",
    "task_summary": "Một đoạn tổng hợp: tổng số nhiệm vụ, số đã hoàn thành, đang thực hiện, quá hạn.",
    "task_list": "Danh sách nhiệm vụ, mỗi nhiệm vụ một dòng «+», kèm bộ phận chủ trì và thời hạn. Sau dấu hai "
                 "chấm ghi: quá hạn, đang thực hiện, hoàn thành, chưa hoàn thành hoặc tất cả.",
    "task_table": "Bảng nhiệm vụ: STT, nhiệm vụ, chủ trì, phối hợp, thời hạn, kết quả. Sau dấu hai chấm ghi: quá "
                  "hạn, đang thực hiện, hoàn thành, chưa hoàn thành hoặc tất cả.",
    "indicator_sentence": "Một câu nêu số liệu các chỉ tiêu của kỳ, ví dụ «Hồ sơ tiếp nhận 11.962 hồ sơ; hồ sơ tiếp "
                          "nhận trực tuyến 9.765 hồ sơ; …». Sau dấu hai chấm ghi mã nhóm chỉ tiêu hoặc các mã chỉ "
                          "tiêu cách nhau bằng dấu phẩy.",
    "indicator_table": "Bảng chỉ tiêu: STT, chỉ tiêu, đơn vị tính, kỳ này, kỳ trước, chỉ tiêu năm, đánh giá. Sau "
                       "dấu hai chấm ghi mã nhóm chỉ tiêu hoặc bộ chỉ tiêu (nq71, milestones, operations).",
}
BLOCK_EXAMPLES = {
    "phases": "[[Nhiệm vụ theo giai đoạn]]",
    "sources": "[[Nhiệm vụ theo văn bản]]",
    "departments": "[[Nhiệm vụ theo bộ phận]]",
    "task_summary": "[[Tổng hợp nhiệm vụ]]",
    "task_list": "[[Danh sách nhiệm vụ: quá hạn]]",
    "task_table": "[[Bảng nhiệm vụ: chưa hoàn thành]]",
    "indicator_sentence": "[[Câu chỉ tiêu: OPS.DOSSIER]]",
    "indicator_table": "[[Bảng chỉ tiêu: nq71]]",
}
FIELD_NAMES = {
    "indicator": "Mã chỉ tiêu",
    "ratio": "Tỷ lệ giữa hai chỉ tiêu",
    "period": "kỳ báo cáo",
    "from": "từ ngày",
    "to": "đến ngày",
    "year": "năm",
    "unit": "đơn vị",
}
FIELD_HELP = {
    "indicator": "Số liệu của chỉ tiêu trong kỳ, viết theo kiểu Việt Nam (11.962; tỷ lệ có dấu %).",
    "ratio": "Hai mã chỉ tiêu cách nhau bằng dấu «/»: in ra «9.765/11.962 = 81,6%».",
    "period": "Tên kỳ báo cáo, ví dụ «quý III/2025», «6 tháng đầu năm 2025».",
    "from": "Ngày đầu của khoảng số liệu, ví dụ 15/6/2025.",
    "to": "Ngày cuối của khoảng số liệu, ví dụ 14/9/2025.",
    "year": "Năm của kỳ báo cáo.",
    "unit": "Tên đơn vị viết trong câu, ví dụ «phường An Hải».",
}
FIELD_EXAMPLES = {
    "indicator": "{{OPS.DOSSIER.RECEIVED}}",
    "ratio": "{{OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED}}",
    "period": "{{kỳ báo cáo}}",
    "from": "{{từ ngày}}",
    "to": "{{đến ngày}}",
    "year": "{{năm}}",
    "unit": "{{đơn vị}}",
}
# Task filters after "Danh sách nhiệm vụ:" / "Bảng nhiệm vụ:" (the first word is the canonical one).
TASK_FILTERS = {
    "overdue": ("quá hạn",),
    "in_progress": ("đang thực hiện", "đang làm"),
    "done": ("hoàn thành", "đã hoàn thành"),
    "open": ("chưa hoàn thành",),
    "all": ("tất cả", "toàn bộ"),
}

# ---------------------------------------------------------------- what blocks print
SUMMARY_SENTENCE = (
    "Tổng số nhiệm vụ được giao: {assigned} nhiệm vụ{sources}; đã hoàn thành {done_ratio}, trong đó hoàn thành đúng "
    "hạn {done_on_time}, hoàn thành quá hạn {done_late}; đang thực hiện trong hạn {in_progress}; quá hạn chưa hoàn "
    "thành {overdue}."
)
SUMMARY_SOURCES = " theo {count} văn bản"
NO_TASKS = "Không có nhiệm vụ nào."
TASK_LEAD = "chủ trì: {value}"
TASK_DEADLINE = "thời hạn: {value}"
TASK_DONE_ON = "{status} ({date})"
TASK_TABLE_COLUMNS = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Kết quả")
INDICATOR_TABLE_COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước", "Chỉ tiêu năm", "Đánh giá")
NO_DATA_SENTENCE = "chưa có số liệu"
NO_INDICATORS = "Không có chỉ tiêu nào."
MISSING_VALUE = "…"  # an empty figure prints as a blank to fill in by hand
RATIO = "{part}/{whole} = {percent}"

# ---------------------------------------------------------------- problems (shown inline and on issuing)
UNKNOWN_INLINE = "[chưa rõ: {name}]"
UNKNOWN_BLOCK = "Không có khối số liệu «[[{name}]]»."
UNKNOWN_FIELD = "Không có trường «{{{{{name}}}}}»."
UNKNOWN_CODE = "Không có chỉ tiêu mã «{code}» (trong «{text}»)."
UNKNOWN_GROUP = "Không có nhóm chỉ tiêu hoặc bộ chỉ tiêu «{value}» (trong «[[{text}]]»)."
UNKNOWN_FILTER = "«{value}» không phải là cách lọc nhiệm vụ (trong «[[{text}]]»); dùng: {choices}."
NEEDS_ARGUMENT = "Khối «[[{text}]]» cần ghi thêm sau dấu hai chấm, ví dụ «{example}»."
NO_VALUE = "«{name}» chưa có số liệu kỳ {period}."
RATIO_ZERO = "Không tính được tỷ lệ «{text}»: mẫu số bằng 0 hoặc chưa có số liệu."
NOT_A_NUMBER = "Chỉ tiêu «{name}» không phải là số nên không tính tỷ lệ được."
ISSUE_PROBLEMS = ("Chưa ban hành được: văn bản còn {count} chỗ chưa rõ: {names}. Hãy sửa hoặc xóa các chỗ này "
                  "(trong bản xem trước chúng hiện dạng «[chưa rõ: …]»).")

# ---------------------------------------------------------------- report documents
FIELD = {
    "doc_type": "loại văn bản",
    "symbol": "ký hiệu",
    "number": "số văn bản",
    "year": "năm",
    "date": "ngày tháng",
    "summary": "trích yếu",
    "addressees": "kính gửi",
    "opening": "đoạn mở đầu",
    "closing": "đoạn kết thúc",
    "recipients": "nơi nhận",
    "signer": "người ký",
    "drafter_line": "ký hiệu người soạn thảo",
    "period": "kỳ báo cáo",
    "appendices": "phụ lục",
    "sections": "các mục",
}
STATUS = {"draft": "Dự thảo", "issued": "Đã ban hành"}
KIND = {"report": "Báo cáo", "plan": "Kế hoạch"}
NOT_FOUND = "Không tìm thấy văn bản này (có thể đã bị xóa)."
OUTLINE_NOT_FOUND = "Không tìm thấy đề cương đã chọn (có thể đã bị xóa)."
ISSUED_READ_ONLY = ("Văn bản «{name}» đã ban hành nên không sửa được nữa; số liệu của nó đã được chốt. "
                    "Muốn sửa, hãy tạo bản sửa đổi (bản dự thảo mới chép từ văn bản này).")
NOT_ISSUED = "Chỉ tạo bản sửa đổi từ văn bản đã ban hành; «{name}» vẫn là dự thảo, hãy sửa trực tiếp."
ISSUE_NEEDS_SUMMARY = "Chưa ban hành được: văn bản chưa có trích yếu."
DELETE_ISSUED = ("Văn bản «{name}» đã ban hành. Xóa văn bản đã ban hành chỉ làm được khi xác nhận rõ; số đã cấp "
                 "vẫn giữ trong sổ đăng ký.")
BAD_SYMBOL = ("Ký hiệu «{value}» không đúng: viết hoa, không dấu cách, các nhóm nối bằng dấu «-», "
              "ví dụ BC-UBND, KH-UBND, BC-VHXH.")
BAD_NUMBER = "Số văn bản phải là số nguyên từ 1 trở lên (hoặc để trống cho văn thư điền)."
BAD_YEAR = "Năm {value} không hợp lệ (từ 2000 đến 2100)."
BAD_MONTH = "Tháng {value} không hợp lệ (từ 1 đến 12)."
BAD_DAY = "Không có ngày {day}/{month}/{year} trong lịch."
DAY_NEEDS_MONTH = "Đã ghi ngày thì phải ghi cả tháng."
SIGNER_NOT_FOUND = "Không tìm thấy người ký đã chọn (có thể đã bị xóa)."
TOO_LONG = "{label} dài quá {limit} ký tự."
TOO_MANY_LINES = "{label} có quá {limit} dòng."
BAD_TREE = "Cây mục không hợp lệ: {reason}"
TREE_TOO_DEEP = "các mục lồng nhau quá {limit} cấp"
TREE_TOO_BIG = "có quá {limit} mục"
BAD_APPENDIX = "Phụ lục thứ {index} không hợp lệ: {reason}"
APPENDIX_KIND = "loại phụ lục «{value}» không có"
APPENDIX_TITLE = "thiếu tên phụ lục"
APPENDIX_FIELD = "trường «{value}» không hợp lệ"
NUMBER_TAKEN = ("Số {number_symbol} năm {year} đã được cấp{what} ngày {date}. Mỗi số chỉ dùng một lần trong năm; "
                "số tiếp theo còn trống là {suggested}.")
NUMBER_TAKEN_WHAT = " cho văn bản «{summary}»"
DEFAULT_FILED = "VT"  # "Lưu: VT, <drafting department>"
FILED_LINE = "Lưu: {places}"

# ---------------------------------------------------------------- printed words
NUMBER_LINE = "Số: {number}/{symbol}"
NUMBER_BLANK = "Số:      /{symbol}"
APPENDIX_LABEL = "Phụ lục"
APPENDIX_LABEL_NUMBERED = "Phụ lục {roman}"
ATTACHED_LINE = "(Kèm theo {doc} số {number}/{symbol} {date} của {issuer})"
ATTACHED_NUMBER_BLANK = "     "
METADATA_TITLE = "{doc} số {number_symbol}: {summary}"
METADATA_KEYWORDS = "{number_symbol}, {doc}"
ISSUER = "{subject} {place}"
# Plans
PLAN_OPENING = "Thực hiện {citations}, {subject} xây dựng Kế hoạch thực hiện cụ thể như sau:"
PLAN_OPENING_NO_BASIS = "{subject} xây dựng Kế hoạch thực hiện cụ thể như sau:"
PLAN_CITATION_ISSUER = "{citation} của {issuer}"
PLAN_CITATION_SUMMARY = "{citation} về {summary}"
PLAN_DOC_TYPE = "KẾ HOẠCH"
PLAN_SYMBOL_DEFAULT = "KH-UBND"
PLAN_PURPOSE_HEADING = "MỤC ĐÍCH, YÊU CẦU"
PLAN_PURPOSE = "Mục đích"
PLAN_REQUIREMENTS = "Yêu cầu"
PLAN_TASKS_TITLE = "Phân công nhiệm vụ thực hiện Kế hoạch"
PLAN_TASK_COLUMNS = ("Stt", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm đầu ra",
                     "Thời gian")
PLAN_OTHER_GROUP = "Nhiệm vụ khác"
PLAN_NO_TASKS = "Kế hoạch chưa có nhiệm vụ nào."
PLAN_CLOSING = "Trên đây là Kế hoạch {summary}; đề nghị các bộ phận, đơn vị, cá nhân liên quan nghiêm túc triển khai thực hiện./."
PLAN_RECIPIENTS = (
    "UBND thành phố (để b/c)",
    "Thường trực Đảng ủy phường (để b/c)",
    "Thường trực HĐND phường",
    "Chủ tịch, các PCT UBND phường",
    "Các phòng, ban chuyên môn thuộc phường",
)
TARGETS_TITLE = "Các chỉ tiêu cụ thể theo Nghị quyết số 71/NQ-CP đến năm {year}"
TARGETS_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm {year}", "Cơ quan chủ trì theo dõi, đánh giá")
NO_PLAN = "Không tìm thấy kế hoạch này (có thể đã bị xóa)."
BAD_FROZEN = "Bản đã ban hành của văn bản bị hỏng, không đọc được ({reason})."
