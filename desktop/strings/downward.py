"""Packages sent downward and task lists imported from .xlsx: messages, labels, dialog text (NFC)."""

YES = "Có"
NO = "Không"

# ---------------------------------------------------------------- export
NO_OFFICE = "Chưa khai báo thông tin đơn vị (Cài đặt → Đơn vị), nên chưa gửi được dữ liệu xuống cấp dưới."
PLAN_NOT_FOUND = "Không tìm thấy kế hoạch số {id}."
TASKS_NOT_FOUND = "Không tìm thấy nhiệm vụ số {ids}."
INDICATORS_NOT_FOUND = "Không có chỉ tiêu mã {codes}."
NOTHING_TO_SEND = "Không có gì để gửi: chưa chọn nhiệm vụ hoặc chỉ tiêu nào."
OUTLINE_REQUIRED = "Hãy chọn đề cương cần gửi."
EXPORT_INVALID = "Dữ liệu chưa gửi được vì có chỗ không hợp lệ: {problem}"
ITEM_REF = "STT {number} phụ lục"
SUMMARY_TASKS = "{tasks} nhiệm vụ, {directives} văn bản chỉ đạo"
SUMMARY_OUTLINE = "Đề cương «{name}»"
SUMMARY_INDICATORS = "{indicators} chỉ tiêu trong {groups} nhóm"
EXPORTED = "Đã ghi tệp {path} ({summary})."

# ---------------------------------------------------------------- checking a package
UNKNOWN_CONTENT = "Loại nội dung «{value}» không phải nhiệm vụ, đề cương hay chỉ tiêu gửi xuống."
NOT_DOWNWARD = "Gói này không phải gói cấp trên gửi xuống."
DATA_NOT_OBJECT = "Tệp data.json không đúng cấu trúc (phải là một đối tượng JSON)."
BAD_SCHEMA = "Phiên bản dữ liệu «{value}» không hợp lệ."
NEWER_SCHEMA = ("Gói dùng phiên bản dữ liệu {value}, mới hơn phiên bản phần mềm này đọc được ({supported}): "
                "cần cập nhật phần mềm.")
MISSING_KEY = "thiếu mục «{key}»"
KEY = "mục «{key}»"
EXPECT_OBJECT = "phải là một đối tượng"
EXPECT_LIST = "phải là một danh sách"
TOO_MANY = "có {count} mục, vượt giới hạn {limit}"
FIELD_TEXT = "trường «{key}» phải là chữ"
FIELD_REQUIRED = "trường «{key}» bị trống"
FIELD_TOO_LONG = "trường «{key}» dài {length} ký tự, vượt giới hạn {limit}"
FIELD_DATE = "trường «{key}» có giá trị «{value}» không phải ngày (YYYY-MM-DD)"
FIELD_DATE_RANGE = "trường «{key}» là ngày {value}, ngoài khoảng năm {low}–{high}"
FIELD_UID = "trường «{key}» phải là mã định danh 32 ký tự (0-9, a-f)"
FIELD_INTEGER = "trường «{key}» có giá trị «{value}», phải là số nguyên từ {low} đến {high}"
FIELD_CHOICE = "trường «{key}» có giá trị «{value}» không hợp lệ"
FIELD_LIST = "trường «{key}» phải là danh sách các đối tượng"
FIELD_FLAG = "trường «{key}» phải là true hoặc false"
FIELD_CODE = "trường «{key}» có mã «{value}» không hợp lệ"
FIELD_DECIMAL = "trường «{key}» có giá trị «{value}» không phải số"
DUPLICATE_UID = "mã định danh {value} bị lặp"
DUPLICATE_CODE = "mã {value} bị lặp"
DEADLINE_AND_RECURRENCE = "nhiệm vụ định kỳ (thường xuyên, hằng năm, hằng quý) không có hạn cụ thể"
SOURCE_UNKNOWN = "văn bản nguồn {value} không có trong danh sách văn bản của gói"
SOURCE_TWICE = "văn bản nguồn {value} được ghi hai lần"
NO_TASKS_IN_PACKAGE = "Gói không có nhiệm vụ nào."
NO_INDICATORS_IN_PACKAGE = "Gói không có chỉ tiêu nào."
GROUP_UNKNOWN = "nhóm «{value}» không có trong danh sách nhóm của gói"
FORMULA_KIND = "chỉ tiêu có công thức phải là số (số lượng, tỷ lệ, tiền, số)"
FORMULA_OUTSIDE = "công thức dùng chỉ tiêu không có trong gói: {codes}"
FORMULA_CYCLE = "công thức tự tham chiếu vòng tròn"
FORMULA_UNKNOWN = "Chỉ tiêu {code}: công thức dùng chỉ tiêu chưa có ở đơn vị: {codes}."
FORMULA_CYCLE_WITH_WARD = "Công thức các chỉ tiêu trong gói cùng với chỉ tiêu của đơn vị tạo thành vòng tròn."
KIND_CHANGE_WITH_VALUES = ("Chỉ tiêu {code} đã có số liệu kiểu «{old}», không đổi được sang «{new}». "
                           "Hãy liên hệ cấp trên trước khi nhập.")
