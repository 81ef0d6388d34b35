"""The «Trao đổi dữ liệu» screen: sending a package up, receiving packages, consolidation,
sending lists down (desktop.ui.exchange)."""

TAB_SEND = "Gửi lên cấp trên"
TAB_RECEIVE = "Nhận gói dữ liệu"
TAB_CONSOLIDATE = "Tổng hợp"
TAB_DOWN = "Gửi xuống cấp dưới"

FILE_FILTER = "Gói dữ liệu NQ57 (*.nq57)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
OPEN_FOLDER = "Mở thư mục chứa tệp"
WORKING = "Đang thực hiện…"
CLOSE = "Đóng"
CANCEL = "Hủy"

# -- Gửi lên cấp trên
SEND_INTRO = ("Lập một tệp gói dữ liệu (.nq57) của kỳ báo cáo để gửi lên cấp trên qua USB, thư điện tử hoặc Zalo. "
              "Cấp trên nhập tệp này vào chương trình của mình, không phải gõ lại số liệu.")
SEND_CONTENT = "Nội dung gửi"
SEND_REPORT = "Báo cáo:"
SEND_NO_REPORT = "(kỳ này chưa có báo cáo)"
SEND_REPORT_ITEM = "{status}: {number} — {summary}"
SEND_NO_NUMBER = "chưa có số"
SEND_TASKS = "Nhiệm vụ và tiến độ thực hiện"
SEND_INDICATORS = "Số liệu chỉ tiêu của kỳ"
SEND_PDF = "Báo cáo dạng PDF (để đọc, in)"
SEND_XLSX = "Bảng số liệu Excel (cho người không dùng chương trình)"
SEND_SUMMARY = "Những gì sẽ gửi đi"
SUM_UNIT = "Đơn vị gửi: {unit} — {period}, số liệu tính đến ngày {day}."
SUM_UNIT_CODE = "{name} (mã {code})"
SUM_TASKS = "Nhiệm vụ: {count} (kèm diễn biến thực hiện và minh chứng)."
SUM_VALUES = "Số liệu chỉ tiêu: {values} giá trị ({indicators} chỉ tiêu kèm định nghĩa)."
SUM_REPORT = "Báo cáo: {label} — {status}."
SUM_NO_REPORT = "Không có báo cáo kèm theo."
SUM_FILES = "Tệp kèm theo: {files}."
SUM_NO_FILES = "Không kèm tệp PDF, Excel."
SUM_PDF = "báo cáo PDF"
SUM_XLSX = "bảng Excel số liệu và nhiệm vụ"
SEND_SAVE = "Lưu gói dữ liệu…"
SEND_SAVE_TITLE = "Lưu gói dữ liệu gửi cấp trên"
SEND_SAVED = "Đã lưu gói dữ liệu: {path} ({size})."
SEND_NO_OFFICE = "Chưa khai báo thông tin cơ quan (mục «Cơ quan và bộ phận»), nên chưa lập được gói dữ liệu."
SEND_SUMMARY_UNAVAILABLE = "Không đọc được nội dung sẽ gửi: {reason}"

# -- Nhận gói dữ liệu
RECEIVE_INTRO = ("Chọn hoặc kéo thả các tệp .nq57 vào đây. Chương trình kiểm tra kỹ từng tệp và cho xem trước "
                 "những gì sẽ được tạo, thay thế hoặc giữ nguyên; chỉ khi bấm «Nhập» dữ liệu mới được ghi.")
RECEIVE_CHOOSE = "Chọn tệp…"
RECEIVE_CHOOSE_TITLE = "Chọn các gói dữ liệu cần nhập"
RECEIVE_CLEAR = "Bỏ danh sách"
RECEIVE_DROP_HINT = "Kéo thả tệp .nq57 vào đây"
RECEIVE_IMPORT = "Nhập {count} gói"
RECEIVE_IMPORT_NONE = "Nhập"
RECEIVE_CHECKING = "Đang kiểm tra {count} tệp…"
RECEIVE_PREVIEW_COUNT = ("{total} tệp: {new} mới, {replace} thay thế bản cũ, {unchanged} không đổi, "
                         "{older} bản cũ hơn, {refused} bị từ chối.")
RECEIVE_DETAILS = "Chi tiết gói đã chọn"
RECEIVE_DETAILS_EMPTY = "Chọn một dòng trong bảng để xem chi tiết."
RECEIVE_ACTIONS = "Sẽ thực hiện:"
RECEIVE_NO_ACTIONS = "(không có thay đổi)"
RECEIVE_PROBLEMS = "Các lỗi phát hiện ({count}):"
RECEIVE_COUNTS = "Số lượng trong gói:"
RECEIVE_PROGRESS_TITLE = "Đang nhập gói dữ liệu"
RECEIVE_PROGRESS = "{done}/{total} – {name}"
RECEIVE_PROGRESS_START = "Đang chuẩn bị nhập {total} gói…"
RECEIVE_RESULTS = "Kết quả nhập"
RECEIVE_DONE = ("Đã xử lý {total} tệp: {imported} đã nhập, {replaced} thay thế bản cũ, {unchanged} không đổi, "
                "{refused} bị từ chối.")
