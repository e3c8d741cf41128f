"""Demo organisation: unit profiles, leaders (with drawn portraits), the pages about the Department."""

import datetime as dt
import hashlib
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from portal.news.models import ArticlePage
from portal.organisation.models import (
    Leader,
    OrganisationIndexPage,
    OrganisationTextPage,
    StructurePage,
    UnitProfile,
    UnitSectionPage,
)
from portal.units.models import Unit

PROFILES = {
    "van-phong": (
        "division",
        "Tham mưu, tổng hợp, điều phối hoạt động chung của Sở; công tác tổ chức cán bộ, hành chính, văn thư, lưu "
        "trữ, tài chính; thường trực Ban Biên tập Trang thông tin điện tử; tiếp nhận và trả kết quả thủ tục hành "
        "chính.",
        "Advises and coordinates the Department's work; staff, administration, records and finance; runs the "
        "website's Editorial Board day to day; receives applications and returns their results.",
        "0234 3822 515",
        "vanphong.sngv@thuathienhue.gov.vn",
    ),
    "hop-tac-quoc-te": (
        "division",
        "Tham mưu quan hệ hợp tác với các địa phương nước ngoài và tổ chức quốc tế; lễ tân đối ngoại; vận động, "
        "quản lý viện trợ phi chính phủ nước ngoài; kinh tế đối ngoại và xúc tiến đầu tư.",
        "Cooperation with foreign localities and international organisations; diplomatic protocol; foreign "
        "non-governmental aid; external economic relations and investment promotion.",
        "0234 3822 517",
        "htqt.sngv@thuathienhue.gov.vn",
    ),
    "lanh-su": (
        "division",
        "Công tác lãnh sự, bảo hộ công dân; quản lý hoạt động báo chí nước ngoài và hội nghị, hội thảo quốc tế; "
        "công tác đối với người Việt Nam ở nước ngoài.",
        "Consular work and protection of citizens; foreign press and international conferences; relations with "
        "Vietnamese people living abroad.",
        "0234 3822 518",
        "lanhsu.sngv@thuathienhue.gov.vn",
    ),
    "bien-gioi": (
        "division",
        "Tham mưu quản lý nhà nước về biên giới, lãnh thổ quốc gia; hợp tác với các tỉnh của Lào có chung đường "
        "biên giới.",
        "Border and national territory management; cooperation with the neighbouring provinces of Laos.",
        "0234 3822 519",
        "biengioi.sngv@thuathienhue.gov.vn",
    ),
    "thanh-tra": (
        "division",
        "Thanh tra, kiểm tra việc chấp hành pháp luật trong lĩnh vực ngoại vụ; tiếp công dân, giải quyết khiếu "
        "nại, tố cáo; phòng, chống tham nhũng.",
        "Inspection of compliance in foreign affairs; citizens' complaints and denunciations; anti-corruption.",
        "0234 3822 520",
        "thanhtra.sngv@thuathienhue.gov.vn",
    ),
    "ttdvdn": (
        "service",
        "Đơn vị sự nghiệp trực thuộc Sở: biên dịch, phiên dịch; hỗ trợ tổ chức đoàn, hội nghị quốc tế; đào tạo "
        "ngoại ngữ và bồi dưỡng kiến thức đối ngoại.",
        "A public service unit of the Department: translation and interpreting, support for delegations and "
        "international conferences, language courses and foreign-affairs training.",
        "0234 3822 521",
        "ttdvdn.sngv@thuathienhue.gov.vn",
    ),
    "ke-toan": (
        "division",
        "Kế toán, tài vụ: lập dự toán, thanh quyết toán kinh phí, chi trả nhuận bút và thù lao.",
        "Accounting and finance: budgets, settlements, royalties and fees.",
        "0234 3822 522",
        "ketoan.sngv@thuathienhue.gov.vn",
    ),
    "cong-doan": (
        "union",
        "Công đoàn cơ sở Sở Ngoại vụ chăm lo đời sống, bảo vệ quyền lợi của đoàn viên, tổ chức phong trào thi đua "
        "và hoạt động văn hóa, thể thao.",
        "The Department's trade union looks after its members' welfare and rights and organises emulation "
        "movements, cultural and sports activities.",
        "",
        "congdoan.sngv@thuathienhue.gov.vn",
    ),
    "doan-thanh-nien": (
        "union",
        "Chi đoàn Thanh niên Cộng sản Hồ Chí Minh Sở Ngoại vụ tập hợp đoàn viên trẻ, tổ chức hoạt động tình nguyện "
        "và giao lưu thanh niên quốc tế.",
        "The Department's Ho Chi Minh Communist Youth Union branch brings young staff together for volunteering "
        "and international youth exchanges.",
        "",
        "chidoan.sngv@thuathienhue.gov.vn",
    ),
}

