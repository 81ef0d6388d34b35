"""`self-test` messages (the smoke test run on a frozen build and by support staff)."""

HELP = "tự kiểm tra chương trình: tạo dữ liệu mẫu trong thư mục tạm, in PDF, xuất Excel, xuất và nhận gói dữ liệu"
HELP_KEEP = "giữ lại thư mục tạm để xem các tệp đã tạo"

# The temporary folder: Vietnamese letters and spaces, like a Windows user folder "C:\Users\Nguyễn Thị Ánh".
BASE_FOLDER = "Tự kiểm tra NQ57 của Nguyễn Thị Ánh"
SENDER_FOLDER = "Dữ liệu phường gửi"
RECEIVER_FOLDER = "Dữ liệu cấp trên nhận"
PROBE_FILE = "thử ghi tệp — ổ đĩa.txt"
PROBE_TEXT = "Sổ theo dõi NQ57: thử ghi và đọc lại tiếng Việt"
USER = "tự kiểm tra"  # who, in the audit log of the temporary databases

START = "Tự kiểm tra Sổ theo dõi NQ57 {version} (Python {python}, {platform})"
STEP_OK = "{number}/{total} {label}: đạt ({seconds}) — {detail}"
STEP_FAILED = "{number}/{total} {label}: LỖI ({seconds}) — {reason}"
ALL_OK = "Tự kiểm tra đạt: {count} bước trong {seconds}."
FAILED = "Tự kiểm tra KHÔNG đạt ở bước «{label}»: {reason}"
KEPT = "Các tệp đã tạo được giữ lại tại: {path}"
SECONDS = "{value} giây"

STEP_FOLDER = "Tạo thư mục dữ liệu tạm"
STEP_DEMO = "Tạo dữ liệu mẫu"
STEP_PDF = "In báo cáo ra PDF"
STEP_XLSX = "Xuất bảng chỉ tiêu ra Excel"
STEP_EXPORT = "Xuất gói dữ liệu gửi cấp trên"
STEP_IMPORT = "Nhận gói dữ liệu vào thư mục thứ hai"
STEP_CHECK = "Kiểm tra toàn vẹn dữ liệu"

DETAIL_FOLDER = "{path}"
DETAIL_DEMO = "{tasks} nhiệm vụ, {plans} kế hoạch, {directives} văn bản, {reports} báo cáo"
DETAIL_PDF = "{pages} trang, {size}, phông {font}"
DETAIL_XLSX = "{rows} chỉ tiêu, {size}"
DETAIL_EXPORT = "{name}, {size}, {tasks} nhiệm vụ, {values} số liệu"
DETAIL_IMPORT = "{unit}, kỳ {period}: đã nhận, {values} số liệu, {tasks} nhiệm vụ"
DETAIL_CHECK = "hai thư mục dữ liệu toàn vẹn"

NO_REPORT = "dữ liệu mẫu không có báo cáo nào để in"
NOT_PDF = "tệp {name} không phải PDF hợp lệ"
NO_PAGES = "tệp PDF {name} không có trang nào"
NOT_XLSX = "tệp {name} không phải tệp Excel hợp lệ"
NO_ROWS = "bảng chỉ tiêu của kỳ {period} không có dòng nào"
PACKAGE_MISSING = "không thấy tệp gói dữ liệu {name}"
PACKAGE_DIFFERS = "gói đọc lại khác dữ liệu đã xuất: {detail}"
IMPORT_STATUS = "gói dữ liệu không được nhận (trạng thái «{status}»): {reason}"
IMPORT_MISSING = "sau khi nhận, thư mục thứ hai thiếu {what}"
CHECK_PROBLEMS = "{folder}: {problems}"
UNEXPECTED = "{kind}: {message}"

FONT = {"windows": "Times New Roman của Windows", "bundled": "Liberation Serif đi kèm"}