KIND = {"count": "số lượng", "percent": "tỷ lệ", "money": "tiền", "number": "số", "text": "chữ", "bool": "có/không"}
TARGET_YEAR_TWICE = "chỉ tiêu năm {year} được ghi hai lần"
RULE_OUTSIDE = "quy tắc dùng chỉ tiêu không có trong gói: {codes}"
OUTLINE_BUILTIN_UID = "Đề cương trong gói trùng mã với đề cương có sẵn «{name}» của phần mềm."
REFUSED = "Không nhập được gói ({count} lỗi). Lỗi đầu tiên: {first}"
WHERE_TASK = "Nhiệm vụ thứ {index}"
WHERE_TASK_TITLE = "Nhiệm vụ thứ {index} («{title}»)"
WHERE_DIRECTIVE = "Văn bản thứ {index}"
WHERE_DIRECTIVE_NUMBER = "Văn bản thứ {index} ({number})"
WHERE_GROUP = "Nhóm chỉ tiêu thứ {index}"
WHERE_INDICATOR = "Chỉ tiêu thứ {index}"
WHERE_INDICATOR_CODE = "Chỉ tiêu {code}"
WHERE_RULE = "Quy tắc kiểm tra thứ {index}"

# ---------------------------------------------------------------- what an import does
ACTION_DIRECTIVE_NEW = "Thêm văn bản chỉ đạo: {label}"
ACTION_DIRECTIVE_FILLED = "Bổ sung {fields} cho văn bản {label}"
DIRECTIVE_FIELD = {"issued_on": "ngày ban hành", "issuer": "cơ quan ban hành", "summary": "trích yếu"}
ACTION_TASK_NEW = "Thêm nhiệm vụ: {title}"
ACTION_TASK_UPDATED = "Cập nhật nhiệm vụ «{title}»: {fields}"
TASK_FIELD = {
    "title": "tên", "details": "nội dung", "expected_output": "sản phẩm", "deadline": "thời hạn",
    "recurrence": "loại thời hạn", "deadline_note": "ghi chú thời hạn", "phase": "giai đoạn",
    "sources": "văn bản nguồn", "lead_note": "đơn vị chủ trì", "coordination_note": "đơn vị phối hợp",
}
ACTION_OUTLINE_NEW = "Thêm đề cương «{name}»"
ACTION_OUTLINE_UPDATED = "Cập nhật đề cương «{name}»: {fields}"
OUTLINE_FIELD = {"name": "tên", "kind": "loại", "description": "mô tả", "document": "thông tin văn bản",
                 "sections": "các mục", "retired": "dùng lại đề cương đã xóa"}
ACTION_GROUP_NEW = "Thêm nhóm chỉ tiêu «{name}»"
ACTION_GROUP_UPDATED = "Cập nhật nhóm chỉ tiêu «{name}»"
ACTION_INDICATOR_NEW = "Thêm chỉ tiêu {label}"
ACTION_INDICATOR_UPDATED = "Cập nhật chỉ tiêu {label}: {fields}"
INDICATOR_FIELD = {
    "name": "tên", "unit": "đơn vị tính", "kind": "loại", "department": "bộ phận", "source": "văn bản",
    "output": "sản phẩm", "formula": "công thức", "decimals": "số chữ số thập phân", "retired": "ngừng theo dõi",
    "position": "thứ tự", "group": "nhóm", "targets": "chỉ tiêu theo năm",
}
ACTION_RULE_NEW = "Thêm quy tắc kiểm tra {code}"
ACTION_RULE_UPDATED = "Cập nhật quy tắc kiểm tra {code}"
COUNTS = {
    "created": "thêm mới", "updated": "cập nhật", "unchanged": "không đổi",
    "directives_created": "văn bản thêm mới", "directives_updated": "văn bản bổ sung thông tin",
    "groups_created": "nhóm thêm mới", "groups_updated": "nhóm cập nhật",
    "rules_created": "quy tắc thêm mới", "rules_updated": "quy tắc cập nhật",
}

# ---------------------------------------------------------------- reading an .xlsx file
XLSX_MISSING = "Không tìm thấy tệp {name}."
XLSX_UNREADABLE = "Không đọc được tệp {name}: {reason}."
XLSX_EMPTY_FILE = "Tệp {name} rỗng (0 byte)."
XLSX_TOO_BIG = "Tệp {name} lớn hơn {limit} MB, không phải một danh sách nhiệm vụ thông thường."
XLSX_OLD_FORMAT = ("Tệp {name} là bảng tính Excel kiểu cũ (.xls). Hãy mở tệp bằng Excel rồi chọn "
                   "Lưu thành → Sổ làm việc Excel (.xlsx) và nhập tệp mới.")
