"""Demo albums of the Department's activities, with images drawn on the spot (no stock photos)."""

import datetime as dt
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from portal.albums.models import AlbumImage, AlbumIndexPage, AlbumPage
from portal.demo.images import demo_picture
from portal.units.models import Unit

ALBUMS = [
    {
        "slug": "don-doan-cong-tac-thanh-pho-rennes",
        "days_ago": 17,
        "title": "Đón đoàn công tác thành phố Rennes (Pháp)",
        "place": "Trụ sở UBND tỉnh và Kinh thành Huế",
        "description": "Lãnh đạo tỉnh và Sở Ngoại vụ đón đoàn công tác thành phố Rennes sang làm việc về dự án bảo "
        "tồn di sản và quy hoạch đô thị trong khuôn khổ thỏa thuận hợp tác phi tập trung.",
        "photographer": "Bảo Ngọc",
        "unit": "hop-tac-quoc-te",
        "captions": [
            "Lễ đón đoàn tại trụ sở UBND tỉnh",
            "Hai bên trao đổi về dự án bảo tồn di sản",
            "Đoàn tham quan Kinh thành Huế",
            "Trao quà lưu niệm",
            "Chụp ảnh lưu niệm trước Ngọ Môn",
            "Làm việc với Trung tâm Bảo tồn Di tích Cố đô",
            "Khảo sát tuyến xe buýt điện trong Kinh thành",
            "Tiễn đoàn tại sân bay Phú Bài",
        ],
        "en": {
            "title": "Welcoming the delegation of Rennes (France)",
            "description": "The province's and the Department's leaders welcomed a delegation from Rennes working "
            "on heritage conservation and urban planning under the decentralised cooperation agreement.",
        },
    },
    {
        "slug": "hoi-thao-cong-doan-so-ngoai-vu",
        "days_ago": 25,
        "title": "Hội thao Công đoàn Sở Ngoại vụ",
        "place": "Nhà thi đấu Thể dục thể thao tỉnh",
        "description": "Công đoàn Sở tổ chức hội thao chào mừng ngày thành lập ngành với các môn cầu lông, bóng bàn, "
        "kéo co và chạy tiếp sức.",
        "photographer": "Công đoàn Sở",
        "unit": "cong-doan",
        "captions": [
            "Khai mạc hội thao",
            "Thi đấu cầu lông đôi nam nữ",
            "Kéo co giữa các phòng",
            "Chạy tiếp sức",
            "Trao giải cho các đội",
            "Ban tổ chức và vận động viên",
        ],
    },
    {
        "slug": "chi-doan-tinh-nguyen-a-luoi",
        "days_ago": 70,
        "title": "Chi đoàn Sở Ngoại vụ tình nguyện tại xã biên giới A Lưới",
        "place": "Xã Hồng Thủy, huyện A Lưới",
        "description": "Đoàn viên thanh niên Sở Ngoại vụ trao quà, sửa sang điểm trường và giao lưu văn nghệ với học "
        "sinh xã biên giới Hồng Thủy.",
        "photographer": "Chi đoàn Sở Ngoại vụ",
        "unit": "doan-thanh-nien",
        "captions": [
            "Trao quà cho học sinh điểm trường",
            "Sơn sửa phòng học",
            "Giao lưu văn nghệ",
            "Tặng sách cho thư viện trường",
            "Đoàn viên cùng thầy cô điểm trường",
            "Chia tay bà con xã Hồng Thủy",
        ],
    },
    {
        "slug": "ngay-hoi-giao-luu-van-hoa-quoc-te",
        "days_ago": 140,
        "title": "Ngày hội giao lưu văn hóa quốc tế tại Huế",
        "place": "Công viên Thương Bạc, thành phố Huế",
        "description": "Sinh viên quốc tế, cộng đồng người nước ngoài và người dân Huế cùng tham gia gian hàng ẩm "
        "thực, trình diễn trang phục truyền thống và biểu diễn nghệ thuật.",
        "photographer": "Trung tâm Dịch vụ Đối ngoại",
        "unit": "ttdvdn",
        "captions": [
            "Trình diễn áo dài và trang phục truyền thống",
            "Gian hàng ẩm thực của sinh viên Lào",
            "Biểu diễn múa Hàn Quốc",
            "Du khách thưởng thức ca Huế",
            "Giao lưu giữa sinh viên quốc tế",
            "Bế mạc ngày hội",
            "Tình nguyện viên của Trung tâm Dịch vụ Đối ngoại",
            "Toàn cảnh ngày hội bên sông Hương",
        ],
        "en": {
            "title": "International cultural exchange day in Hue",
            "description": "International students, foreign residents and the people of Hue shared food stalls, "
            "traditional costume shows and performances.",
        },
    },
]


def _image(seed: str, description: str):
    Image = get_image_model()
    title = f"album-{seed}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = BytesIO(demo_picture(seed, size=(1200, 800)))
    return Image.objects.create(title=title, description=description, file=ImageFile(data, name=f"{seed}.jpg"))


def ensure_demo_albums() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = AlbumIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    units = {unit.code: unit for unit in Unit.objects.all()}
    for data in ALBUMS:
        album = AlbumPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if album is None:
            published = timezone.now() - dt.timedelta(days=data["days_ago"])
            images = [
                AlbumImage(image=_image(f"{data['slug']}-{number}", caption), caption=caption)
                for number, caption in enumerate(data["captions"], start=1)
            ]
            album = index.add_child(
                instance=AlbumPage(
                    title=data["title"],
                    slug=data["slug"],
                    event_date=(published - dt.timedelta(days=1)).date(),
                    place=data["place"],
                    description=data["description"],
                    photographer=data["photographer"],
                    unit=units.get(data["unit"]),
                    cover=images[0].image,
                    images=images,
                    first_published_at=published,
                )
            )
            album.save_revision().publish()
        if data.get("en") and not album.get_translations().filter(locale=en).exists():
            translation = album.copy_for_translation(en).specific
            translation.title = data["en"]["title"]
            translation.description = data["en"]["description"]
            translation.first_published_at = album.first_published_at + dt.timedelta(hours=20)
            translation.save_revision().publish()
