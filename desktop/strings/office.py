"""Office profile, departments, signers, first run and settings."""

FIELD = {
    "name_lines": "tên cơ quan ban hành",
    "short_name": "tên gọi ngắn",
    "place_name": "địa danh ghi ở dòng ngày tháng",
    "code": "mã đơn vị hành chính",
    "parent_body": "cơ quan chủ quản",
    "superior_name": "cơ quan cấp trên nhận báo cáo",
    "kind": "loại đơn vị",
    "name": "tên bộ phận",
    "abbreviation": "tên viết tắt",
    "full_name": "họ và tên người ký",
    "position_title": "chức vụ",
    "authority": "thẩm quyền ký",
    "head_title": "chức danh người đứng đầu",
}
CODE_FORMAT = "Mã đơn vị hành chính cấp xã gồm 5 chữ số (ví dụ 11311); để trống nếu chưa biết."
KIND_UNKNOWN = "Loại đơn vị «{value}» không hợp lệ."
AUTHORITY_UNKNOWN = "Thẩm quyền ký «{value}» không hợp lệ."
HEAD_TITLE_NEEDED = "Ký thay, ký quyền, ký thừa lệnh phải ghi chức danh người đứng đầu (ví dụ: CHỦ TỊCH)."
DUPLICATE_ABBREVIATION = "Tên viết tắt «{value}» đã dùng cho bộ phận khác."
DUPLICATE_DEPARTMENT = "Bộ phận «{value}» đã có trong danh sách."
DEPARTMENT_IN_USE = "Bộ phận «{value}» đang chủ trì hoặc phối hợp {count} nhiệm vụ nên không xóa được; hãy chuyển nhiệm vụ cho bộ phận khác hoặc đánh dấu «ngừng sử dụng»."
NOT_FOUND = "Không tìm thấy bản ghi (có thể đã bị xóa)."
OFFICE_NOT_SET = "Chưa thiết lập thông tin cơ quan. Hãy mở chương trình để khai báo hoặc chạy «demo» để có dữ liệu mẫu."