XLSX_ENCRYPTED = ("Tệp {name} được đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp → Thông tin → "
                  "Bảo vệ sổ làm việc) rồi lưu lại và nhập tệp đó.")
XLSX_NOT_ZIP = "Tệp {name} không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng."
XLSX_NOT_WORKBOOK = "Tệp {name} không phải bảng tính Excel (.xlsx)."
XLSX_DAMAGED = "Tệp {name} bị hỏng, không đọc được ({reason})."
XLSX_BOMB = "Tệp {name} có nội dung nén bất thường (quá lớn khi giải nén), không mở."
XLSX_EMPTY = "Tệp {name} không có dữ liệu (các trang tính đều trống)."
XLSX_SHEET_TOO_BIG = "Trang «{sheet}» của tệp {name} vượt quá {rows} dòng hoặc {columns} cột."
SHEET_NOT_FOUND = "Tệp không có trang tính «{sheet}». Các trang: {sheets}."
SHEET_EMPTY = "Trang tính «{sheet}» trống."
NO_HEADER = ("Không tìm thấy dòng tiêu đề cột (Stt, Tên nhiệm vụ, Đơn vị chủ trì…) trong 30 dòng đầu "
             "của trang «{sheet}».")

# ---------------------------------------------------------------- reading rows
FIELD_LABELS = {
    "stt": "Số thứ tự",
    "title": "Tên nhiệm vụ",
    "details": "Nội dung chi tiết",
    "source": "Văn bản chỉ đạo",
    "lead": "Đơn vị chủ trì",
    "coordinators": "Đơn vị phối hợp",
    "deadline": "Thời gian hoàn thành",
    "output": "Sản phẩm",
    "phase": "Giai đoạn",
    "note": "Ghi chú",
    "ignore": "(Bỏ qua cột này)",
}
COLUMN_LABEL = "cột {letter} «{header}»"
ROW_PROBLEM = "Dòng {row}: {reason}"
ROW_NO_TITLE = "Thiếu tên nhiệm vụ ({column})."
NO_TITLE_COLUMN = "Chưa chọn cột nào là «Tên nhiệm vụ»."
ROW_TITLE_TOO_LONG = "Tên nhiệm vụ dài {length} ký tự, vượt giới hạn 2000."
ROW_TOO_LONG = "{column} dài {length} ký tự, vượt giới hạn {limit}."
ROW_SOURCE_UNREADABLE = "{column}: không thấy số ký hiệu văn bản (ví dụ 12-KH/TU) trong «{value}»."
ROW_REPEATED_HEADER = "Dòng tiêu đề cột lặp lại (sang trang), bỏ qua."
ROW_COLUMN_NUMBERS = "Dòng đánh số cột, bỏ qua."
ROW_DUPLICATE = "Trùng tên với nhiệm vụ ở dòng {row}: gộp văn bản nguồn vào nhiệm vụ đó."
ROW_EXISTS = "Đã có nhiệm vụ này: sẽ cập nhật, giữ nguyên tình hình thực hiện."
SECTION_SOURCE = "Văn bản nguồn của các nhiệm vụ bên dưới: {refs}"
SECTION_NO_SOURCE = "Nhóm nhiệm vụ (không ghi văn bản nguồn)."
NOTE_PREFIX = "Ghi chú: "
DEADLINE_UNREADABLE = ("«{value}» không đọc được là thời hạn (ví dụ: 30/12/2025, Tháng 12/2025, Quý IV/2025, "
                       "Năm 2025, Thường xuyên).")
DEADLINE_YEAR = "«{value}»: năm phải từ 2000 đến 2100."
DEADLINE_MONTH = "«{value}»: tháng phải từ 1 đến 12."
DEADLINE_QUARTER = "«{value}»: quý phải từ I đến IV."
MAPPING_TWICE = "Mỗi loại cột chỉ chọn một lần: {fields} đang được chọn cho nhiều cột."
PREVIEW_COUNTS = "{readable} dòng đọc được, {errors} dòng lỗi"
PREVIEW_SKIPPED = ", {count} dòng bỏ qua"
PREVIEW_EXISTING = "; {count} nhiệm vụ đã có sẽ được cập nhật"
NOTHING_READABLE = "Không có dòng nào đọc được thành nhiệm vụ, chưa nhập gì."
IMPORT_DONE = "Đã nhập: {created} nhiệm vụ mới, {updated} nhiệm vụ cập nhật, {unchanged} nhiệm vụ không đổi."
IMPORT_DIRECTIVES = " Thêm {count} văn bản chỉ đạo."
IMPORT_SKIPPED = " {count} dòng lỗi không nhập."

