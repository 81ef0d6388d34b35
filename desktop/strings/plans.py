"""Plans (kế hoạch): list, editor, section tree, assignment appendix, and plan messages."""

# ---------------------------------------------------------------- fields and validation
FIELD = {
    "number_symbol": "số, ký hiệu",
    "issued_on": "ngày ban hành",
    "summary": "trích yếu",
    "purpose": "mục đích",
    "requirements": "yêu cầu",
    "status": "trạng thái",
    "year": "năm kế hoạch",
    "basis": "văn bản căn cứ",
    "heading": "tiêu đề mục",
    "body": "nội dung mục",
    "numbering": "kiểu đánh số",
}
NUMBER_SYMBOL_FORMAT = (
    "Số, ký hiệu «{value}» không đúng dạng. Ví dụ: 70/KH-UBND (văn bản chính quyền) hoặc 08-KH/ĐU "
    "(văn bản của Đảng); có thể để trống khi chưa có số."
)
ISSUED_NEEDS_NUMBER = "Kế hoạch đã ban hành phải có số (ví dụ 70/KH-UBND)."
ISSUED_NEEDS_DATE = "Kế hoạch đã ban hành phải có ngày ban hành."
DATE_OUT_OF_RANGE = "Ngày ban hành {value} không hợp lý (phải trong khoảng năm 2000 đến 2100)."
DATE_IN_FUTURE = "Ngày ban hành {value} chưa đến; kế hoạch đã ban hành không thể mang ngày trong tương lai."
YEAR_OUT_OF_RANGE = "Năm kế hoạch {value} không hợp lý (phải trong khoảng 2000 đến 2100)."
STATUS_UNKNOWN = "Trạng thái «{value}» không hợp lệ."
NUMBERING_UNKNOWN = "Kiểu đánh số «{value}» không hợp lệ."
BASIS_NOT_FOUND = "Không tìm thấy văn bản căn cứ đã chọn (có thể đã bị xóa)."
BASIS_DUPLICATE = "Văn bản căn cứ {value} được chọn hai lần."
DUPLICATE_NUMBER = "Đã có kế hoạch số {value}."

PLAN_NOT_FOUND = "Không tìm thấy kế hoạch (có thể đã bị xóa)."
SECTION_NOT_FOUND = "Không tìm thấy mục (có thể đã bị xóa)."
SECTION_OTHER_PLAN = "Mục đã chọn thuộc kế hoạch khác."
TASK_OTHER_PLAN = "Nhiệm vụ này không thuộc kế hoạch đang sửa."
ALREADY_FIRST = "Mục đã ở vị trí đầu tiên."
ALREADY_LAST = "Mục đã ở vị trí cuối cùng."
CANNOT_INDENT = "Không thụt vào được: mục đầu tiên của một cấp chưa có mục nào đứng trước để làm mục cha."
CANNOT_OUTDENT = "Không lùi ra được: mục đã ở cấp ngoài cùng."
TASK_ALREADY_FIRST = "Nhiệm vụ đã ở đầu phụ lục."
TASK_ALREADY_LAST = "Nhiệm vụ đã ở cuối phụ lục."
SECTION_HAS_TASKS = (
    "Mục «{value}» (kể cả các mục con) đang có {count} nhiệm vụ. Xóa mục thì {count} nhiệm vụ này vẫn nằm trong "
    "kế hoạch nhưng không còn thuộc mục nào."
)
PLAN_HAS_TASKS = (
    "Kế hoạch «{value}» đang có {count} nhiệm vụ. Hãy chọn «gỡ nhiệm vụ khỏi kế hoạch» để xóa kế hoạch; "
    "các nhiệm vụ vẫn được giữ lại trong sổ theo dõi."
)

# ---------------------------------------------------------------- numbering styles
NUMBERING = {
    "part": "PHẦN I, PHẦN II — phần lớn",
    "upper_letter": "A. B. C. — chữ in hoa",
    "roman": "I. II. III. — số La Mã",
    "arabic": "1. 2. 3. — số",
    "decimal": "1.1. 1.2. — số theo mục cha",
    "lower_letter": "a) b) c) — chữ thường",
    "dash": "- gạch đầu dòng",
    "plus": "+ dấu cộng",
    "none": "Không đánh số",
}
UNTITLED_SECTION = "(chưa có tiêu đề)"

