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
RESTORE_DONE = ("Đã khôi phục dữ liệu của {office}{code}: {plans} kế hoạch, {tasks} nhiệm vụ, "
                "{directives} văn bản, {values} số liệu chỉ tiêu.")
RESTORE_SAFETY = "Dữ liệu trước khi khôi phục đã được sao lưu tại: {path}"
CHECK_OK = "Dữ liệu toàn vẹn."
CHECK_FAILED = "Phát hiện {count} vấn đề trong dữ liệu."
