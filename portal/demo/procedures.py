"""Demo catalogue: six procedures a provincial Department of Foreign Affairs handles, in Vietnamese and English.

Times, fees and legal bases are those published for these procedures (see ../shared/REFERENCE.md);
the dates the versions took effect are illustrative. Get-or-create by procedure code: a procedure
that exists is left as it is, whatever someone changed in it.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from wagtail.documents import get_document_model

from portal.core.models import default_agency
from portal.procedures.models import (
    FeeItem,
    FormField,
    Procedure,
    ProcedureField,
    ProcedureIndexPage,
    ProcedureVersion,
    RequiredDocument,
)
from portal.units.models import Unit

FIELDS = [
    ("lanh-su", "Lãnh sự", "Consular affairs"),
    ("hoi-nghi-hoi-thao", "Hội nghị, hội thảo quốc tế", "International conferences and seminars"),
    ("bao-chi", "Thông tin, báo chí nước ngoài", "Foreign press"),
    ("vien-tro", "Viện trợ phi chính phủ nước ngoài", "Foreign non-governmental aid"),
]

ONE_STOP_VI = (
    "<p>Nộp trực tuyến tại mục Thủ tục hành chính của Trang thông tin điện tử Sở Ngoại vụ; hoặc nộp trực tiếp, "
    "qua dịch vụ bưu chính công ích tại Trung tâm Phục vụ hành chính công tỉnh.</p>"
)
ONE_STOP_EN = (
    "<p>Apply online under Administrative Procedures on the Department's website, or in person or by public "
    "postal service at the Provincial Public Administration Service Centre.</p>"
)
ONLINE_RESULT_VI = (
    "<p>Nhận kết quả trực tuyến qua đường dẫn theo dõi hồ sơ (kèm mã kiểm tra SHA-256), qua dịch vụ bưu chính "
    "công ích hoặc tại Trung tâm Phục vụ hành chính công tỉnh.</p>"
)
ONLINE_RESULT_EN = (
    "<p>Receive the result online through the application's tracking link (with its SHA-256 check code), by "
    "public postal service, or at the Provincial Public Administration Service Centre.</p>"
)
IN_PERSON_RESULT_VI = (
    "<p>Theo dõi hồ sơ trực tuyến; nhận kết quả tại Trung tâm Phục vụ hành "
    "chính công tỉnh hoặc qua dịch vụ bưu chính công ích.</p>"
)
IN_PERSON_RESULT_EN = (
    "<p>Follow the application online; collect the result at the Provincial "
    "Public Administration Service Centre or receive it by public postal "
    "service.</p>"
)
ONE_SET_VI, ONE_SET_EN = "<p>Số lượng hồ sơ: 01 bộ.</p>", "<p>Number of sets: one.</p>"
METHOD_FULL_VI = (
    "<p>Dịch vụ công trực tuyến toàn trình: nộp hồ sơ, nộp phí (nếu có) và "
    "nhận kết quả trực tuyến; hoặc nộp trực tiếp, qua bưu chính.</p>"
)
METHOD_FULL_EN = (
    "<p>Full-process online service: apply, pay any fee and receive the "
    "result online; or apply in person or by post.</p>"
)
METHOD_PARTIAL_VI = (
    "<p>Dịch vụ công trực tuyến một phần: nộp và theo dõi hồ sơ trực tuyến; hoặc nộp trực tiếp, qua bưu chính.</p>"
)
METHOD_PARTIAL_EN = (
    "<p>Partial online service: apply and follow the application online; or apply in person or by post.</p>"
)
DECREE_61_VI = (
    "Nghị định số 61/2018/NĐ-CP của Chính phủ về thực hiện cơ chế một cửa, "
    "một cửa liên thông trong giải quyết thủ tục hành chính."
)
DECREE_61_EN = "Decree 61/2018/NĐ-CP on the one-stop and inter-agency one-stop mechanism for administrative procedures."


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"


def _field(name, kind, label_vi, label_en, *, required=True, help_vi="", help_en="", **extra) -> dict:
    return dict(
        name=name,
        kind=kind,
        label_vi=label_vi,
        label_en=label_en,
        required=required,
        help_vi=help_vi,
        help_en=help_en,
        **extra,
    )


def _document(
    key,
    name_vi,
    name_en,
    quantity_vi,
    quantity_en,
    *,
    required=True,
    template=False,
    max_files=3,
    help_vi="",
    help_en="",
) -> dict:
    return dict(
        key=key,
        name_vi=name_vi,
        name_en=name_en,
        quantity_vi=quantity_vi,
        quantity_en=quantity_en,
        required=required,
        template=template,
        max_files=max_files,
        help_vi=help_vi,
        help_en=help_en,
    )


REQUEST_LETTER = (
    "van-ban-de-nghi",
    "Văn bản đề nghị (theo mẫu)",
    "Request letter (on the form provided)",
    "01 bản chính",
    "one original",
)

ABTC_FORM = [
    _field(
        "ma_so_thue",
        FormField.TAX_CODE,
        "Mã số doanh nghiệp",
        "Enterprise code (tax code)",
        help_vi="10 hoặc 13 chữ số, như trên Giấy chứng nhận đăng ký doanh nghiệp.",
        help_en="10 or 13 digits, as on the business registration certificate.",
    ),
    _field(
        "ngay_thanh_lap",
        FormField.DATE,
        "Ngày thành lập doanh nghiệp",
        "Date the enterprise was established",
        help_vi="Doanh nghiệp phải hoạt động từ 12 tháng trở lên.",
        help_en="The enterprise must have been active for at least 12 months.",
    ),
    _field(
        "doi_tac_apec",
        FormField.TEXTAREA,
        "Đối tác tại các nền kinh tế APEC",
        "Partners in APEC economies",
        help_vi="Tên đối tác, nền kinh tế, hợp đồng hoặc thỏa thuận đã ký.",
        help_en="Partner's name, economy, and the contract or agreement signed.",
        max_length=2000,
    ),
    _field("ho_ten_doanh_nhan", FormField.TEXT, "Họ và tên doanh nhân", "Business person's full name", max_length=120),
    _field(
        "ngay_sinh_doanh_nhan",
        FormField.DATE,
        "Ngày sinh của doanh nhân",
        "Business person's date of birth",
        help_vi="Doanh nhân từ đủ 18 tuổi trở lên.",
        help_en="The business person must be 18 or older.",
    ),
    _field("so_ho_chieu", FormField.TEXT, "Số hộ chiếu", "Passport number", max_length=20),
    _field("chuc_vu", FormField.TEXT, "Chức vụ tại doanh nghiệp", "Position in the enterprise", max_length=120),
    _field(
        "so_thang_lam_viec",
        FormField.INTEGER,
        "Số tháng làm việc tại doanh nghiệp",
        "Months worked at the enterprise",
        min_value=12,
        max_value=720,
        help_vi="Từ 12 tháng trở lên.",
        help_en="At least 12 months.",
    ),
    _field(
        "nen_kinh_te",
        FormField.TEXTAREA,
        "Các nền kinh tế đề nghị đi lại",
        "Economies to travel to",
        max_length=1000,
        help_vi="Ví dụ: Nhật Bản, Hàn Quốc, Australia.",
        help_en="For example: Japan, Korea, Australia.",
    ),
    _field(
        "nhan_qua_buu_dien",
        FormField.CHECKBOX,
        "Nhận bản chính kết quả qua dịch vụ bưu chính công ích",
        "Receive the original result by public postal service",
        required=False,
        help_vi="Cước chuyển phát thu theo bảng phí bên dưới; kết quả điện tử luôn có trên trang theo dõi hồ sơ.",
        help_en="The postage in the fee table is charged; the electronic result is always on the tracking page.",
    ),
]
ABTC_DOCUMENTS = [
    _document(*REQUEST_LETTER, template=True, max_files=1),
    _document(
        "dang-ky-doanh-nghiep",
        "Giấy chứng nhận đăng ký doanh nghiệp",
        "Business registration certificate",
        "01 bản sao",
        "one copy",
    ),
    _document(
        "hop-dong-doi-tac",
        "Hợp đồng, thỏa thuận hoặc chứng từ giao dịch với đối tác tại các nền kinh tế APEC",
        "Contracts, agreements or trade documents with partners in APEC economies",
        "01 bản sao",
        "one copy",
        max_files=5,
    ),
    _document(
        "hop-dong-lao-dong",
        "Quyết định bổ nhiệm hoặc hợp đồng lao động của doanh nhân",
        "Appointment decision or employment contract of the business person",
        "01 bản sao",
        "one copy",
    ),
    _document(
        "ho-chieu",
        "Hộ chiếu của doanh nhân (trang nhân thân)",
        "Business person's passport (identity page)",
        "01 bản sao",
        "one copy",
        max_files=2,
    ),
]
ABTC_COMMON = dict(
    name_vi="Cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC (ABTC)",
    name_en="Permission for business people to use the APEC Business Travel Card (ABTC)",
    steps_vi=_ol(
        "Doanh nghiệp chuẩn bị hồ sơ và nộp trực tuyến, trực tiếp hoặc qua bưu chính.",
        "Sở Ngoại vụ tiếp nhận, kiểm tra hồ sơ; nếu hồ sơ chưa đầy đủ, thông báo để doanh nghiệp bổ sung.",
        "Sở Ngoại vụ lấy ý kiến Công an tỉnh và các cơ quan liên quan về doanh nghiệp và doanh nhân.",
        "Sở Ngoại vụ tổng hợp, trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, cho phép.",
        "Trả kết quả cho doanh nghiệp.",
    ),
    steps_en=_ol(
        "The enterprise prepares the application and submits it online, in person or by post.",
        "The Department receives and checks it and asks for anything missing.",
        "The Department consults the Provincial Police and other agencies on the enterprise and the business person.",
        "The Department submits the application to the Chairman of the Provincial People's Committee for permission.",
        "The result is returned to the enterprise.",
    ),
    documents_note_vi=ONE_SET_VI,
    documents_note_en=ONE_SET_EN,
    applicants_vi=(
        "<p>Doanh nhân làm việc tại doanh nghiệp có trụ sở trên địa bàn tỉnh; "
        "cán bộ, công chức, viên chức có nhu cầu đi lại thường xuyên trong các "
        "nền kinh tế thành viên APEC.</p>"
    ),
    applicants_en=(
        "<p>Business people working for enterprises based in the province; "
        "officials who travel regularly within APEC member economies.</p>"
    ),
    conditions_vi=_ul(
        (
            "Doanh nghiệp hoạt động hợp pháp từ 12 tháng trở lên, có quan hệ hợp "
            "tác kinh doanh, thương mại, đầu tư, dịch vụ với đối tác tại các nền "
            "kinh tế thành viên APEC tham gia chương trình thẻ ABTC."
        ),
        "Doanh nhân từ đủ 18 tuổi trở lên và làm việc tại doanh nghiệp từ 12 tháng trở lên.",
        "Thẻ ABTC có giá trị 05 năm kể từ ngày cấp.",
    ),
    conditions_en=_ul(
        (
            "The enterprise has operated lawfully for at least 12 months and does "
            "business, trade, investment or services with partners in APEC "
            "economies taking part in the ABTC scheme."
        ),
        "The business person is 18 or older and has worked at the enterprise for at least 12 months.",
        "The card is valid for five years from issue.",
    ),
    agency_vi=(
        "Chủ tịch Ủy ban nhân dân tỉnh (quyết định); Sở Ngoại vụ (tiếp nhận, "
        "thẩm định, tham mưu); Công an tỉnh (phối hợp)."
    ),
    agency_en=(
        "Chairman of the Provincial People's Committee (decides); Department of "
        "Foreign Affairs (receives, appraises, advises); Provincial Police "
        "(consulted)."
    ),
    result_vi=(
        "Văn bản của Chủ tịch Ủy ban nhân dân tỉnh cho phép doanh nhân sử dụng "
        "thẻ ABTC, dùng để đề nghị Cục Quản lý xuất nhập cảnh cấp thẻ."
    ),
    result_en=(
        "The Chairman's letter permitting the business person to use the ABTC, "
        "with which the card is requested from the Immigration Department."
    ),
)

CONFERENCE_FORM = [
    _field(
        "ten_hoi_nghi", FormField.TEXT, "Tên hội nghị, hội thảo", "Name of the conference or seminar", max_length=300
    ),
    _field("muc_dich", FormField.TEXTAREA, "Mục đích, nội dung", "Purpose and content", max_length=3000),
    _field(
        "ngay_bat_dau",
        FormField.DATE,
        "Ngày bắt đầu",
        "First day",
        help_vi="Hồ sơ gửi chậm nhất 20 ngày trước ngày dự kiến tổ chức.",
        help_en="Apply at least 20 days before the planned date.",
    ),
    _field("ngay_ket_thuc", FormField.DATE, "Ngày kết thúc", "Last day"),
    _field("dia_diem", FormField.TEXT, "Địa điểm tổ chức", "Venue", max_length=300),
    _field(
        "so_dai_bieu_nuoc_ngoai",
        FormField.INTEGER,
        "Số đại biểu nước ngoài",
        "Number of foreign participants",
        min_value=0,
        max_value=100000,
    ),
    _field(
        "so_dai_bieu_viet_nam",
        FormField.INTEGER,
        "Số đại biểu Việt Nam",
        "Number of Vietnamese participants",
        min_value=0,
        max_value=100000,
    ),
    _field("nguon_kinh_phi", FormField.TEXTAREA, "Nguồn kinh phí", "Funding", max_length=1000),
]
CONFERENCE_DOCUMENTS = [
    _document(
        *REQUEST_LETTER,
        template=True,
        max_files=1,
        help_vi="Nêu rõ mục đích, thời gian, địa điểm, thành phần tham dự, nguồn kinh phí.",
        help_en="State the purpose, dates, venue, participants and funding.",
    ),
    _document("chuong-trinh", "Chương trình hội nghị, hội thảo", "Programme of the conference", "01 bản", "one copy"),
    _document(
        "danh-sach-dai-bieu",
        "Danh sách đại biểu (ghi rõ quốc tịch, chức danh)",
        "List of participants (with nationality and title)",
        "01 bản",
        "one copy",
    ),
    _document(
        "tai-lieu-kinh-phi",
        "Tài liệu về nguồn kinh phí",
        "Papers on the funding",
        "01 bản sao",
        "one copy",
        required=False,
    ),
]
CONFERENCE_BASIS_VI = _ul(
    (
        "Quyết định số 06/2020/QĐ-TTg của Thủ tướng Chính phủ về tổ chức và "
        "quản lý hội nghị, hội thảo quốc tế tại Việt Nam."
    ),
    DECREE_61_VI,
)
CONFERENCE_BASIS_EN = _ul(
    (
        "Prime Minister's Decision 06/2020/QĐ-TTg on organising and managing "
        "international conferences and seminars in Viet Nam."
    ),
    DECREE_61_EN,
)

PRESS_FORM = [
    _field("ho_ten_phong_vien", FormField.TEXT, "Họ và tên phóng viên", "Correspondent's full name", max_length=120),
    _field("quoc_tich", FormField.TEXT, "Quốc tịch", "Nationality", max_length=80),
    _field("co_quan_bao_chi", FormField.TEXT, "Cơ quan báo chí", "News organisation", max_length=200),
    _field(
        "so_the_phong_vien",
        FormField.TEXT,
        "Số thẻ phóng viên nước ngoài do Bộ Ngoại giao cấp",
        "Number of the foreign press card issued by the Ministry of Foreign Affairs",
        max_length=30,
    ),
    _field(
        "noi_dung_hoat_dong",
        FormField.TEXTAREA,
        "Nội dung hoạt động báo chí",
        "What the correspondent will report on",
        max_length=3000,
    ),
    _field("thoi_gian_tu", FormField.DATE, "Từ ngày", "From"),
    _field("thoi_gian_den", FormField.DATE, "Đến ngày", "To"),
    _field(
        "dia_diem",
        FormField.TEXTAREA,
        "Địa điểm, cơ quan dự kiến làm việc",
        "Places and bodies to visit",
        max_length=2000,
    ),
]
PRESS_DOCUMENTS = [
    _document(
        "don-de-nghi-bao-chi",
        "Văn bản đề nghị theo mẫu của Bộ Ngoại giao",
        "Request on the Ministry of Foreign Affairs' form",
        "01 bản chính",
        "one original",
        template=True,
        max_files=1,
    ),
    _document(
        "the-phong-vien", "Thẻ phóng viên nước ngoài", "Foreign press card", "01 bản sao", "one copy", max_files=2
    ),
]

NGO_FORM = [
    _field(
        "ten_khoan_vien_tro",
        FormField.TEXT,
        "Tên chương trình, dự án, khoản viện trợ",
        "Name of the programme, project or aid",
        max_length=300,
    ),
    _field(
        "nha_tai_tro",
        FormField.TEXT,
        "Tên tổ chức phi chính phủ nước ngoài tài trợ",
        "Donor (foreign non-governmental organisation)",
        max_length=300,
    ),
    _field("quoc_gia_nha_tai_tro", FormField.TEXT, "Quốc gia của nhà tài trợ", "Donor's country", max_length=80),
    _field(
        "gia_tri_vien_tro",
        FormField.INTEGER,
        "Giá trị khoản viện trợ (đồng)",
        "Value of the aid (VND)",
        min_value=1,
        max_value=10**12,
    ),
    _field("dia_ban", FormField.TEXT, "Địa bàn thực hiện", "Where it is carried out", max_length=300),
    _field("muc_tieu", FormField.TEXTAREA, "Mục tiêu và kết quả dự kiến", "Aims and expected results", max_length=3000),
    _field(
        "ma_so_thue",
        FormField.TAX_CODE,
        "Mã số thuế của cơ quan chủ quản",
        "Tax code of the receiving body",
        required=False,
    ),
]
NGO_DOCUMENTS = [
    _document(*REQUEST_LETTER, template=True, max_files=1),
    _document(
        "cam-ket-tai-tro",
        "Văn bản cam kết tài trợ của nhà tài trợ",
        "Donor's letter of commitment",
        "01 bản sao kèm bản dịch",
        "one copy with translation",
    ),
    _document(
        "van-kien-du-an",
        "Văn kiện chương trình, dự án hoặc nội dung khoản viện trợ",
        "Programme or project document, or description of the aid",
        "01 bản",
        "one copy",
        max_files=5,
    ),
    _document(
        "phap-ly-nha-tai-tro", "Giấy tờ pháp lý của nhà tài trợ", "Donor's legal papers", "01 bản sao", "one copy"
    ),
]

CONSULAR_FORM = [
    _field(
        "loai_yeu_cau",
        FormField.CHOICE,
        "Yêu cầu",
        "Request",
        choices_vi="Chứng nhận lãnh sự\nHợp pháp hóa lãnh sự",
        choices_en="Consular certification\nConsular legalisation",
    ),
    _field(
        "so_ban",
        FormField.INTEGER,
        "Số bản giấy tờ cần chứng nhận hoặc hợp pháp hóa",
        "Number of documents to certify or legalise",
        min_value=1,
        max_value=100,
        help_vi="Lệ phí tính theo từng bản.",
        help_en="The fee is charged per document.",
    ),
    _field(
        "ten_giay_to",
        FormField.TEXTAREA,
        "Tên các giấy tờ, tài liệu",
        "The documents",
        max_length=2000,
        help_vi="Mỗi giấy tờ một dòng.",
        help_en="One document a line.",
    ),
    _field("nuoc_su_dung", FormField.TEXT, "Nước sử dụng giấy tờ", "Country where they will be used", max_length=80),
    _field(
        "dia_chi_nhan",
        FormField.TEXTAREA,
        "Địa chỉ nhận kết quả qua bưu chính",
        "Postal address for the result",
        max_length=500,
    ),
]
CONSULAR_DOCUMENTS = [
    _document(
        "to-khai-lanh-su",
        "Tờ khai chứng nhận lãnh sự, hợp pháp hóa lãnh sự (theo mẫu)",
        "Application form for consular certification or legalisation",
        "01 bản chính",
        "one original",
        template=True,
        max_files=1,
    ),
    _document(
        "giay-to-tuy-than",
        "Giấy tờ tùy thân của người đề nghị",
        "Applicant's identity document",
        "01 bản sao",
        "one copy",
        max_files=2,
    ),
    _document(
        "giay-to-can-hop-phap-hoa",
        "Bản chụp giấy tờ cần chứng nhận, hợp pháp hóa",
        "Scans of the documents to certify or legalise",
        "mỗi giấy tờ 01 bản",
        "one of each",
        max_files=10,
        help_vi="Bản chính nộp qua bưu chính hoặc tại Trung tâm Phục vụ hành chính công.",
        help_en="Send the originals by post or bring them to the service centre.",
    ),
]

PROCEDURES = [
    {
        "code": "SNV-LS-01",
        "slug": "the-abtc",
        "field": "lanh-su",
        "unit": "lanh-su",
        "order": 1,
        "versions": [
            dict(
                ABTC_COMMON,
                status=ProcedureVersion.RETIRED,
                effective_from=dt.date(2016, 1, 1),
                retired_on=dt.date(2023, 6, 1),
                legacy_level=3,
                decision_vi=(
                    "Quy chế cấp và quản lý thẻ ABTC ban hành kèm Quyết định số "
                    "45/2006/QĐ-TTg, sửa đổi bởi Quyết định số 54/2015/QĐ-TTg"
                ),
                decision_en=(
                    "Regulation on issuing and managing the ABTC, Decision 45/2006/QĐ-TTg "
                    "as amended by Decision 54/2015/QĐ-TTg"
                ),
                processing_days=22,
                processing_note_vi="22 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
                processing_note_en="22 working days from receipt of a complete application.",
                method_vi=METHOD_PARTIAL_VI,
                method_en=METHOD_PARTIAL_EN,
                submission_vi=ONE_STOP_VI + IN_PERSON_RESULT_VI,
                submission_en=ONE_STOP_EN + IN_PERSON_RESULT_EN,
                legal_basis_vi=_ul(
                    (
                        "Quyết định số 45/2006/QĐ-TTg của Thủ tướng Chính phủ ban hành Quy chế "
                        "cấp và quản lý thẻ đi lại của doanh nhân APEC."
                    ),
                    (
                        "Quyết định số 54/2015/QĐ-TTg sửa đổi, bổ sung Quy chế cấp và quản lý "
                        "thẻ đi lại của doanh nhân APEC."
                    ),
                ),
                legal_basis_en=_ul(
                    (
                        "Prime Minister's Decision 45/2006/QĐ-TTg on the Regulation on issuing "
                        "and managing the APEC Business Travel Card."
                    ),
                    "Decision 54/2015/QĐ-TTg amending that Regulation.",
                ),
                fee_note_vi="Không.",
                fee_note_en="None.",
                form=ABTC_FORM[:-1],
                documents=ABTC_DOCUMENTS,
                fees=[],
            ),
            dict(
                ABTC_COMMON,
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2023, 6, 1),
                legacy_level=4,
                decision_vi=(
                    "Quyết định số 09/2023/QĐ-TTg của Thủ tướng Chính phủ về việc cấp và "
                    "quản lý thẻ đi lại của doanh nhân APEC"
                ),
                decision_en=(
                    "Prime Minister's Decision 09/2023/QĐ-TTg on issuing and managing the APEC Business Travel Card"
                ),
                change_note_vi=(
                    "Áp dụng Quyết định số 09/2023/QĐ-TTg thay thế các quyết định trước; "
                    "thời hạn tách theo từng cơ quan; chuyển thành dịch vụ công trực tuyến "
                    "toàn trình (kết quả trả trực tuyến hoặc qua bưu chính)."
                ),
                change_note_en=(
                    "Decision 09/2023/QĐ-TTg replaces the earlier decisions; the time limit "
                    "is split between the agencies; the service becomes full-process online "
                    "(result returned online or by post)."
                ),
                processing_days=22,
                processing_note_vi=(
                    "22 ngày làm việc đối với doanh nhân (Sở Ngoại vụ 08 ngày, Công an tỉnh "
                    "07 ngày, Ủy ban nhân dân tỉnh 07 ngày); 11 ngày làm việc đối với cán "
                    "bộ, công chức, viên chức."
                ),
                processing_note_en=(
                    "22 working days for business people (Department 8, Provincial Police "
                    "7, People's Committee 7); 11 working days for officials."
                ),
                method_vi=METHOD_FULL_VI,
                method_en=METHOD_FULL_EN,
                submission_vi=ONE_STOP_VI + ONLINE_RESULT_VI,
                submission_en=ONE_STOP_EN + ONLINE_RESULT_EN,
                legal_basis_vi=_ul(
                    (
                        "Quyết định số 09/2023/QĐ-TTg của Thủ tướng Chính phủ về việc cấp và "
                        "quản lý thẻ đi lại của doanh nhân APEC."
                    ),
                    DECREE_61_VI,
                ),
                legal_basis_en=_ul(
                    "Prime Minister's Decision 09/2023/QĐ-TTg on issuing and managing the APEC Business Travel Card.",
                    DECREE_61_EN,
                ),
                fee_note_vi=(
                    "Không thu phí, lệ phí. Nếu chọn nhận bản chính kết quả qua dịch vụ bưu "
                    "chính công ích, doanh nghiệp trả cước chuyển phát theo bảng giá của "
                    "bưu điện; mức dưới đây do Văn phòng Sở cập nhật theo bảng giá hiện "
                    "hành."
                ),
                fee_note_en=(
                    "No fee. If the original result is sent by public postal service, the "
                    "enterprise pays the postage at the post office's rate; the amount "
                    "below is kept up to date by the Department's Office."
                ),
                form=ABTC_FORM,
                documents=ABTC_DOCUMENTS,
                fees=[
                    (
                        "Cước chuyển phát bản chính kết quả qua bưu chính công ích",
                        "Postage of the original result by public postal service",
                        25000,
                        "",
                        "nhan_qua_buu_dien",
                    )
                ],
            ),
        ],
    },
    {
        "code": "SNV-HN-01",
        "slug": "hoi-nghi-hoi-thao-quoc-te",
        "field": "hoi-nghi-hoi-thao",
        "unit": "hop-tac-quoc-te",
        "order": 1,
        "versions": [
            dict(
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2020, 4, 1),
                legacy_level=3,
                decision_vi="Quyết định số 06/2020/QĐ-TTg của Thủ tướng Chính phủ",
                decision_en="Prime Minister's Decision 06/2020/QĐ-TTg",
                name_vi=(
                    "Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho phép "
                    "của Chủ tịch Ủy ban nhân dân tỉnh"
                ),
                name_en=(
                    "Permission to hold an international conference or seminar under the "
                    "authority of the Chairman of the Provincial People's Committee"
                ),
                steps_vi=_ol(
                    "Cơ quan, tổ chức gửi hồ sơ đề nghị chậm nhất 20 ngày trước ngày dự kiến tổ chức.",
                    (
                        "Sở Ngoại vụ tiếp nhận, kiểm tra hồ sơ và xin ý kiến các cơ quan liên "
                        "quan; các cơ quan trả lời trong vòng 15 ngày."
                    ),
                    "Sở Ngoại vụ tổng hợp ý kiến, trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định.",
                    "Trả kết quả cho cơ quan, tổ chức đề nghị.",
                ),
                steps_en=_ol(
                    "The organiser applies at least 20 days before the planned date.",
                    (
                        "The Department receives and checks the application and consults the "
                        "agencies concerned, which answer within 15 days."
                    ),
                    (
                        "The Department submits the views to the Chairman of the Provincial "
                        "People's Committee for decision."
                    ),
                    "The result is returned to the organiser.",
                ),
                method_vi=METHOD_PARTIAL_VI,
                method_en=METHOD_PARTIAL_EN,
                documents_note_vi=ONE_SET_VI,
                documents_note_en=ONE_SET_EN,
                processing_days=15,
                processing_note_vi=(
                    "Các cơ quan được xin ý kiến trả lời trong vòng 15 ngày; hồ sơ gửi chậm "
                    "nhất 20 ngày trước ngày dự kiến tổ chức."
                ),
                processing_note_en=(
                    "The agencies consulted answer within 15 days; apply at least 20 days before the planned date."
                ),
                applicants_vi=(
                    "<p>Cơ quan, tổ chức, đơn vị trên địa bàn tỉnh tổ chức hội nghị, hội thảo có yếu tố nước ngoài.</p>"
                ),
                applicants_en=(
                    "<p>Bodies and organisations in the province holding a conference or "
                    "seminar with foreign participants or sponsors.</p>"
                ),
                conditions_vi="<p>Hội nghị, hội thảo không thuộc thẩm quyền cho phép của Thủ tướng Chính phủ.</p>",
                conditions_en="<p>The conference does not need the Prime Minister's permission.</p>",
                agency_vi="Chủ tịch Ủy ban nhân dân tỉnh (quyết định); Sở Ngoại vụ (tiếp nhận, tham mưu).",
                agency_en=(
                    "Chairman of the Provincial People's Committee (decides); Department of "
                    "Foreign Affairs (receives, advises)."
                ),
                result_vi="Văn bản cho phép tổ chức hội nghị, hội thảo quốc tế của Chủ tịch Ủy ban nhân dân tỉnh.",
                result_en="The Chairman's letter permitting the conference or seminar.",
                fee_note_vi="Không.",
                fee_note_en="None.",
                submission_vi=ONE_STOP_VI + IN_PERSON_RESULT_VI,
                submission_en=ONE_STOP_EN + IN_PERSON_RESULT_EN,
                legal_basis_vi=CONFERENCE_BASIS_VI,
                legal_basis_en=CONFERENCE_BASIS_EN,
                form=CONFERENCE_FORM,
                documents=CONFERENCE_DOCUMENTS,
                fees=[],
            )
        ],
    },
    {
        "code": "SNV-HN-02",
        "slug": "chu-truong-hoi-nghi-thu-tuong",
        "field": "hoi-nghi-hoi-thao",
        "unit": "hop-tac-quoc-te",
        "order": 2,
        "versions": [
            dict(
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2020, 4, 1),
                legacy_level=3,
                decision_vi="Quyết định số 06/2020/QĐ-TTg của Thủ tướng Chính phủ",
                decision_en="Prime Minister's Decision 06/2020/QĐ-TTg",
                name_vi=(
                    "Xin chủ trương tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền cho "
                    "phép của Thủ tướng Chính phủ"
                ),
                name_en=(
                    "In-principle approval of an international conference that needs the Prime Minister's permission"
                ),
                steps_vi=_ol(
                    "Cơ quan, tổ chức gửi hồ sơ đề nghị đến Sở Ngoại vụ.",
                    "Sở Ngoại vụ tiếp nhận, xin ý kiến các cơ quan liên quan; các cơ quan trả lời trong vòng 15 ngày.",
                    "Sở Ngoại vụ tham mưu Ủy ban nhân dân tỉnh có văn bản trình Thủ tướng Chính phủ.",
                    "Thủ tướng Chính phủ xem xét, cho phép; Sở Ngoại vụ thông báo kết quả.",
                ),
                steps_en=_ol(
                    "The organiser applies to the Department.",
                    "The Department consults the agencies concerned, which answer within 15 days.",
                    "The Department prepares the People's Committee's submission to the Prime Minister.",
                    "The Prime Minister decides; the Department passes the result on.",
                ),
                method_vi=METHOD_PARTIAL_VI,
                method_en=METHOD_PARTIAL_EN,
                documents_note_vi=ONE_SET_VI,
                documents_note_en=ONE_SET_EN,
                processing_days=15,
                processing_note_vi=(
                    "Thời gian lấy ý kiến các cơ quan liên quan 15 ngày; thời gian xem xét "
                    "của Thủ tướng Chính phủ không tính vào thời hạn này."
                ),
                processing_note_en=(
                    "15 days for the agencies consulted; the Prime Minister's consideration "
                    "is not counted in this time."
                ),
                applicants_vi=(
                    "<p>Cơ quan, tổ chức trên địa bàn tỉnh tổ chức hội nghị, hội thảo quốc "
                    "tế thuộc thẩm quyền cho phép của Thủ tướng Chính phủ.</p>"
                ),
                applicants_en=(
                    "<p>Bodies and organisations in the province holding an international "
                    "conference that needs the Prime Minister's permission.</p>"
                ),
                conditions_vi=(
                    "<p>Hội nghị cấp cao hoặc có nội dung liên quan đến chính trị, an ninh, "
                    "quốc phòng, dân tộc, tôn giáo, nhân quyền, biên giới, biển đảo hoặc "
                    "thuộc bí mật nhà nước, theo Quyết định số 06/2020/QĐ-TTg.</p>"
                ),
                conditions_en=(
                    "<p>High-level conferences, or those on politics, security, defence, "
                    "ethnic or religious affairs, human rights, borders, seas and islands "
                    "or state secrets, under Decision 06/2020/QĐ-TTg.</p>"
                ),
                agency_vi=(
                    "Thủ tướng Chính phủ (quyết định); Ủy ban nhân dân tỉnh (trình); Sở Ngoại vụ (tiếp nhận, tham mưu)."
                ),
                agency_en=(
                    "The Prime Minister (decides); Provincial People's Committee (submits); "
                    "Department of Foreign Affairs (receives, advises)."
                ),
                result_vi="Văn bản của Thủ tướng Chính phủ cho phép về chủ trương tổ chức hội nghị, hội thảo.",
                result_en="The Prime Minister's in-principle approval.",
                fee_note_vi="Không.",
                fee_note_en="None.",
                submission_vi=ONE_STOP_VI + IN_PERSON_RESULT_VI,
                submission_en=ONE_STOP_EN + IN_PERSON_RESULT_EN,
                legal_basis_vi=CONFERENCE_BASIS_VI,
                legal_basis_en=CONFERENCE_BASIS_EN,
                form=CONFERENCE_FORM,
                documents=CONFERENCE_DOCUMENTS,
                fees=[],
            )
        ],
    },
    {
        "code": "SNV-BC-01",
        "slug": "phong-vien-nuoc-ngoai",
        "field": "bao-chi",
        "unit": "van-phong",
        "order": 1,
        "versions": [
            dict(
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2019, 1, 1),
                legacy_level=4,
                decision_vi="Nghị định số 88/2012/NĐ-CP của Chính phủ",
                decision_en="Government Decree 88/2012/NĐ-CP",
                name_vi="Cho phép phóng viên nước ngoài thường trú tại Việt Nam hoạt động báo chí tại tỉnh",
                name_en="Permission for a foreign resident correspondent to report in the province",
                steps_vi=_ol(
                    "Phóng viên gửi văn bản đề nghị theo mẫu của Bộ Ngoại giao kèm thẻ phóng viên nước ngoài.",
                    "Sở Ngoại vụ tiếp nhận, phối hợp các cơ quan liên quan sắp xếp chương trình.",
                    "Sở Ngoại vụ trả lời bằng văn bản và hướng dẫn phóng viên trong thời gian hoạt động.",
                ),
                steps_en=_ol(
                    (
                        "The correspondent sends a request on the Ministry of Foreign Affairs' "
                        "form with the foreign press card."
                    ),
                    "The Department arranges the programme with the bodies concerned.",
                    "The Department answers in writing and guides the correspondent during the visit.",
                ),
                method_vi=METHOD_FULL_VI,
                method_en=METHOD_FULL_EN,
                documents_note_vi=ONE_SET_VI,
                documents_note_en=ONE_SET_EN,
                processing_days=5,
                processing_note_vi="04 đến 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
                processing_note_en="Four to five working days from receipt of a complete application.",
                applicants_vi="<p>Phóng viên nước ngoài thường trú tại Việt Nam.</p>",
                applicants_en="<p>Foreign correspondents resident in Viet Nam.</p>",
                agency_vi="Sở Ngoại vụ.",
                agency_en="Department of Foreign Affairs.",
                result_vi="Văn bản trả lời của Sở Ngoại vụ.",
                result_en="The Department's written answer.",
                fee_note_vi="Không.",
                fee_note_en="None.",
                submission_vi=ONE_STOP_VI + ONLINE_RESULT_VI,
                submission_en=ONE_STOP_EN + ONLINE_RESULT_EN,
                legal_basis_vi=_ul(
                    "Nghị định số 88/2012/NĐ-CP của Chính phủ quy định về hoạt động thông "
                    "tin, báo chí của báo chí nước ngoài, cơ quan đại diện nước ngoài, tổ "
                    "chức nước ngoài tại Việt Nam."
                ),
                legal_basis_en=_ul(
                    "Government Decree 88/2012/NĐ-CP on information and press activities of "
                    "foreign media, foreign missions and organisations in Viet Nam."
                ),
                form=PRESS_FORM,
                documents=PRESS_DOCUMENTS,
                fees=[],
            )
        ],
    },
    {
        "code": "SNV-VT-01",
        "slug": "vien-tro-phi-chinh-phu",
        "field": "vien-tro",
        "unit": "hop-tac-quoc-te",
        "order": 1,
        "versions": [
            dict(
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2020, 8, 28),
                legacy_level=3,
                decision_vi="Nghị định số 80/2020/NĐ-CP của Chính phủ",
                decision_en="Government Decree 80/2020/NĐ-CP",
                name_vi=(
                    "Tiếp nhận, thẩm định khoản viện trợ không hoàn lại không thuộc hỗ trợ "
                    "phát triển chính thức của tổ chức phi chính phủ nước ngoài"
                ),
                name_en=(
                    "Receiving and appraising non-refundable aid (non-ODA) from foreign non-governmental organisations"
                ),
                steps_vi=_ol(
                    "Cơ quan chủ quản gửi hồ sơ đề nghị tiếp nhận khoản viện trợ.",
                    (
                        "Sở Ngoại vụ tiếp nhận, kiểm tra hồ sơ, lấy ý kiến các cơ quan liên "
                        "quan và thẩm định trong 20 ngày."
                    ),
                    "Sở Ngoại vụ trình Ủy ban nhân dân tỉnh phê duyệt khoản viện trợ.",
                    "Trả kết quả cho cơ quan chủ quản.",
                ),
                steps_en=_ol(
                    "The receiving body sends the application.",
                    "The Department checks it, consults the agencies concerned and appraises it within 20 days.",
                    "The Department submits the aid to the Provincial People's Committee for approval.",
                    "The result is returned to the receiving body.",
                ),
                method_vi=METHOD_PARTIAL_VI,
                method_en=METHOD_PARTIAL_EN,
                documents_note_vi=ONE_SET_VI,
                documents_note_en=ONE_SET_EN,
                processing_days=20,
                processing_note_vi="Thẩm định trong 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
                processing_note_en="Appraised within 20 days of receipt of a complete application.",
                applicants_vi="<p>Cơ quan, tổ chức, đơn vị trên địa bàn tỉnh tiếp nhận viện trợ.</p>",
                applicants_en="<p>Bodies and organisations in the province receiving the aid.</p>",
                agency_vi="Ủy ban nhân dân tỉnh (phê duyệt); Sở Ngoại vụ (tiếp nhận, thẩm định).",
                agency_en=(
                    "Provincial People's Committee (approves); Department of Foreign Affairs (receives, appraises)."
                ),
                result_vi="Quyết định phê duyệt khoản viện trợ của Ủy ban nhân dân tỉnh.",
                result_en="The People's Committee's decision approving the aid.",
                fee_note_vi="Không.",
                fee_note_en="None.",
                submission_vi=ONE_STOP_VI + IN_PERSON_RESULT_VI,
                submission_en=ONE_STOP_EN + IN_PERSON_RESULT_EN,
                legal_basis_vi=_ul(
                    "Nghị định số 80/2020/NĐ-CP của Chính phủ về quản lý và sử dụng viện "
                    "trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức của các cơ "
                    "quan, tổ chức, cá nhân nước ngoài dành cho Việt Nam."
                ),
                legal_basis_en=_ul(
                    "Government Decree 80/2020/NĐ-CP on managing and using non-refundable "
                    "non-ODA aid from foreign agencies, organisations and individuals to "
                    "Viet Nam."
                ),
                form=NGO_FORM,
                documents=NGO_DOCUMENTS,
                fees=[],
            )
        ],
    },
    {
        "code": "SNV-LS-02",
        "slug": "chung-nhan-hop-phap-hoa-lanh-su",
        "field": "lanh-su",
        "unit": "lanh-su",
        "order": 2,
        "versions": [
            dict(
                status=ProcedureVersion.EFFECTIVE,
                effective_from=dt.date(2019, 1, 1),
                legacy_level=4,
                decision_vi="Nghị định số 111/2011/NĐ-CP của Chính phủ",
                decision_en="Government Decree 111/2011/NĐ-CP",
                name_vi=(
                    "Tiếp nhận hồ sơ đề nghị chứng nhận lãnh sự, hợp pháp hóa lãnh sự giấy tờ, tài liệu tại địa phương"
                ),
                name_en="Receiving applications for consular certification or legalisation of documents locally",
                steps_vi=_ol(
                    (
                        "Người đề nghị nộp tờ khai, bản chụp giấy tờ và lệ phí trực tuyến; gửi "
                        "bản chính qua bưu chính hoặc nộp tại Trung tâm Phục vụ hành chính "
                        "công."
                    ),
                    "Sở Ngoại vụ tiếp nhận, kiểm tra và chuyển hồ sơ đến Cục Lãnh sự, Bộ Ngoại giao.",
                    "Cục Lãnh sự giải quyết; Sở Ngoại vụ nhận lại và trả kết quả.",
                ),
                steps_en=_ol(
                    (
                        "The applicant submits the form, scans and fee online, and sends the "
                        "originals by post or brings them to the service centre."
                    ),
                    (
                        "The Department checks the application and forwards it to the Consular "
                        "Department of the Ministry of Foreign Affairs."
                    ),
                    "The Consular Department decides; the Department returns the result.",
                ),
                method_vi=METHOD_FULL_VI,
                method_en=METHOD_FULL_EN,
                documents_note_vi=ONE_SET_VI,
                documents_note_en=ONE_SET_EN,
                processing_days=2,
                processing_note_vi="Từ 02 ngày làm việc kể từ ngày nhận đủ hồ sơ; hồ sơ nhiều giấy tờ có thể lâu hơn.",
                processing_note_en="From two working days after a complete application; longer for many documents.",
                applicants_vi="<p>Cá nhân, tổ chức có giấy tờ cần chứng nhận lãnh sự hoặc hợp pháp hóa lãnh sự.</p>",
                applicants_en="<p>Anyone with documents that need consular certification or legalisation.</p>",
                agency_vi="Cục Lãnh sự, Bộ Ngoại giao (quyết định); Sở Ngoại vụ (tiếp nhận và trả kết quả).",
                agency_en=(
                    "Consular Department, Ministry of Foreign Affairs (decides); Department "
                    "of Foreign Affairs (receives and returns)."
                ),
                result_vi="Giấy tờ, tài liệu được chứng nhận lãnh sự hoặc hợp pháp hóa lãnh sự.",
                result_en="The documents, certified or legalised.",
                fee_note_vi="30.000 đồng/bản (mỗi con dấu chứng nhận hoặc hợp pháp hóa), nộp trực tuyến khi nộp hồ sơ.",
                fee_note_en=(
                    "30,000 VND a document (each certification or legalisation stamp), paid online with the"
                    " application."
                ),
                submission_vi=ONE_STOP_VI + IN_PERSON_RESULT_VI,
                submission_en=ONE_STOP_EN + IN_PERSON_RESULT_EN,
                legal_basis_vi=_ul(
                    "Nghị định số 111/2011/NĐ-CP của Chính phủ về chứng nhận lãnh sự, hợp pháp hóa lãnh sự.",
                    "Quy định của Bộ Tài chính về lệ phí chứng nhận lãnh sự, hợp pháp hóa lãnh sự.",
                ),
                legal_basis_en=_ul(
                    "Government Decree 111/2011/NĐ-CP on consular certification and legalisation.",
                    "The Ministry of Finance's rules on the consular certification and legalisation fee.",
                ),
                form=CONSULAR_FORM,
                documents=CONSULAR_DOCUMENTS,
                fees=[
                    (
                        "Lệ phí chứng nhận lãnh sự, hợp pháp hóa lãnh sự",
                        "Consular certification or legalisation fee",
                        30000,
                        "so_ban",
                        "",
                    )
                ],
            )
        ],
    },
]


def _template_document(key: str, title: str, procedure_name: str, document_name: str):
    """A fillable-looking PDF template (mẫu đơn) for the demo, made once and shared by versions."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    from weasyprint import HTML  # only the demo's few templates need it

    lines = "".join(
        f"<p>{escape(label)}: ..............................................................</p>"
        for label in (
            "Tên cơ quan, tổ chức, cá nhân đề nghị",
            "Địa chỉ",
            "Điện thoại, thư điện tử",
            "Nội dung đề nghị",
        )
    )
    html = (
        "<p style='text-align:center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></p>"
        f"<h1 style='text-align:center;font-size:15pt'>{escape(document_name.upper())}</h1>"
        f"<p>Kính gửi: Sở Ngoại vụ tỉnh Thừa Thiên Huế</p><p>Thủ tục: {escape(procedure_name)}</p>{lines}"
        "<p style='text-align:right'>......, ngày ..... tháng ..... năm "
        ".......<br><b>Người đề nghị</b><br>(Ký, ghi rõ họ tên)</p>"
    )
    pdf = HTML(string=html).write_pdf()
    return Document.objects.create(title=title, file=ContentFile(pdf, name=f"mau-{key}.pdf"))


