"""Demo foreign investment projects in Thừa Thiên Huế (illustrative figures)."""

import datetime as dt
import zlib

from django.utils import timezone
from wagtail.models import Locale

from portal.documents.models import Country
from portal.investment.models import InvestmentIndexPage, InvestmentProjectPage, Sector

SECTORS = [
    ("Du lịch, dịch vụ", "Tourism and services"),
    ("Công nghiệp chế biến, chế tạo", "Manufacturing"),
    ("Năng lượng", "Energy"),
    ("Giáo dục, y tế", "Education and health"),
    ("Hạ tầng khu kinh tế", "Economic zone infrastructure"),
]
PROJECTS = [
    (
        "khu-nghi-duong-lang-co",
        "Khu nghỉ dưỡng ven biển Lăng Cô",
        "Công ty TNHH Laguna Lăng Cô",
        "Xin-ga-po",
        "Du lịch, dịch vụ",
        875_000_000,
        "USD",
        "Khu kinh tế Chân Mây - Lăng Cô",
        "280",
        "operating",
        "2009-06-18",
        "Tổ hợp khách sạn, biệt thự, sân gôn và trung tâm hội nghị ven biển.",
    ),
    (
        "nha-may-soi-phu-bai",
        "Nhà máy sợi Phú Bài mở rộng",
        "Công ty TNHH Sợi Huế - Hàn Quốc",
        "Hàn Quốc",
        "Công nghiệp chế biến, chế tạo",
        42_000_000,
        "USD",
        "Khu công nghiệp Phú Bài",
        "12.5",
        "operating",
        "2016-03-02",
        "Dây chuyền kéo sợi công suất 6.000 tấn/năm, sử dụng 600 lao động địa phương.",
    ),
    (
        "dien-mat-troi-phong-dien",
        "Điện mặt trời Phong Điền mở rộng",
        "Tập đoàn năng lượng Nhật Bản",
        "Nhật Bản",
        "Năng lượng",
        35_500_000,
        "USD",
        "Huyện Phong Điền",
        "45",
        "building",
        "2023-10-10",
        "Nhà máy điện mặt trời công suất 50 MWp đấu nối lưới điện quốc gia.",
    ),
    (
        "benh-vien-quoc-te-hue",
        "Bệnh viện quốc tế Huế - Pháp",
        "Liên doanh y tế Việt - Pháp",
        "Pháp",
        "Giáo dục, y tế",
        450_000_000_000,
        "VND",
        "Phường An Cựu, thành phố Huế",
        "2.1",
        "licensed",
        "2024-05-20",
        "Bệnh viện đa khoa 200 giường theo tiêu chuẩn quốc tế, đào tạo bác sĩ nội trú.",
    ),
    (
        "cang-chan-may-ben-so-4",
        "Bến số 4 cảng Chân Mây",
        "",
        "",
        "Hạ tầng khu kinh tế",
        1_200_000_000_000,
        "VND",
        "Cảng Chân Mây, huyện Phú Lộc",
        "18",
        "proposed",
        "",
        "Dự án kêu gọi đầu tư: bến tổng hợp tiếp nhận tàu 50.000 tấn và tàu khách quốc tế.",
    ),
]


def ensure_demo_investment() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    sectors = {}
    for order, (name_vi, name_en) in enumerate(SECTORS):
        sectors[name_vi], _ = Sector.objects.get_or_create(
            name_vi=name_vi, defaults={"name_en": name_en, "sort_order": order}
        )
    index = InvestmentIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    for (
        slug,
        title,
        investor,
        country,
        sector,
        capital,
        currency,
        location,
        area,
        status,
        licensed,
        summary,
    ) in PROJECTS:
        project = InvestmentProjectPage.objects.child_of(index).filter(slug=slug).first()
        if project is None:
            licence_date = dt.date.fromisoformat(licensed) if licensed else None
            project = index.add_child(
                instance=InvestmentProjectPage(
                    title=title,
                    slug=slug,
                    investor=investor,
                    country=Country.objects.filter(name_vi=country).first(),
                    sector=sectors[sector],
                    capital=capital,
                    currency=currency,
                    location=location,
                    area_hectares=area,
                    status=status,
                    licence_date=licence_date,
                    licence_number=f"{zlib.crc32(slug.encode()) % 9000 + 1000}/GCNĐKĐT" if licence_date else "",
                    summary=summary,
                    first_published_at=timezone.now() - dt.timedelta(days=30 + len(slug)),
                )
            )
            project.save_revision().publish()
        if slug == "khu-nghi-duong-lang-co" and not project.get_translations().filter(locale=en).exists():
            translation = project.copy_for_translation(en).specific
            translation.title = "Lang Co seaside resort"
            translation.summary = "Hotels, villas, a golf course and a conference centre by the sea."
            translation.save_revision().publish()