RECEIVE_CANCELLED = ("Đã dừng theo yêu cầu. {count} gói đã nhập xong được giữ lại; {left} tệp chưa nhập "
                     "(có thể chọn lại để nhập tiếp).")
RECEIVE_NOTHING = "Không có gói nào nhập được: mọi tệp đều bị từ chối hoặc bản cũ hơn."
DROP_NOT_PACKAGE = "Bỏ qua {count} tệp không phải gói .nq57."

PREVIEW_STATUS = {
    "new": "Mới",
    "replace": "Thay thế bản cũ",
    "unchanged": "Không đổi",
    "older": "Bản cũ hơn – bỏ qua",
    "refused": "Bị từ chối",
}
RESULT_STATUS = {
    "imported": "Đã nhập",
    "replaced": "Đã thay thế bản cũ",
    "unchanged": "Không đổi",
    "refused": "Bị từ chối",
}
CONTENT = {
    "report": "Báo cáo, số liệu",
    "tasks": "Danh sách nhiệm vụ",
    "outline": "Đề cương báo cáo",
    "indicators": "Danh mục chỉ tiêu",
}
DIRECTION = {"up": "Cấp dưới gửi lên", "down": "Cấp trên gửi xuống"}
COUNT_NAMES = {  # counts of a preview worth showing (the actions say the rest)
    "tasks": "nhiệm vụ",
    "values": "số liệu chỉ tiêu",
    "indicators": "chỉ tiêu kèm định nghĩa",
    "new_indicators": "chỉ tiêu mới",
    "new_groups": "nhóm chỉ tiêu mới",
    "replaced_values": "số liệu cũ được thay",
    "created": "tạo mới",
    "updated": "cập nhật",
    "unchanged": "giữ nguyên",
    "directives_created": "văn bản tạo mới",
    "directives_updated": "văn bản cập nhật",
    "groups_created": "nhóm chỉ tiêu tạo mới",
}
COL_FILE = "Tệp"
COL_UNIT = "Đơn vị"
COL_PERIOD = "Kỳ"
COL_CONTENT = "Nội dung"
COL_CREATED = "Ngày lập"
COL_EXPECTED = "Trạng thái dự kiến"
COL_REASON = "Lý do"
COL_RESULT = "Kết quả"

# -- Tổng hợp
CONS_INTRO = "Tổng hợp các gói dữ liệu đã nhận của kỳ: đơn vị đã gửi, số liệu cộng dồn, kết quả thực hiện nhiệm vụ."
CONS_SUBMISSIONS = "Đơn vị gửi báo cáo"
CONS_INDICATORS = "Chỉ tiêu tổng hợp"
CONS_TASKS = "Nhiệm vụ theo đơn vị"
CONS_ONLY_REPORTED = "Chỉ hiện chỉ tiêu có đơn vị báo cáo"
CONS_TASKS_TOTAL = ("Cộng {units} đơn vị: giao {assigned} nhiệm vụ, hoàn thành {done} ({on_time} đúng hạn), "
                    "quá hạn {overdue}; tỷ lệ hoàn thành {rate}.")
CONS_DETAIL = "Xem chi tiết…"
CONS_EXCEL = "Xuất Excel…"
CONS_EXCEL_TITLE = "Xuất bảng tổng hợp ra Excel"
CONS_EXCEL_FILE = "tong-hop-{code}.xlsx"
CONS_EXCEL_DONE = "Đã xuất bảng tổng hợp: {path} ({size})."
CONS_REPORT = "Tạo báo cáo tổng hợp"
CONS_REPORT_TIP = "Soạn báo cáo từ đề cương «Báo cáo tổng hợp», với các bảng số liệu tổng hợp của kỳ"
CONS_NO_OUTLINE = "Không tìm thấy đề cương «Báo cáo tổng hợp» trong danh sách đề cương."
CONS_UNITS = "Đơn vị cấp dưới và hạn nộp…"
CONS_EMPTY = ("Chưa có gói dữ liệu nào của kỳ này. Nhập các gói ở thẻ «Nhận gói dữ liệu», hoặc khai báo danh sách "
              "đơn vị cấp dưới để theo dõi đơn vị chưa gửi.")
