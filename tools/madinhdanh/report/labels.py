"""The page's Vietnamese labels (the README gives their English): what each state, kind, action
and outcome of a verify document is called on the page."""

from __future__ import annotations

# status of a unit in a system → (CSS class, symbol, label, what it means)
STATUSES: dict[str, tuple[str, str, str, str]] = {
    "ok": ("st-ok", "✓", "Đã chuyển đổi",
           "có bản ghi theo mã hiện hành, thuộc tính đúng như sổ đăng ký"),
    "stale": ("st-stale", "↺", "Còn mã cũ",
              "đã chuyển đổi, nhưng mã cũ vẫn còn trong một cột tham chiếu"),
    "wrong": ("st-wrong", "≠", "Sai thuộc tính",
              "có mã hiện hành, nhưng tên, cơ quan chủ quản, trạng thái hoặc cấp khác sổ đăng ký"),
    "pending": ("st-pending", "…", "Chưa chuyển đổi",
                "chỉ có theo mã cũ (QCVN 102, mã riêng, mã trước đây)"),
    "missing": ("st-missing", "∅", "Thiếu", "không có theo mã nào"),
    "unknown": ("st-unknown", "?", "Không xác định", "không đọc được hệ thống"),
    "out of scope": ("st-out", "–", "Ngoài phạm vi", "hệ thống không quản lý đơn vị này"),
}
BLOCKS = {"state": "Chính quyền", "party": "Đảng, đoàn thể"}
UNIT_STATUSES = {"active": "Đang hoạt động", "closed": "Đã đóng"}
KINDS = {"missing": "Thiếu", "extra": "Thừa", "stale": "Còn mã cũ", "name": "Sai tên",
         "parent": "Sai cơ quan chủ quản", "status": "Sai trạng thái", "level": "Sai cấp"}
ACTIONS = {"apply": "Áp dụng", "rollback": "Hoàn tác"}
OUTCOMES = {"applied": ("out-good", "Đã áp dụng"), "rolled back": ("out-back", "Đã hoàn tác"),
            "refused": ("out-bad", "Bị từ chối"), "failed": ("out-bad", "Thất bại")}
EXCHANGE_KINDS = {"closed": "Mã đã đóng", "old": "Mã cũ", "unknown": "Mã không xác định"}
DIRECTIONS = {"sent": "Gửi đi", "received": "Nhận về"}
