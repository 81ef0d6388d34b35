"""Backup, restore and check messages."""

NOT_SQLITE = "Tệp «{name}» không phải là tệp dữ liệu của Sổ theo dõi NQ57 hoặc đã bị hỏng."
CORRUPT = "Tệp «{name}» bị hỏng (kiểm tra toàn vẹn không đạt): {detail}"
NOT_NQ57 = "Tệp «{name}» không phải là bản sao lưu của Sổ theo dõi NQ57."
NEWER = ("Tệp «{name}» được tạo bởi phiên bản chương trình mới hơn. "
         "Hãy cài phiên bản mới nhất của Sổ theo dõi NQ57 rồi khôi phục lại.")
MISSING = "Không tìm thấy tệp «{name}»."
NO_DATABASE = "Thư mục dữ liệu {path} chưa có dữ liệu để sao lưu."
COPY_FAILED = "Bản sao lưu vừa tạo không đọc lại được ({detail}); đã xóa bản lỗi. Hãy thử lại."

PROBLEM_INTEGRITY = "Cơ sở dữ liệu không toàn vẹn: {detail}"
PROBLEM_FOREIGN_KEY = "Bảng {table}, dòng {rowid}: tham chiếu tới {parent} không tồn tại."
PROBLEM_ATTACHMENT_MISSING = "Thiếu tệp minh chứng «{name}» (nhiệm vụ {task_id}): {path}"
PROBLEM_ATTACHMENT_CHANGED = "Tệp minh chứng «{name}» (nhiệm vụ {task_id}) đã bị thay đổi: {path}"

HELP_BACKUP = "sao lưu dữ liệu ra một tệp"
HELP_BACKUP_OUT = "tệp hoặc thư mục đích (mặc định: thư mục backups/ trong thư mục dữ liệu)"
HELP_RESTORE = "khôi phục dữ liệu từ một tệp sao lưu (dữ liệu hiện tại được sao lưu trước)"
HELP_RESTORE_FILE = "tệp sao lưu (.sqlite)"
HELP_CHECK = "kiểm tra toàn vẹn dữ liệu và tệp minh chứng"

BACKUP_DONE = "{path}"
BACKUP_WITH_EVIDENCE = ". Các tệp minh chứng được chép kèm vào thư mục «{folder}» bên cạnh; hãy chép cả hai."
RESTORE_DONE = ("Đã khôi phục dữ liệu của {office}{code}: {plans} kế hoạch, {tasks} nhiệm vụ, "
                "{directives} văn bản, {values} số liệu chỉ tiêu.")
RESTORE_SAFETY = "Dữ liệu trước khi khôi phục đã được sao lưu tại: {path}"
CHECK_OK = "Dữ liệu toàn vẹn."
CHECK_FAILED = "Phát hiện {count} vấn đề trong dữ liệu."

# -- "Sao lưu và phục hồi" screen (desktop.ui.maintenance) ----------------------------------
SCREEN_TITLE = "Sao lưu và phục hồi"
SCREEN_HINT = ("Chương trình tự sao lưu mỗi ngày một lần (giữ 7 ngày, 8 tuần, 12 tháng gần nhất) vào thư mục "
               "backups trong thư mục dữ liệu. Nên thường xuyên «Sao lưu ra thư mục…» sang USB hoặc máy khác: "
               "nếu ổ đĩa hỏng, bản sao lưu nằm cùng ổ cũng mất theo. Bản sao lưu chứa cơ sở dữ liệu; "
               "các tệp minh chứng nằm trong thư mục attachments, hãy chép cả thư mục đó khi chuyển máy.")
BACKUP_NOW = "Sao lưu ngay"
BACKUP_TO = "Sao lưu ra thư mục…"
RESTORE_FROM = "Phục hồi từ tệp…"
RESTORE_SELECTED = "Phục hồi bản đã chọn"
CHECK = "Kiểm tra dữ liệu"
OPEN_FOLDER = "Mở thư mục sao lưu"
COLUMN = {"created": "Thời điểm", "kind": "Loại", "office": "Đơn vị", "size": "Dung lượng", "name": "Tên tệp"}
KIND = {
    "manual": "Sao lưu thủ công",
    "daily": "Tự động hằng ngày",
    "before-restore": "Trước khi phục hồi",
    "before-import": "Trước khi nhập gói dữ liệu",
    "before-migration": "Trước khi nâng cấp",
    "other": "Tệp khác",
}
LIST_COUNT = "{count} bản sao lưu trong {path}"
LIST_EMPTY = "Chưa có bản sao lưu nào trong {path}."
CHOOSE_FOLDER = "Chọn thư mục (hoặc USB) để lưu bản sao lưu"
CHOOSE_FILE = "Chọn tệp sao lưu để phục hồi"
FILE_FILTER = "Tệp sao lưu Sổ theo dõi NQ57 (*.sqlite);;Mọi tệp (*)"
BACKUP_MADE_TITLE = "Đã sao lưu"
BACKUP_MADE = "Đã sao lưu dữ liệu vào tệp:\n{path}"
BACKUP_MADE_STATUS = "Đã sao lưu lúc {time}: {name}"
RESTORED_STATUS = "Đã phục hồi lúc {time} từ {name}"