COL_CODE = "Mã"
COL_STATUS = "Trạng thái"
COL_SENT = "Ngày gửi"
COL_RECEIVED = "Ngày nhận"
COL_REPORT = "Báo cáo"
COL_INDICATOR = "Chỉ tiêu"
COL_MEASURE = "Đơn vị tính"
COL_TOTAL = "Tổng"
COL_REPORTING = "Số đơn vị báo cáo"
COL_METHOD = "Cách tính / ghi chú"
COL_RANK = "Xếp hạng"
COL_ASSIGNED = "Giao"
COL_DONE = "Hoàn thành"
COL_ON_TIME = "Đúng hạn"
COL_OVERDUE = "Quá hạn"
COL_RATE = "Tỷ lệ hoàn thành"
COL_VALUE = "Giá trị"
COL_COMMENT = "Ghi chú"
COL_TASK = "Nhiệm vụ"
COL_LEAD = "Chủ trì"
COL_DEADLINE = "Thời hạn"
COL_TASK_STATUS = "Tình trạng"
YES_PDF = "Có PDF"

DETAIL_TITLE = "Chi tiết đơn vị — {name}"
DETAIL_VALUES = "Số liệu chỉ tiêu ({count})"
DETAIL_TASKS = "Nhiệm vụ ({count})"
DETAIL_REPORT = "Báo cáo: {label}"
DETAIL_NO_REPORT = "Đơn vị chưa gửi gói dữ liệu của kỳ này."
DETAIL_SENT = "Gói lập lúc {when} ({status})."
DETAIL_OPEN_PDF = "Mở báo cáo PDF"
DETAIL_NO_PDF = "Gói dữ liệu không có tệp PDF."
DETAIL_PDF_MISSING = "Không tìm thấy tệp PDF đã lưu: {path}"

UNITS_TITLE = "Đơn vị cấp dưới và hạn nộp báo cáo"
UNITS_INTRO = ("Danh sách đơn vị phải gửi báo cáo (mã đơn vị hành chính và tên). Có thể dán nhiều dòng từ Excel: "
               "mỗi dòng một đơn vị, cột mã trước, cột tên sau. Để trống danh sách thì chương trình coi mọi đơn vị "
               "đã từng gửi gói dữ liệu là đơn vị phải gửi.")
UNITS_ADD = "Thêm dòng"
UNITS_REMOVE = "Xóa dòng"
UNITS_PASTE = "Dán từ Excel"
UNITS_DEADLINE = "Hạn gửi báo cáo của kỳ {period}:"
UNITS_DEADLINE_HINT = "Gói lập sau ngày này bị tính là gửi muộn."
UNITS_SAVE = "Lưu"
UNITS_CANCEL = "Hủy"
UNITS_BAD_DATE = "Hạn gửi không đúng dạng ngày (ví dụ 16/10/2025)."
UNITS_COL_CODE = "Mã đơn vị"
UNITS_COL_NAME = "Tên đơn vị"

# -- Gửi xuống cấp dưới
DOWN_INTRO = ("Lập gói dữ liệu gửi xuống các đơn vị cấp dưới: danh sách nhiệm vụ, đề cương báo cáo hoặc danh mục chỉ "
              "tiêu. Đơn vị nhận nhập gói ở thẻ «Nhận gói dữ liệu»; nhiệm vụ đã có được cập nhật, không nhân bản, và "
              "giữ nguyên tình trạng, ghi chú của đơn vị.")
DOWN_TASKS = "Danh sách nhiệm vụ"
DOWN_PLAN = "Kế hoạch:"
DOWN_ALL_TASKS = "(mọi nhiệm vụ)"
DOWN_OUTLINE = "Đề cương báo cáo"
DOWN_INDICATORS = "Danh mục chỉ tiêu"
DOWN_SAVE = "Lưu gói gửi xuống…"
DOWN_SAVE_TITLE = "Lưu gói dữ liệu gửi cấp dưới"
DOWN_FILE = {"tasks": "nhiem-vu-{stamp}.nq57", "outline": "de-cuong-{stamp}.nq57",
             "indicators": "chi-tieu-{stamp}.nq57"}
DOWN_SAVED = "Đã lưu gói gửi xuống: {path} ({size})."
DOWN_NO_OUTLINE = "Chưa có đề cương báo cáo nào để gửi."
DOWN_SUMMARY = "Gói sẽ gồm: {what}."
DOWN_XLSX = "Nhập danh sách nhiệm vụ từ Excel…"
DOWN_XLSX_HINT = ("Cấp trên thường gửi danh sách nhiệm vụ dạng bảng Excel (phụ lục kèm thông báo, kế hoạch). "
                  "Nhập bảng đó thành nhiệm vụ trong chương trình, rồi có thể gửi tiếp xuống cấp dưới.")
DOWN_RECEIVED_HINT = "Gói do cấp trên gửi xuống được nhập ở thẻ «Nhận gói dữ liệu» như mọi gói khác."