# (full name, post vi, post en, unit code or None for the leadership, phone, email, duties vi, duties en);
# the Director comes from the pack (setup_portal), who signs the plan.
LEADERS = [
    (
        "Lê Thị Minh Hà",
        "Phó Giám đốc Sở",
        "Deputy Director",
        None,
        "0234 3822 511",
        "ltmha.sngv@thuathienhue.gov.vn",
        "Phụ trách hợp tác quốc tế, viện trợ phi chính phủ và Trung tâm Dịch vụ Đối ngoại.",
        "International cooperation, foreign NGO aid and the Foreign Affairs Services Centre.",
    ),
    (
        "Nguyễn Văn Bình",
        "Phó Giám đốc Sở",
        "Deputy Director",
        None,
        "0234 3822 512",
        "nvbinh.sngv@thuathienhue.gov.vn",
        "Phụ trách lãnh sự, quản lý biên giới và thanh tra.",
        "Consular affairs, border management and inspection.",
    ),
    (
        "Đặng Quốc Huy",
        "Chánh Văn phòng",
        "Chief of Office",
        "van-phong",
        "0234 3822 515",
        "dqhuy.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    (
        "Trần Thị Thu Hằng",
        "Trưởng phòng",
        "Head of Division",
        "hop-tac-quoc-te",
        "0234 3822 517",
        "ttthang.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    (
        "Phan Văn Quang",
        "Trưởng phòng",
        "Head of Division",
        "lanh-su",
        "0234 3822 518",
        "pvquang.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    (
        "Hoàng Minh Tuấn",
        "Trưởng phòng",
        "Head of Division",
        "bien-gioi",
        "0234 3822 519",
        "hmtuan.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    (
        "Lê Thị Mai",
        "Chánh Thanh tra",
        "Chief Inspector",
        "thanh-tra",
        "0234 3822 520",
        "ltmai.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    (
        "Nguyễn Hữu Phước",
        "Giám đốc Trung tâm",
        "Director of the Centre",
        "ttdvdn",
        "0234 3822 521",
        "nhphuoc.sngv@thuathienhue.gov.vn",
        "",
        "",
    ),
    ("Võ Thị Thanh Tâm", "Chủ tịch Công đoàn", "Chair of the Trade Union", "cong-doan", "", "", "", ""),
    ("Hồ Đức Anh", "Bí thư Chi đoàn", "Secretary of the Youth Union", "doan-thanh-nien", "", "", "", ""),
]

HISTORY = [
    "Ngành Ngoại vụ Thừa Thiên Huế được hình thành từ Ban Ngoại vụ của tỉnh sau ngày thống nhất đất nước, làm "
    "nhiệm vụ đón tiếp các đoàn khách quốc tế đến thăm cố đô và quản lý người nước ngoài trên địa bàn.",
    "Năm 1989, khi tỉnh Thừa Thiên Huế được tái lập, Sở Ngoại vụ được thành lập trên cơ sở Ban Ngoại vụ, từng "
    "bước mở rộng quan hệ với các địa phương của Pháp, Nhật Bản, Hàn Quốc, Lào và nhiều nước khác.",
    "Từ năm 2008, Sở là cơ quan chuyên môn thuộc UBND tỉnh, tham mưu công tác đối ngoại, biên giới lãnh thổ và "
    "công tác đối với người Việt Nam ở nước ngoài; Trung tâm Dịch vụ Đối ngoại được thành lập làm đơn vị sự nghiệp.",
]
FUNCTIONS = [
    (
        "Vị trí và chức năng",
        "Sở Ngoại vụ là cơ quan chuyên môn thuộc UBND tỉnh, tham mưu, giúp UBND tỉnh quản lý nhà "
        "nước về công tác đối ngoại, biên giới lãnh thổ quốc gia và công tác về người Việt Nam ở nước ngoài.",
    ),
    (
        "Nhiệm vụ và quyền hạn",
        "Trình UBND tỉnh kế hoạch hoạt động đối ngoại hằng năm; tổ chức đón tiếp các đoàn "
        "nước ngoài; quản lý hội nghị, hội thảo quốc tế; hướng dẫn thủ tục lãnh sự; quản lý viện trợ phi chính phủ "
        "nước ngoài; thực hiện cải cách hành chính và cung cấp dịch vụ công trực tuyến.",
    ),
]
FUNCTIONS_EN = [
    (
        "Position and functions",
        "The Department of Foreign Affairs is a specialised agency of the Provincial "
        "People's Committee; it advises the Committee on external relations, national borders and territory and "
        "relations with Vietnamese people abroad.",
    ),
    (
        "Duties and powers",
        "It proposes the yearly plan of external activities; receives foreign delegations; "
        "manages international conferences; guides consular procedures; manages foreign non-governmental aid; "
        "carries out administrative reform and provides online public services.",
    ),
]
UNION_NEWS = {
    "cong-doan": (
        "cong-doan-tham-hoi-doan-vien",
        "Công đoàn Sở thăm hỏi, tặng quà đoàn viên có hoàn cảnh khó khăn",
        "Nhân dịp cuối năm, Ban Chấp hành Công đoàn Sở Ngoại vụ đã đến thăm hỏi, tặng quà các đoàn viên "
        "có hoàn cảnh khó khăn và gia đình có người ốm đau.",
    ),
    "doan-thanh-nien": (
        "chi-doan-giao-luu-thanh-nien-lao",
        "Chi đoàn Sở Ngoại vụ giao lưu với sinh viên Lào tại Huế",
        "Chi đoàn Sở Ngoại vụ tổ chức buổi giao lưu văn hóa, thể thao với lưu học sinh Lào đang học "
        "tập tại Đại học Huế, góp phần vun đắp tình hữu nghị Việt - Lào.",
    ),
}
SECTION_UNITS = {
    "trung-tam-dich-vu-doi-ngoai": "ttdvdn",
    "cong-doan": "cong-doan",
    "doan-thanh-nien": "doan-thanh-nien",
}