def _create_version(procedure: Procedure, data: dict) -> ProcedureVersion:
    data = dict(data)
    form, documents, fees = data.pop("form"), data.pop("documents"), data.pop("fees")
    version = ProcedureVersion(procedure=procedure, **data)
    version.save()
    for order, field in enumerate(form):
        FormField.objects.create(version=version, sort_order=order, **field)
    for order, document in enumerate(documents):
        document = dict(document)
        template = None
        if document.pop("template"):
            template = _template_document(
                f"{procedure.slug}-{document['key']}",
                f"Mẫu {document['name_vi'].replace(' (theo mẫu)', '').lower()} - {procedure.code}",
                version.name_vi,
                document["name_vi"].replace(" (theo mẫu)", ""),
            )
        RequiredDocument.objects.create(version=version, sort_order=order, template=template, **document)
    for order, (name_vi, name_en, amount, quantity_field, condition_field) in enumerate(fees):
        FeeItem.objects.create(
            version=version,
            sort_order=order,
            name_vi=name_vi,
            name_en=name_en,
            amount=amount,
            quantity_field=quantity_field,
            condition_field=condition_field,
        )
    return version


def upgrade_to_catalogue(section) -> bool:
    """Turn a plain category (an older demo's "Thủ tục hành chính") and its translations into the catalogue.

    The catalogue is a category with routes of its own and no extra field, so the change is the child
    row and the page type; the items, revisions and addresses stay as they were.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(ProcedureIndexPage)
    upgraded = False
    for page in section.get_translations(inclusive=True).exclude(content_type=content_type):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {ProcedureIndexPage._meta.db_table} (sectionpage_ptr_id) VALUES (%s)", [page.pk]
            )  # noqa: S608
        Page.objects.filter(pk=page.pk).update(content_type=content_type)
        upgraded = True
    return upgraded


def ensure_demo_procedures() -> int:
    """Create the demo fields and procedures that are missing; returns how many procedures were created."""
    from portal.news.models import SectionPage

    for section in SectionPage.objects.filter(slug="thu-tuc-hanh-chinh", locale__language_code="vi", depth=3):
        if section.specific_class is SectionPage:
            upgrade_to_catalogue(section)
    fields = {}
    for order, (code, name_vi, name_en) in enumerate(FIELDS):
        fields[code], _created = ProcedureField.objects.get_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "sort_order": order}
        )
    created = 0
    for data in PROCEDURES:
        if Procedure.objects.filter(code=data["code"]).exists():
            continue
        with transaction.atomic():
            procedure = Procedure.objects.create(
                code=data["code"],
                slug=data["slug"],
                field=fields[data["field"]],
                unit=Unit.objects.get(agency_id=default_agency(), code=data["unit"]),
                sort_order=data["order"],
            )
            for version in data["versions"]:
                _create_version(procedure, version)
        created += 1
    return created
