"""Demo accounts, one per role. They exist only in demo data: `load_demo` refuses to run in production."""

from portal.units import roles

# (user name, password, role or None for the site administrator, full name, unit code)
DEMO_ACCOUNTS = [
    ("congtacvien", "Demo@CTV2026", roles.CONTRIBUTOR, "Trần Thị Mai", "hop-tac-quoc-te"),
    ("truongphong", "Demo@TP2026", roles.UNIT_HEAD, "Lê Văn Hùng", "hop-tac-quoc-te"),
    ("bientap", "Demo@BT2026", roles.CATEGORY_EDITOR, "Nguyễn Thị Hồng", "hop-tac-quoc-te"),
    ("thuongtruc", "Demo@TT2026", roles.SECRETARIAT, "Phạm Minh Tuấn", "van-phong"),
    ("truongban", "Demo@TB2026", roles.EDITOR_IN_CHIEF, "Hoàng Đức Anh", "van-phong"),
    ("ketoan", "Demo@KT2026", roles.ACCOUNTANT, "Võ Thị Lan", "van-phong"),
    ("quantri", "Demo@QT2026", None, "Đặng Quốc Bảo", "van-phong"),
    ("xulyhoso", "Demo@XL2026", roles.APPLICATION_OFFICER, "Phan Thị Thảo", "lanh-su"),
    ("duyethoso", "Demo@DH2026", roles.APPLICATION_APPROVER, "Ngô Văn Khánh", "lanh-su"),
]