# ---------------------------------------------------------------- list page
LIST_TITLE = "Kế hoạch thực hiện"
SEARCH_PLACEHOLDER = "Tìm theo số, trích yếu (gõ có dấu hoặc không dấu)…"
NEW_PLAN = "Thêm kế hoạch"
OPEN_PLAN = "Mở"
DELETE_PLAN = "Xóa kế hoạch"
COLUMNS = {
    "number_symbol": "Số ký hiệu",
    "issued_on": "Ngày",
    "summary": "Trích yếu",
    "status": "Trạng thái",
    "progress": "Nhiệm vụ hoàn thành",
}
NO_NUMBER = "(chưa có số)"
EMPTY_LIST = "Chưa có kế hoạch nào. Bấm «Thêm kế hoạch» (Ctrl+N) để nhập kế hoạch của đơn vị."
PLAN_COUNT = "{count} kế hoạch"
CONFIRM_DELETE = "Xóa kế hoạch «{value}»? Các mục của kế hoạch cũng bị xóa."
CONFIRM_DELETE_DETACH = (
    "Kế hoạch «{value}» đang có {count} nhiệm vụ.\n\nGỡ {count} nhiệm vụ khỏi kế hoạch rồi xóa kế hoạch? "
    "Các nhiệm vụ vẫn được giữ lại trong sổ theo dõi (không thuộc kế hoạch nào)."
)
DELETED = "Đã xóa kế hoạch; {count} nhiệm vụ được giữ lại, không còn thuộc kế hoạch nào."

# ---------------------------------------------------------------- editor
BACK = "← Danh sách kế hoạch"
NEW_PLAN_TITLE = "Kế hoạch mới"
EDITOR_TITLE = "Kế hoạch {value}"
SAVE = "Lưu (Ctrl+S)"
SAVED = "Đã lưu kế hoạch."
TAB_GENERAL = "Thông tin chung"
TAB_SECTIONS = "Bố cục và nội dung"
TAB_APPENDIX = "Phụ lục phân công nhiệm vụ"
TAB_SECTIONS_COUNT = "Bố cục và nội dung ({count} mục)"
TAB_APPENDIX_COUNT = "Phụ lục phân công nhiệm vụ ({count})"

LABEL_NUMBER = "Số, ký hiệu:"
LABEL_DATE = "Ngày ban hành:"
LABEL_YEAR = "Năm:"
YEAR_TIP = "Năm thực hiện kế hoạch; để trống thì lấy năm của ngày ban hành."
LABEL_STATUS = "Trạng thái:"
LABEL_SUMMARY = "Trích yếu:"
LABEL_BASIS = "Văn bản căn cứ (theo thứ tự trích dẫn):"
LABEL_PURPOSE = "Mục đích:"
LABEL_REQUIREMENTS = "Yêu cầu:"
PLACEHOLDER_NUMBER = "ví dụ 70/KH-UBND; để trống nếu chưa có số"
PLACEHOLDER_DATE = "ngày/tháng/năm"
DATE_TIP = "Gõ ngày theo thứ tự ngày/tháng/năm, ví dụ 05/03/2025 hoặc 5/3/2025."
PLACEHOLDER_SUMMARY = "ví dụ: Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị…"
PLACEHOLDER_PURPOSE = "Mỗi ý một dòng, bắt đầu bằng «- »"
YEAR_NONE = "—"

BASIS_ADD = "Thêm văn bản…"
BASIS_REMOVE = "Bỏ"
BASIS_UP = "Lên"
BASIS_DOWN = "Xuống"
BASIS_COLUMNS = {"number_symbol": "Số ký hiệu", "issued_on": "Ngày", "summary": "Trích yếu"}
BASIS_PICKER_TITLE = "Chọn văn bản căn cứ"
BASIS_PICKER_HINT = "Chọn một hoặc nhiều văn bản (giữ Ctrl để chọn nhiều), rồi bấm «Thêm»."
BASIS_PICKER_EMPTY = "Danh mục văn bản chỉ đạo còn trống. Hãy nhập văn bản ở màn hình «Văn bản chỉ đạo» trước."
BASIS_PICKER_ADD = "Thêm"
DIRECTIVE_COLUMNS = {"type": "Loại", "number_symbol": "Số ký hiệu", "issued_on": "Ngày", "issuer": "Cơ quan ban hành",
                     "summary": "Trích yếu"}