PREVIEW_TITLE = "Phục hồi dữ liệu từ bản sao lưu"
PREVIEW_INTRO = "Kiểm tra nội dung bản sao lưu trước khi phục hồi:"
PREVIEW_FILE = "Tệp"
PREVIEW_OFFICE = "Đơn vị"
PREVIEW_WHEN = "Thời điểm sao lưu"
PREVIEW_SIZE = "Dung lượng"
PREVIEW_COLUMN_BACKUP = "Bản sao lưu"
PREVIEW_COLUMN_CURRENT = "Dữ liệu hiện tại"
PREVIEW_COUNTS = {
    "plans": "Kế hoạch",
    "tasks": "Nhiệm vụ",
    "reports": "Báo cáo",
    "directives": "Văn bản chỉ đạo",
    "indicator_values": "Số liệu chỉ tiêu",
}
PREVIEW_WARNING = ("Toàn bộ dữ liệu hiện tại sẽ được thay bằng nội dung bản sao lưu này. Trước khi phục hồi, "
                   "chương trình tự sao lưu dữ liệu hiện tại vào thư mục backups (loại «Trước khi phục hồi»), "
                   "nên vẫn có thể quay lại nếu chọn nhầm.")
PREVIEW_OTHER_OFFICE = "Chú ý: bản sao lưu này là dữ liệu của {office}, không phải của {current} đang dùng."
PREVIEW_OLDER = "Chú ý: bản sao lưu có ít {what} hơn dữ liệu hiện tại."
PREVIEW_RESTORE = "Phục hồi"
NO_OFFICE = "(chưa khai báo đơn vị)"
NOT_AVAILABLE = "—"
UNKNOWN_TIME = "(không rõ)"
RESTORED_TITLE = "Đã phục hồi"

CHECK_TITLE = "Kiểm tra dữ liệu"
CHECK_OK_DETAIL = ("Cơ sở dữ liệu toàn vẹn, các liên kết giữa bảng đúng, "
                   "{files} tệp minh chứng đều có mặt và không bị thay đổi.")
CHECK_ADVICE = ("Nếu cơ sở dữ liệu không toàn vẹn, hãy phục hồi từ bản sao lưu gần nhất. "
                "Tệp minh chứng thiếu hoặc bị thay đổi: đính kèm lại tệp gốc cho nhiệm vụ tương ứng.")
CLOSE = "Đóng"
CANCEL = "Hủy"

# -- progress of long work (desktop.core.backups; shown in the progress dialog) ---------------
PROGRESS_COPY = "Đang chép cơ sở dữ liệu: {percent}%"
PROGRESS_VERIFY = "Đang kiểm tra lại bản sao vừa tạo…"
PROGRESS_EVIDENCE = "Đang chép tệp minh chứng {done}/{total}…"
PROGRESS_CHECK_DATABASE = "Đang kiểm tra toàn vẹn cơ sở dữ liệu…"
PROGRESS_CHECK_EVIDENCE = "Đang kiểm tra tệp minh chứng {done}/{total}…"
PROGRESS_RESTORE_CHECK = "Đang kiểm tra tệp sao lưu…"
PROGRESS_RESTORE_SAFETY = "Đang sao lưu dữ liệu hiện tại trước khi phục hồi…"
PROGRESS_RESTORE_COPY = "Đang chép dữ liệu từ bản sao lưu…"
PROGRESS_RESTORE_MIGRATE = "Đang cập nhật dữ liệu cho phiên bản chương trình này…"
PROGRESS_RESTORE_EVIDENCE = "Đang chép lại các tệp minh chứng…"

JOB_BACKUP_TITLE = "Sao lưu dữ liệu"
JOB_BACKUP = "Đang sao lưu dữ liệu vào thư mục sao lưu…"
JOB_BACKUP_TO = "Đang sao lưu dữ liệu và các tệp minh chứng vào {folder}…"
JOB_READ_TITLE = "Phục hồi dữ liệu"
JOB_READ = "Đang đọc và kiểm tra bản sao lưu «{name}»…"
JOB_RESTORE = ("Đang phục hồi dữ liệu từ «{name}». Việc phục hồi đã bắt đầu thì không dừng giữa chừng được; "
               "xin chờ đến khi xong.")
JOB_CHECK_TITLE = "Kiểm tra dữ liệu"
JOB_CHECK = "Đang kiểm tra cơ sở dữ liệu và các tệp minh chứng…"
BACKUP_CANCELLED = "Đã hủy sao lưu lúc {time}; không để lại tệp nào."
CHECK_CANCELLED = "Đã dừng kiểm tra dữ liệu lúc {time}."