# ---------------------------------------------------------------- the dialog
DIALOG_TITLE = "Nhập danh sách nhiệm vụ từ tệp Excel"
FILE_LABEL = "Tệp:"
FILE_NONE = "(chưa chọn tệp)"
CHOOSE_FILE = "Chọn tệp…"
FILE_FILTER = "Bảng tính Excel (*.xlsx);;Tất cả các tệp (*)"
SHEET_LABEL = "Trang tính:"
HEADER_LABEL = "Dòng tiêu đề cột:"
HEADER_TIP = "Số thứ tự của dòng chứa tên các cột (Stt, Tên nhiệm vụ…), như Excel đánh số."
MAPPING_TITLE = "Mỗi cột trong tệp là gì"
MAPPING_COLUMN = "Cột {letter}"
PLAN_LABEL = "Đưa vào kế hoạch:"
PLAN_NONE = "(không đưa vào kế hoạch nào)"
PHASE_LABEL = "Giai đoạn (khi dòng không ghi):"
PHASE_PLACEHOLDER = "để trống nếu không chia giai đoạn"
PREVIEW_TITLE = "Xem trước"
PREVIEW_HEADERS = ("Dòng", "Đọc là", "Stt", "Tên nhiệm vụ", "Văn bản nguồn", "Đơn vị chủ trì", "Thời hạn",
                   "Ghi chú / lý do")
ROW_KIND = {"task": "Nhiệm vụ", "section": "Nhóm", "skipped": "Bỏ qua", "error": "Lỗi"}
NEW_DIRECTIVES = "Văn bản chỉ đạo chưa có, sẽ được thêm: {items}"
IMPORT_BUTTON = "Nhập nhiệm vụ"
CLOSE_BUTTON = "Đóng"
RESULT_TITLE = "Đã nhập danh sách nhiệm vụ"
ERRORS_TITLE = "Các dòng lỗi không nhập:"
CANNOT_READ_TITLE = "Không đọc được tệp"
HINT_CHOOSE = "Chọn tệp Excel (.xlsx) chứa danh sách nhiệm vụ, ví dụ phụ lục nhiệm vụ cấp trên gửi."

# ---------------------------------------------------------------- command line
HELP_EXPORT_DOWN = "gửi xuống cấp dưới: nhiệm vụ, đề cương hoặc định nghĩa chỉ tiêu (tệp .nq57)"
HELP_TASKS = "gửi nhiệm vụ (tất cả, hoặc của một kế hoạch với --plan)"
HELP_PLAN = "chỉ các nhiệm vụ của kế hoạch số ID"
HELP_TASK_IDS = "chỉ các nhiệm vụ có số ID (phân cách bằng dấu phẩy)"
HELP_OUTLINE = "gửi đề cương (số hoặc tên đề cương)"
HELP_INDICATORS = "gửi định nghĩa chỉ tiêu (tất cả đang theo dõi, hoặc các mã trong --codes)"
HELP_CODES = "mã chỉ tiêu, phân cách bằng dấu phẩy"
HELP_OUT = "tệp .nq57 sẽ ghi"
HELP_IMPORT_XLSX = "nhập danh sách nhiệm vụ từ bảng tính Excel (.xlsx)"
HELP_XLSX_FILE = "tệp .xlsx"
HELP_SHEET = "tên trang tính (mặc định: trang đầu tiên có dữ liệu)"
HELP_HEADER_ROW = "số dòng tiêu đề cột như Excel đánh số (mặc định: tự tìm)"
HELP_PHASE = "giai đoạn cho các dòng không ghi giai đoạn"
HELP_IMPORT_PLAN = "đưa các nhiệm vụ mới vào kế hoạch số ID"
HELP_DRY_RUN = "chỉ xem trước, không ghi gì"
HELP_JSON = "in kết quả dạng JSON"
CLI_WHICH = "Chọn đúng một loại nội dung: --tasks, --outline ID hoặc --indicators."
CLI_BAD_ID = "«{value}» không phải số hợp lệ."
CLI_OUTLINE_UNKNOWN = "Không có đề cương «{value}». Các đề cương: {names}."
CLI_BAD_HEADER_ROW = "Dòng tiêu đề {value} không có trong trang tính (trang có {rows} dòng)."
CLI_PREVIEW = "Trang «{sheet}», dòng tiêu đề {row}: {summary}."
CLI_NOT_WRITTEN = "Chỉ xem trước: chưa ghi gì."
CLI_NEW_DIRECTIVE = "Văn bản sẽ thêm: {label}"
CLI_COLUMNS = "Các cột: {columns}"