def portrait(seed: str) -> bytes:
    """A plain head-and-shoulders silhouette on a soft background, as JPEG (no real photos in the demo)."""
    digest = hashlib.sha256(seed.encode()).digest()
    background = (200 + digest[0] % 40, 210 + digest[1] % 35, 225 + digest[2] % 30)
    clothes = (30 + digest[3] % 60, 40 + digest[4] % 60, 70 + digest[5] % 80)
    picture = PILImage.new("RGB", (320, 400), background)
    draw = ImageDraw.Draw(picture)
    draw.ellipse([40, 250, 280, 520], fill=clothes)
    draw.ellipse([100, 80, 220, 220], fill=(224, 190, 160))
    draw.pieslice([95, 70, 225, 200], 180, 360, fill=(40, 30, 25))
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=85)
    return output.getvalue()


def _photo(name: str):
    Image = get_image_model()
    title = f"chan-dung-{name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    file = ImageFile(io.BytesIO(portrait(name)), name="chan-dung.jpg")
    return Image.objects.create(title=title, description=f"Ảnh chân dung {name}", file=file)


def _html(paragraphs) -> str:
    return "".join(
        f"<h2>{escape(p[0])}</h2><p>{escape(p[1])}</p>" if isinstance(p, tuple) else f"<p>{escape(p)}</p>"
        for p in paragraphs
    )


def _page(index, model, slug, en, english=None, **fields):
    page = model.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    if english and not page.get_translations().filter(locale=en).exists():
        translation = page.copy_for_translation(en).specific
        for name, value in english.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
    return page


def ensure_demo_organisation() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    units = {unit.code: unit for unit in Unit.objects.all()}
    for code, (kind, functions_vi, functions_en, phone, email) in PROFILES.items():
        if code in units:
            UnitProfile.objects.get_or_create(
                unit=units[code],
                defaults={
                    "kind": kind,
                    "functions_vi": functions_vi,
                    "functions_en": functions_en,
                    "phone": phone,
                    "email": email,
                    "address": "Số 12 Hà Nội, thành phố Huế",
                },
            )
    for order, (name, post_vi, post_en, unit, phone, email, duties_vi, duties_en) in enumerate(LEADERS, start=1):
        if not Leader.objects.filter(full_name=name).exists():
            Leader.objects.create(
                full_name=name,
                post_vi=post_vi,
                post_en=post_en,
                unit=units.get(unit) if unit else None,
                phone=phone,
                email=email,
                duties_vi=duties_vi,
                duties_en=duties_en,
                sort_order=order,
                photo=_photo(name),
            )
    index = OrganisationIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    _page(
        index,
        OrganisationTextPage,
        "lich-su-phat-trien",
        en,
        title="Lịch sử phát triển",
        intro="Quá trình hình thành và phát triển của ngành Ngoại vụ Thừa Thiên Huế.",
        body=_html(HISTORY),
    )
    _page(
        index,
        OrganisationTextPage,
        "chuc-nang-nhiem-vu",
        en,
        english={"title": "Functions and duties", "intro": "What the Department does.", "body": _html(FUNCTIONS_EN)},
        title="Chức năng, nhiệm vụ và quyền hạn",
        intro="Chức năng, nhiệm vụ và quyền hạn của Sở Ngoại vụ.",
        body=_html(FUNCTIONS),
    )
    _page(
        index,
        StructurePage,
        "co-cau-to-chuc",
        en,
        english={"title": "Structure and contacts", "intro": "The Department's leaders, divisions and units."},
        title="Cơ cấu tổ chức",
        intro="Lãnh đạo Sở, các phòng chuyên môn, đơn vị sự nghiệp và tổ chức đoàn thể.",
    )
    for section in UnitSectionPage.objects.filter(slug__in=SECTION_UNITS):
        if section.unit_id is None:
            section.unit = units.get(SECTION_UNITS[section.slug])
            section.save_revision().publish()
        if section.locale_id == vi.pk and section.slug in UNION_NEWS and not section.items().exists():
            slug, title, lead = UNION_NEWS[section.slug]
            published = timezone.now() - dt.timedelta(days=9)
            item = section.add_child(
                instance=ArticlePage(
                    title=title,
                    slug=slug,
                    lead=lead,
                    body=[{"type": "paragraph", "value": f"<p>{escape(lead)}</p>"}],
                    unit=section.unit,
                    first_published_at=published,
                )
            )
            item.save_revision().publish()