# Section tree and form
SECTION_ADD_CHILD = "Thêm mục con"
SECTION_ADD_SIBLING = "Thêm mục ngang hàng"
SECTION_UP = "Lên"
SECTION_DOWN = "Xuống"
SECTION_INDENT = "Thụt vào"
SECTION_OUTDENT = "Lùi ra"
SECTION_DELETE = "Xóa mục"
SECTION_ADD_CHILD_TIP = "Thêm một mục nằm trong mục đang chọn (mục cấp ngoài cùng nếu chưa chọn mục nào)"
SECTION_ADD_SIBLING_TIP = "Thêm một mục cùng cấp, ngay sau mục đang chọn"
SECTION_UP_TIP = "Đưa mục lên trước mục cùng cấp phía trên"
SECTION_DOWN_TIP = "Đưa mục xuống sau mục cùng cấp phía dưới"
SECTION_INDENT_TIP = "Đưa mục vào trong, làm mục con cuối cùng của mục cùng cấp phía trên"
SECTION_OUTDENT_TIP = "Đưa mục ra ngoài một cấp, đứng ngay sau mục cha"
SECTION_DELETE_TIP = "Xóa mục đang chọn và các mục con"
TREE_COLUMNS = ("Mục", "NV")
TREE_TASKS_TIP = "Số nhiệm vụ thuộc mục"
SECTION_FORM_TITLE = "Mục đang chọn"
SECTION_NONE = "Chọn một mục ở cây bên trái để sửa, hoặc bấm «Thêm mục con» để tạo mục đầu tiên."
LABEL_NUMBERING = "Đánh số:"
LABEL_HEADING = "Tiêu đề:"
LABEL_BODY = "Nội dung:"
NUMBERING_HINT = "Số thứ tự tự tính theo vị trí của mục, không cần gõ."
SECTION_TASKS = "Nhiệm vụ thuộc mục này"
SECTION_TASK_ADD = "Thêm nhiệm vụ vào mục"
CONFIRM_DELETE_SECTION = "Xóa mục «{value}» và toàn bộ mục con?"
CONFIRM_DELETE_SECTION_TASKS = SECTION_HAS_TASKS + "\n\nVẫn xóa mục?"
SECTION_DELETED_TASKS = "Đã xóa mục; {count} nhiệm vụ được giữ lại trong phụ lục, không còn thuộc mục nào."

# Appendix
APPENDIX_HINT = "Thứ tự ở đây là thứ tự in trong phụ lục phân công nhiệm vụ của kế hoạch."
APPENDIX_COLUMNS = {
    "stt": "STT",
    "title": "Nội dung công việc",
    "section": "Mục",
    "lead": "Chủ trì",
    "coordinators": "Phối hợp",
    "expected_output": "Sản phẩm đầu ra",
    "deadline": "Thời hạn",
    "status": "Trạng thái",
}
TASK_ADD = "Thêm nhiệm vụ"
TASK_EDIT = "Sửa"
TASK_UP = "Lên"
TASK_DOWN = "Xuống"
TASK_DETACH = "Gỡ khỏi kế hoạch"
CONFIRM_DETACH_TASK = ("Gỡ nhiệm vụ «{value}» khỏi kế hoạch? Nhiệm vụ vẫn được giữ lại trong sổ theo dõi, "
                       "chỉ không còn nằm trong phụ lục của kế hoạch này.")
SAVE_HEADER_FIRST = "Hãy nhập trích yếu và lưu thông tin chung của kế hoạch trước."

# Small task form
TASK_DIALOG_NEW = "Thêm nhiệm vụ vào kế hoạch"
TASK_DIALOG_EDIT = "Sửa nhiệm vụ trong kế hoạch"
TASK_LABEL_TITLE = "Nội dung công việc:"
TASK_LABEL_SECTION = "Thuộc mục:"
TASK_LABEL_LEAD = "Chủ trì:"
TASK_LABEL_LEAD_NOTE = "Chủ trì khác:"
TASK_LABEL_COORDINATORS = "Phối hợp:"
TASK_LABEL_COORDINATION_NOTE = "Phối hợp khác:"
TASK_LABEL_OUTPUT = "Sản phẩm đầu ra:"
TASK_LABEL_RECURRENCE = "Thời hạn:"
TASK_LABEL_DEADLINE = "Ngày hết hạn:"
TASK_LABEL_DEADLINE_NOTE = "Ghi chú thời hạn:"
TASK_NO_SECTION = "(không thuộc mục nào)"
TASK_NO_LEAD = "(chưa chọn bộ phận)"
TASK_PLACEHOLDER_LEAD_NOTE = "khi chủ trì không phải bộ phận của UBND, ví dụ: Công an phường"
TASK_PLACEHOLDER_COORDINATION = "ví dụ: các tổ dân phố, các trường học"
TASK_PLACEHOLDER_OUTPUT = "ví dụ: Kế hoạch, Báo cáo, Bản tin"
TASK_PLACEHOLDER_DEADLINE_NOTE = "ví dụ: Tháng 12/2025"

EXPORT_APPENDIX = "Xuất phụ lục ra Excel…"
EXPORT_FILE_NAME = "Phu-luc-phan-cong-nhiem-vu-{number}.xlsx"
EXPORT_FILTER = "Tệp Excel (*.xlsx)"
EXPORT_DONE = "Đã xuất phụ lục: {path}"
