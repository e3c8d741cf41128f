"""Synthetic bilingual items, by the hundred thousand, for load tests and demos at scale.

Two halves that know nothing of each other's business:

- *Composing* (no database): a seeded random generator picks a kind of item for the category
  (news, official document, work programme, legal text, ...), fills paired Vietnamese/English
  templates with foreign-affairs vocabulary, and returns plain text: the same choices fill both
  languages, so the English version reads as a translation of the Vietnamese one.
- *Storing*: live ArticlePages written in bulk. `add_child` and `save_revision` cost a dozen
  queries per page; here the treebeard paths are computed in Python, the `wagtailcore_page` rows
  go in with one `bulk_create` per batch and the `news_articlepage` rows with one `executemany`,
  then the parents' `numchild` is recounted and the batch is indexed. The texts to index come from
  the search fields (`FoldedSearchField.get_value` folds Vietnamese in Python); on PostgreSQL the
  vectors are then made by one INSERT per batch, and the full-text indexes take the rows through
  their pending list, merged once at the end (`bulk_index_writes`). Each batch is composed and
  prepared without a query.

Applications for the agency's procedures: `portal.demo.synthetic_applications`.

Nothing here fires page signals: synthetic items create no revisions, royalties or audit entries.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.search.backends.database.postgres.postgres import ObjectIndexer, PostgresSearchBackend
from wagtail.search.models import IndexEntry

from portal.core.models import AgencySettings, default_agency
from portal.core.page_cache import bump_generation
from portal.core.text import fold
from portal.core.tree import any_subtree_q, site_home_paths
from portal.news.models import ArticlePage, SectionPage
from portal.units.models import Unit
from portal.units.roles import agency_collection

# ---------------------------------------------------------------------------------------------
# Composing: vocabulary and templates
# ---------------------------------------------------------------------------------------------

Pair = tuple[str, str]  # (Vietnamese, English)

# Countries with a locality the province works with and a guest who could visit from there.
PARTNERS: list[tuple[Pair, Pair, Pair]] = [
    (("Nhật Bản", "Japan"), ("tỉnh Kumamoto", "Kumamoto Prefecture"), ("ông Tanaka Hiroshi", "Mr Tanaka Hiroshi")),
    (("Hàn Quốc", "the Republic of Korea"), ("thành phố Gimpo", "Gimpo City"), ("ông Kim Sung-min", "Mr Kim Sung-min")),
    (("Lào", "Laos"), ("tỉnh Sa-la-van", "Salavan Province"), ("ông Khăm-phăn Phôm-ma-xạc", "Mr Khamphan Phommasak")),
    (("Pháp", "France"), ("thành phố Blois", "the city of Blois"), ("bà Claire Dubois", "Ms Claire Dubois")),
    (
        ("Hoa Kỳ", "the United States"),
        ("bang Oregon", "the State of Oregon"),
        ("ông Michael Carter", "Mr Michael Carter"),
    ),
    (("Ô-xtrây-li-a", "Australia"), ("bang Nam Úc", "South Australia"), ("bà Sarah Mitchell", "Ms Sarah Mitchell")),
    (("Đức", "Germany"), ("bang Sachsen", "Saxony"), ("ông Klaus Weber", "Mr Klaus Weber")),
    (
        ("Thái Lan", "Thailand"),
        ("tỉnh U-đon Tha-ni", "Udon Thani Province"),
        ("ông Somchai Wongsawat", "Mr Somchai Wongsawat"),
    ),
    (
        ("Trung Quốc", "China"),
        ("khu tự trị dân tộc Choang Quảng Tây", "Guangxi"),
        ("ông Vương Kiến Quốc", "Mr Wang Jianguo"),
    ),
    (("Xin-ga-po", "Singapore"), ("Xin-ga-po", "Singapore"), ("bà Tan Mei Ling", "Ms Tan Mei Ling")),
    (("Cam-pu-chia", "Cambodia"), ("tỉnh Xiêm Riệp", "Siem Reap Province"), ("ông Sok Vanna", "Mr Sok Vanna")),
    (("Ấn Độ", "India"), ("bang Gujarat", "Gujarat"), ("ông Rajesh Kumar", "Mr Rajesh Kumar")),
    (
        ("Liên bang Nga", "the Russian Federation"),
        ("thành phố Ka-dan", "Kazan"),
        ("ông Sergei Ivanov", "Mr Sergei Ivanov"),
    ),
    (("Ca-na-đa", "Canada"), ("tỉnh bang Québec", "Quebec"), ("bà Marie Tremblay", "Ms Marie Tremblay")),
    (("Niu Di-lân", "New Zealand"), ("thành phố Wellington", "Wellington"), ("ông James Wilson", "Mr James Wilson")),
    (("I-ta-li-a", "Italy"), ("thành phố Florence", "Florence"), ("ông Marco Rossi", "Mr Marco Rossi")),
    (("Bỉ", "Belgium"), ("vùng Wallonie", "Wallonia"), ("ông Luc Janssens", "Mr Luc Janssens")),
    (("Hà Lan", "the Netherlands"), ("thành phố Utrecht", "Utrecht"), ("bà Anna de Vries", "Ms Anna de Vries")),
    (("Phần Lan", "Finland"), ("thành phố Oulu", "Oulu"), ("ông Mikko Virtanen", "Mr Mikko Virtanen")),
    (("In-đô-nê-xi-a", "Indonesia"), ("tỉnh Trung Java", "Central Java"), ("ông Budi Santoso", "Mr Budi Santoso")),
    (("Ma-lai-xi-a", "Malaysia"), ("bang Pê-nang", "Penang"), ("ông Ahmad Razak", "Mr Ahmad Razak")),
    (
        ("Vương quốc Anh", "the United Kingdom"),
        ("thành phố Manchester", "Manchester"),
        ("bà Emma Clarke", "Ms Emma Clarke"),
    ),
]
LAO_PROVINCES: list[Pair] = [
    ("tỉnh Sê Kông", "Sekong Province"),
    ("tỉnh Sa-la-van", "Salavan Province"),
    ("tỉnh Xa-vẳn-na-khệt", "Savannakhet Province"),
    ("tỉnh Chăm-pa-xắc", "Champasak Province"),
    ("tỉnh Át-tạ-pư", "Attapeu Province"),
]
BORDER_COMMUNES: list[Pair] = [
    ("xã Hồng Thủy", "Hong Thuy commune"),
    ("xã A Roàng", "A Roang commune"),
    ("xã Hồng Vân", "Hong Van commune"),
    ("xã Hồng Kim", "Hong Kim commune"),
    ("xã Trung Sơn", "Trung Son commune"),
]
VENUES: list[Pair] = [
    ("Huế", "Hue"),
    ("Hà Nội", "Ha Noi"),
    ("Đà Nẵng", "Da Nang"),
    ("Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
    ("Quảng Trị", "Quang Tri"),
]
DISTRICTS: list[Pair] = [
    ("thành phố Huế", "Hue city"),
    ("thị xã Hương Thủy", "Huong Thuy town"),
    ("thị xã Hương Trà", "Huong Tra town"),
    ("huyện A Lưới", "A Luoi district"),
    ("huyện Phú Lộc", "Phu Loc district"),
    ("huyện Phong Điền", "Phong Dien district"),
    ("huyện Quảng Điền", "Quang Dien district"),
    ("huyện Phú Vang", "Phu Vang district"),
    ("huyện Nam Đông", "Nam Dong district"),
    ("Khu kinh tế Chân Mây - Lăng Cô", "the Chan May - Lang Co Economic Zone"),
]
FIELDS: list[Pair] = [
    ("giáo dục và đào tạo", "education and training"),
    ("y tế", "health care"),
    ("du lịch", "tourism"),
    ("bảo tồn di sản văn hóa", "heritage conservation"),
    ("đầu tư", "investment"),
    ("nông nghiệp công nghệ cao", "high-tech agriculture"),
    ("chuyển đổi số", "digital transformation"),
    ("ứng phó với biến đổi khí hậu", "climate change adaptation"),
    ("thương mại", "trade"),
    ("năng lượng tái tạo", "renewable energy"),
    ("đào tạo nguồn nhân lực", "human resource development"),
    ("khắc phục hậu quả bom mìn", "unexploded ordnance clearance"),
    ("quy hoạch đô thị", "urban planning"),
    ("bảo vệ môi trường", "environmental protection"),
]
HOSTS: list[Pair] = [
    ("Lãnh đạo Sở Ngoại vụ", "the Department's leaders"),
    ("Giám đốc Sở Ngoại vụ", "the Director of the Department"),
    ("Phó Giám đốc Sở Ngoại vụ", "the Deputy Director of the Department"),
    ("Chủ tịch UBND tỉnh", "the Chairman of the Provincial People's Committee"),
    ("Phó Chủ tịch UBND tỉnh", "the Vice Chairman of the Provincial People's Committee"),
]
GUEST_ROLES: list[Pair] = [  # filled with the partner country
    ("Đại sứ {partner} tại Việt Nam", "the Ambassador of {partner} to Viet Nam"),
    ("Tổng Lãnh sự {partner} tại Đà Nẵng", "the Consul General of {partner} in Da Nang"),
    ("Tổng Lãnh sự {partner} tại Thành phố Hồ Chí Minh", "the Consul General of {partner} in Ho Chi Minh City"),
    ("đoàn công tác {locality}", "a delegation from {locality}"),
    ("Tham tán Thương mại Đại sứ quán {partner}", "the Commercial Counsellor of the Embassy of {partner}"),
]
ORGANISATIONS: list[Pair] = [
    ("Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)", "the Japan International Cooperation Agency (JICA)"),
    ("Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)", "the Korea International Cooperation Agency (KOICA)"),
    ("Tổ chức Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc (UNESCO)", "UNESCO"),
    ("Quỹ Nhi đồng Liên Hợp Quốc (UNICEF)", "UNICEF"),
    ("Tổ chức Tầm nhìn Thế giới", "World Vision"),
    ("Tổ chức Đông Tây Hội ngộ", "the East Meets West Foundation"),
    ("Cơ quan Phát triển Pháp (AFD)", "the French Development Agency (AFD)"),
    ("Ngân hàng Thế giới", "the World Bank"),
    ("Tổ chức Plan International", "Plan International"),
    ("Hội Chữ thập đỏ Đức", "the German Red Cross"),
]
LAW_SUBJECTS: list[Pair] = [
    ("quản lý đoàn ra, đoàn vào", "the management of delegations going abroad and coming in"),
    ("tổ chức hội nghị, hội thảo quốc tế tại Việt Nam", "international conferences and workshops held in Viet Nam"),
    ("quản lý và sử dụng viện trợ phi chính phủ nước ngoài", "the management and use of foreign non-governmental aid"),
    ("cấp thẻ đi lại của doanh nhân APEC", "the APEC Business Travel Card"),
    ("hoạt động thông tin, báo chí của phóng viên nước ngoài", "press activities of foreign correspondents"),
    ("bảo hộ công dân Việt Nam ở nước ngoài", "the protection of Vietnamese citizens abroad"),
    ("quản lý biên giới quốc gia", "the management of the national border"),
    ("chứng nhận lãnh sự, hợp pháp hóa lãnh sự", "consular certification and legalisation"),
    ("ký kết và thực hiện thỏa thuận quốc tế", "the conclusion and implementation of international agreements"),
    ("công tác người Việt Nam ở nước ngoài", "relations with Vietnamese people living abroad"),
]
CONSULAR_SERVICES: list[Pair] = [
    ("hợp pháp hóa lãnh sự", "consular legalisation"),
    ("chứng nhận lãnh sự", "consular certification"),
    ("cho phép sử dụng thẻ ABTC", "the APEC Business Travel Card (ABTC)"),
    ("xin phép tổ chức hội nghị, hội thảo quốc tế", "permission to hold an international conference"),
    ("tiếp nhận viện trợ phi chính phủ nước ngoài", "receiving foreign non-governmental aid"),
]
DOCUMENT_SUBJECTS: list[Pair] = [
    (
        "tham gia ý kiến dự thảo Đề án hội nhập quốc tế của tỉnh",
        "comments on the draft scheme for the province's international integration",
    ),
    ("báo cáo tình hình đoàn ra, đoàn vào quý {quarter}", "the report on delegations for quarter {quarter}"),
    ("đôn đốc cung cấp tin bài cho Trang thông tin điện tử", "reminding units to supply items for the website"),
    ("chuẩn bị đón tiếp đoàn công tác {locality}", "preparations for the visit of a delegation from {locality}"),
    ("rà soát các thỏa thuận quốc tế đã ký kết", "reviewing the international agreements in force"),
    ("chuẩn bị nội dung làm việc với {org}", "preparing the meeting with {org}"),
]
REGULATIONS: list[Pair] = [
    ("Quy chế làm việc của Sở Ngoại vụ", "the Department's working regulations"),
    ("Quy chế quản lý Trang thông tin điện tử Sở Ngoại vụ", "the regulations of the Department's website"),
    ("Quy định chi trả nhuận bút, thù lao", "the rules on royalties and fees"),
    ("Quy chế chi tiêu nội bộ năm {year}", "the internal spending rules for {year}"),
    ("Quy tắc ứng xử của công chức, viên chức", "the code of conduct of civil servants"),
]
TASKS: list[Pair] = [
    ("công tác cải cách hành chính", "administrative reform"),
    ("công tác thông tin đối ngoại", "external information work"),
    ("công tác phòng, chống tham nhũng", "the fight against corruption"),
    ("công tác bảo hộ công dân", "the protection of citizens"),
    ("chuyển đổi số", "digital transformation"),
    ("công tác phổ biến, giáo dục pháp luật", "legal education"),
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Tôn Nữ",
    "Nguyễn Phước",
    "Trương",
    "Vĩnh",
]
GIVEN_NAMES = [
    "Minh Đức",
    "Thu Thảo",
    "Thanh Hương",
    "Ngọc Lan",
    "Quang Huy",
    "Bảo Ngọc",
    "Thanh Tâm",
    "Khánh Linh",
    "Hoài Phương",
    "Thúy Hà",
    "Đăng Khoa",
    "Nhật Minh",
    "Diệu Linh",
    "Hữu Phước",
    "Kim Chi",
    "Xuân Phương",
]
SOURCES: list[tuple[str, str]] = [
    ("Báo Thừa Thiên Huế", "baothuathienhue.vn"),
    ("Cổng Thông tin điện tử Chính phủ", "chinhphu.vn"),
    ("Bộ Ngoại giao", "mofa.gov.vn"),
    ("Báo Thế giới và Việt Nam", "baoquocte.vn"),
    ("Thông tấn xã Việt Nam", "vnanet.vn"),
]


@dataclass(frozen=True)
class Template:
    """One kind of headline with its opening sentence, in both languages."""

    title: Pair
    lead: Pair


@dataclass(frozen=True)
class Kind:
    """How items of a category read: their headlines, sentences and sub-headings."""

    templates: list[Template]
    sentences: list[Pair]
    headings: list[Pair] = field(default_factory=list)
    closing: list[Pair] = field(default_factory=list)  # one of these ends the body
    quotes: bool = False  # news often quotes a guest; documents never do
    schedule: bool = False  # work programmes list their days


def _t(title_vi: str, title_en: str, lead_vi: str, lead_en: str) -> Template:
    return Template((title_vi, title_en), (lead_vi, lead_en))


CLOSING_SENTENCES: list[Pair] = [
    (
        "Thời gian tới, Sở Ngoại vụ sẽ tiếp tục tham mưu UBND tỉnh triển khai hiệu quả công tác đối ngoại, góp phần "
        "phát triển kinh tế - xã hội của địa phương.",
        "The Department will keep advising the Provincial People's Committee on external relations that serve the "
        "province's economic and social development.",
    ),
    (
        "Sở Ngoại vụ là đầu mối, phối hợp với các sở, ban, ngành liên quan theo dõi, đôn đốc việc triển khai các nội "
        "dung đã thống nhất.",
        "The Department of Foreign Affairs will coordinate with the relevant agencies and follow up on what was "
        "agreed.",
    ),
    (
        "Đây là hoạt động thiết thực nhằm cụ thể hóa Chương trình hành động thực hiện chiến lược đối ngoại của tỉnh "
        "giai đoạn {period}.",
        "This is a concrete step of the province's action programme on external relations for {period}.",
    ),
]
QUOTE: Pair = (
    "Chúng tôi mong muốn quan hệ hợp tác giữa {locality} và Thừa Thiên Huế ngày càng thực chất, hiệu quả, nhất là "
    "trong lĩnh vực {field}.",
    "We want the cooperation between {locality} and Thua Thien Hue to become ever more substantial, especially in "
    "{field}.",
)
NEWS = Kind(
    templates=[
        _t(
            "{host} tiếp {guest}",
            "{host} receives {guest}",
            "Ngày {date}, tại trụ sở Sở Ngoại vụ, {host} đã tiếp và làm việc với {guest_person}, {guest}, nhân "
            "chuyến thăm và làm việc tại tỉnh Thừa Thiên Huế.",
            "On {date}, {host} received {guest_person}, {guest}, at the Department of Foreign Affairs during a "
            "working visit to Thua Thien Hue.",
        ),
        _t(
            "{host} làm việc với {guest} về hợp tác trong lĩnh vực {field}",
            "{host} meets {guest} on cooperation in {field}",
            "Ngày {date}, {host} đã có buổi làm việc với {guest} nhằm thúc đẩy hợp tác giữa Thừa Thiên Huế và "
            "{partner} trong lĩnh vực {field}.",
            "On {date}, {host} met {guest} to take forward cooperation between Thua Thien Hue and {partner} in "
            "{field}.",
        ),
        _t(
            "Hội nghị xúc tiến đầu tư, du lịch Thừa Thiên Huế tại {partner}",
            "Thua Thien Hue investment and tourism promotion conference in {partner}",
            "Ngày {date}, UBND tỉnh Thừa Thiên Huế phối hợp với Đại sứ quán Việt Nam tại {partner} tổ chức hội "
            "nghị giới thiệu tiềm năng, cơ hội đầu tư và du lịch của tỉnh.",
            "On {date}, the Provincial People's Committee and the Embassy of Viet Nam in {partner} held a conference "
            "presenting the province's investment and tourism opportunities.",
        ),
        _t(
            "Hội thảo quốc tế về {field} tổ chức tại {venue}",
            "International workshop on {field} held in {venue}",
            "Ngày {date}, tại {venue}, Sở Ngoại vụ phối hợp với {org} tổ chức hội thảo quốc tế về {field} với sự "
            "tham gia của hơn {people} đại biểu.",
            "On {date}, in {venue}, the Department and {org} held an international workshop on {field} attended "
            "by more than {people} participants.",
        ),
        _t(
            "Thừa Thiên Huế và {locality} ký biên bản ghi nhớ hợp tác về {field}",
            "Thua Thien Hue and {locality} sign a memorandum of understanding on {field}",
            "Ngày {date}, tại {venue}, lãnh đạo tỉnh Thừa Thiên Huế và {locality} ({partner}) đã ký biên bản ghi "
            "nhớ hợp tác giai đoạn {period}, tập trung vào lĩnh vực {field}.",
            "On {date}, in {venue}, the leaders of Thua Thien Hue and {locality} ({partner}) signed a memorandum "
            "of understanding for {period}, focused on {field}.",
        ),
        _t(
            "Đoàn công tác tỉnh Thừa Thiên Huế thăm và làm việc tại {partner}",
            "A Thua Thien Hue delegation visits {partner}",
            "Từ ngày {date}, đoàn công tác tỉnh Thừa Thiên Huế do {host} dẫn đầu đã thăm và làm việc tại "
            "{locality}, {partner}.",
            "From {date}, a Thua Thien Hue delegation led by {host} visited {locality}, {partner}.",
        ),
        _t(
            "{org} tài trợ dự án {field} tại {district}",
            "{org} funds a {field} project in {district}",
            "Ngày {date}, Sở Ngoại vụ phối hợp với {org} và UBND {district} khởi động dự án hỗ trợ {field} với "
            "tổng kinh phí {budget} tỷ đồng.",
            "On {date}, the Department, {org} and the People's Committee of {district} launched a {field} project "
            "worth {budget} billion dong.",
        ),
        _t(
            "Giao lưu hữu nghị nhân dân Việt Nam - {partner} tại Huế",
            "Viet Nam - {partner} friendship exchange in Hue",
            "Tối {date}, tại Huế, Liên hiệp các tổ chức hữu nghị tỉnh phối hợp với Sở Ngoại vụ tổ chức chương "
            "trình giao lưu hữu nghị nhân dân Việt Nam - {partner}.",
            "On the evening of {date}, the provincial Union of Friendship Organisations and the Department held a "
            "Viet Nam - {partner} friendship evening in Hue.",
        ),
        _t(
            "Khai mạc Tuần văn hóa {partner} tại Huế",
            "Culture week of {partner} opens in Hue",
            "Ngày {date}, Tuần văn hóa {partner} tại Huế chính thức khai mạc với nhiều hoạt động triển lãm, biểu "
            "diễn nghệ thuật và ẩm thực.",
            "On {date}, the culture week of {partner} opened in Hue with exhibitions, performances and food.",
        ),
        _t(
            "Sơ kết công tác đối ngoại 6 tháng đầu năm {year}",
            "External relations in the first half of {year} reviewed",
            "Ngày {date}, Sở Ngoại vụ tổ chức hội nghị sơ kết công tác đối ngoại 6 tháng đầu năm {year} và triển "
            "khai nhiệm vụ 6 tháng cuối năm.",
            "On {date}, the Department reviewed the province's external relations in the first half of {year} and "
            "set the tasks for the rest of the year.",
        ),
        _t(
            "Trao quà cho người dân {district} từ nguồn viện trợ của {org}",
            "Gifts from {org} for the people of {district}",
            "Ngày {date}, {org} phối hợp với Sở Ngoại vụ trao {people} suất quà cho các hộ gia đình có hoàn cảnh "
            "khó khăn tại {district}.",
            "On {date}, {org} and the Department handed {people} gift packages to families in need in {district}.",
        ),
    ],
    sentences=[
        (
            "Tại buổi làm việc, hai bên đã trao đổi về kết quả hợp tác thời gian qua và thống nhất nhiều nội dung hợp "
            "tác trong thời gian tới.",
            "The two sides reviewed the results of their cooperation and agreed on several areas for the coming "
            "period.",
        ),
        (
            "{host} đánh giá cao sự hỗ trợ của {partner} đối với tỉnh Thừa Thiên Huế, đặc biệt trong lĩnh vực {field}.",
            "{host} thanked {partner} for its support to Thua Thien Hue, especially in {field}.",
        ),
        (
            "Thừa Thiên Huế mong muốn mở rộng hợp tác với các địa phương của {partner} trong các lĩnh vực {field}, "
            "{field2} và giao lưu nhân dân.",
            "Thua Thien Hue hopes to widen its cooperation with localities of {partner} in {field}, {field2} and "
            "people-to-people exchanges.",
        ),
        (
            "Đến nay, tỉnh đã thiết lập quan hệ hợp tác với hơn {partners} địa phương và tổ chức nước ngoài.",
            "The province now cooperates with more than {partners} foreign localities and organisations.",
        ),
        (
            "Trong năm {year}, giá trị viện trợ phi chính phủ nước ngoài giải ngân trên địa bàn tỉnh đạt khoảng {aid} "
            "triệu USD.",
            "In {year}, foreign non-governmental aid disbursed in the province reached about {aid} million US dollars.",
        ),
        (
            "{guest_person} khẳng định sẽ là cầu nối để thúc đẩy quan hệ giữa {locality} và Thừa Thiên Huế ngày càng "
            "phát triển.",
            "{guest_person} promised to be a bridge for closer relations between {locality} and Thua Thien Hue.",
        ),
        (
            "Dự án được triển khai tại {district} trong thời gian {months} tháng, ưu tiên người dân vùng sâu, vùng xa.",
            "The project runs for {months} months in {district}, with priority for people in remote areas.",
        ),
        (
            "Các đại biểu đã thảo luận về kinh nghiệm quốc tế trong lĩnh vực {field} và đề xuất nhiều giải pháp "
            "phù hợp với điều kiện của Thừa Thiên Huế.",
            "Participants discussed international experience in {field} and proposed solutions suited to Thua Thien "
            "Hue.",
        ),
        (
            "Nhân dịp này, hai bên đã trao đổi quà lưu niệm và chụp ảnh lưu niệm.",
            "The two sides exchanged souvenirs and posed for a group photograph.",
        ),
        (
            "Huế, với Quần thể di tích Cố đô đã được UNESCO công nhận là Di sản Văn hóa Thế giới, là điểm đến hấp dẫn "
            "đối với du khách {partner}.",
            "Hue, whose Complex of Hue Monuments is a UNESCO World Heritage Site, is a popular destination for "
            "visitors from {partner}.",
        ),
        (
            "Năm {year}, lượng khách du lịch {partner} đến Huế tăng khoảng {growth}% so với cùng kỳ.",
            "In {year} the number of tourists from {partner} visiting Hue rose by about {growth}% year on year.",
        ),
        (
            "Ban Tổ chức cho biết chương trình sẽ được duy trì hằng năm nhằm tăng cường hiểu biết và tình hữu nghị "
            "giữa nhân dân hai nước.",
            "The organisers said the programme will be held every year to strengthen understanding and friendship "
            "between the two peoples.",
        ),
        (
            "{host} đề nghị các doanh nghiệp {partner} quan tâm nghiên cứu, đầu tư vào Khu kinh tế Chân Mây - Lăng Cô "
            "và các khu công nghiệp của tỉnh.",
            "{host} invited businesses from {partner} to consider investing in the Chan May - Lang Co Economic Zone "
            "and the province's industrial parks.",
        ),
        (
            "Theo kế hoạch, các hoạt động hợp tác về {field} sẽ được triển khai tại {district} từ quý {quarter} năm "
            "{next_year}.",
            "Cooperation activities in {field} are planned to start in {district} in quarter {quarter} of {next_year}.",
        ),
        (
            "Hiện có khoảng {people} công dân {partner} đang sinh sống, học tập và làm việc tại Thừa Thiên Huế.",
            "About {people} citizens of {partner} live, study or work in Thua Thien Hue.",
        ),
        (
            "Hai bên thống nhất giao các cơ quan chuyên môn xây dựng kế hoạch chi tiết, trình lãnh đạo hai địa phương "
            "trước ngày {deadline}.",
            "The two sides asked their services to draw up a detailed plan for the leaders of both localities before "
            "{deadline}.",
        ),
    ],
    closing=CLOSING_SENTENCES,
    headings=[
        ("Tăng cường hợp tác trong lĩnh vực {field}", "Closer cooperation in {field}"),
        ("Nhiều kết quả tích cực", "Encouraging results"),
        ("Định hướng thời gian tới", "Next steps"),
        ("Thúc đẩy giao lưu nhân dân", "People-to-people exchanges"),
    ],
    quotes=True,
)
DOCUMENT = Kind(
    templates=[
        _t(
            "Công văn số {number}/SNgV-{office} về việc {subject}",
            "Official letter No. {number}/SNgV-{office} on {subject}",
            "Ngày {date}, Sở Ngoại vụ ban hành Công văn số {number}/SNgV-{office} về việc {subject}.",
            "On {date}, the Department issued official letter No. {number}/SNgV-{office} on {subject}.",
        ),
        _t(
            "Quyết định số {number}/QĐ-SNgV ban hành {regulation}",
            "Decision No. {number}/QD-SNgV issuing {regulation}",
            "Ngày {date}, Giám đốc Sở Ngoại vụ ký Quyết định số {number}/QĐ-SNgV ban hành {regulation}, có hiệu lực "
            "kể từ ngày ký.",
            "On {date}, the Director signed Decision No. {number}/QD-SNgV issuing {regulation}, in force from the "
            "date of signature.",
        ),
        _t(
            "Kế hoạch số {number}/KH-SNgV triển khai {task} năm {year}",
            "Plan No. {number}/KH-SNgV on {task} in {year}",
            "Ngày {date}, Sở Ngoại vụ ban hành Kế hoạch số {number}/KH-SNgV triển khai {task} năm {year}.",
            "On {date}, the Department issued Plan No. {number}/KH-SNgV on {task} in {year}.",
        ),
    ],
    sentences=[
        (
            "Văn bản được gửi đến các phòng, đơn vị thuộc Sở để triển khai thực hiện.",
            "The document was sent to every division and unit of the Department for action.",
        ),
        (
            "Các phòng, đơn vị báo cáo kết quả thực hiện về Văn phòng Sở trước ngày {deadline}.",
            "Divisions and units report on what they have done to the Department's Office before {deadline}.",
        ),
        (
            "Giao Văn phòng Sở theo dõi, đôn đốc và tổng hợp báo cáo Giám đốc Sở.",
            "The Department's Office follows up and reports to the Director.",
        ),
        (
            "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Sở Ngoại vụ qua số điện thoại "
            "0234.38{phone} để được hướng dẫn.",
            "Units with questions may call the Department on 0234.38{phone} for guidance.",
        ),
        (
            "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước năm {year} giao cho Sở Ngoại vụ.",
            "The work is funded from the Department's {year} state budget allocation.",
        ),
    ],
    closing=[("Toàn văn văn bản được đăng kèm theo tin này.", "The full text is attached to this item.")],
)
PROGRAMME = Kind(
    templates=[
        _t(
            "Lịch công tác tuần {week} năm {year} của Lãnh đạo Sở",
            "Department leaders' schedule, week {week} of {year}",
            "Văn phòng Sở Ngoại vụ thông báo lịch công tác tuần {week} năm {year} của Lãnh đạo Sở.",
            "The Department's Office publishes the leaders' schedule for week {week} of {year}.",
        ),
        _t(
            "Chương trình công tác tháng {month} năm {year}",
            "Work programme for {month_name} {year}",
            "Sở Ngoại vụ ban hành chương trình công tác tháng {month} năm {year}.",
            "The Department has issued its work programme for {month_name} {year}.",
        ),
        _t(
            "Chương trình công tác quý {quarter} năm {year}",
            "Work programme for quarter {quarter} of {year}",
            "Sở Ngoại vụ ban hành chương trình công tác quý {quarter} năm {year}.",
            "The Department has issued its work programme for quarter {quarter} of {year}.",
        ),
    ],
    sentences=[
        ("Giám đốc Sở chủ trì họp giao ban Sở.", "The Director chairs the Department's weekly meeting."),
        ("Phó Giám đốc Sở tiếp {guest}.", "The Deputy Director receives {guest}."),
        (
            "Lãnh đạo Sở dự hội nghị về {task} do UBND tỉnh tổ chức.",
            "The leaders attend the Provincial People's Committee's meeting on {task}.",
        ),
        (
            "Làm việc với UBND {district} về công tác đối ngoại.",
            "Meeting with the People's Committee of {district} on external relations.",
        ),
        ("Họp Ban Biên tập Trang thông tin điện tử.", "Meeting of the website's editorial board."),
        (
            "Kiểm tra tiến độ các dự án viện trợ phi chính phủ nước ngoài tại {district}.",
            "Visit to foreign NGO aid projects in {district}.",
        ),
        ("Tiếp công dân định kỳ.", "Regular reception of citizens."),
        (
            "Làm việc với {org} về kế hoạch hợp tác năm {next_year}.",
            "Meeting with {org} on the {next_year} cooperation plan.",
        ),
    ],
    schedule=True,
)
LAW = Kind(
    templates=[
        _t(
            "Nghị định số {law_number}/{year}/NĐ-CP quy định về {law_subject}",
            "Decree No. {law_number}/{year}/ND-CP on {law_subject}",
            "Ngày {date}, Chính phủ ban hành Nghị định số {law_number}/{year}/NĐ-CP quy định về {law_subject}, có "
            "hiệu lực từ ngày {effective}.",
            "On {date}, the Government issued Decree No. {law_number}/{year}/ND-CP on {law_subject}, in force from "
            "{effective}.",
        ),
        _t(
            "Thông tư số {law_number}/{year}/TT-BNG hướng dẫn về {law_subject}",
            "Circular No. {law_number}/{year}/TT-BNG on {law_subject}",
            "Ngày {date}, Bộ Ngoại giao ban hành Thông tư số {law_number}/{year}/TT-BNG hướng dẫn về {law_subject}.",
            "On {date}, the Ministry of Foreign Affairs issued Circular No. {law_number}/{year}/TT-BNG on "
            "{law_subject}.",
        ),
        _t(
            "Những điểm mới của quy định về {law_subject}",
            "What is new in the rules on {law_subject}",
            "Sở Ngoại vụ giới thiệu những điểm mới của quy định về {law_subject} mà các cơ quan, tổ chức, cá nhân cần "
            "lưu ý.",
            "The Department explains what has changed in the rules on {law_subject}.",
        ),
        _t(
            "Kết luận thanh tra việc thực hiện quy định về {law_subject}",
            "Inspection findings on the rules on {law_subject}",
            "Ngày {date}, Bộ phận Thanh tra Sở Ngoại vụ công bố kết luận thanh tra việc thực hiện quy định về "
            "{law_subject} tại một số cơ quan, đơn vị trên địa bàn tỉnh.",
            "On {date}, the Department's inspectors published their findings on how agencies in the province apply "
            "the rules on {law_subject}.",
        ),
    ],
    sentences=[
        (
            "Văn bản gồm {chapters} chương, {articles} điều, quy định rõ trách nhiệm của các cơ quan, tổ chức có liên "
            "quan.",
            "The text has {chapters} chapters and {articles} articles and sets out the duties of each body involved.",
        ),
        (
            "Một trong những điểm mới là việc đơn giản hóa thủ tục, cho phép nộp hồ sơ trực tuyến trên Cổng dịch vụ "
            "công quốc gia.",
            "One change is simpler procedures, with applications accepted online on the National Public Service "
            "Portal.",
        ),
        (
            "Thời hạn giải quyết được rút ngắn còn {days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            "The time limit is cut to {days} working days from receipt of a complete application.",
        ),
        (
            "Sở Ngoại vụ đề nghị các cơ quan, đơn vị trên địa bàn tỉnh nghiên cứu, triển khai thực hiện.",
            "The Department asks agencies in the province to study and apply the new rules.",
        ),
        (
            "Cơ quan chủ quản có trách nhiệm báo cáo định kỳ 6 tháng và hằng năm về Sở Ngoại vụ để tổng hợp, báo cáo "
            "UBND tỉnh.",
            "Each governing body reports every six months and every year to the Department, which reports to the "
            "Provincial People's Committee.",
        ),
        (
            "Qua thanh tra, đoàn đã kiến nghị chấn chỉnh một số thiếu sót trong việc lưu trữ hồ sơ và báo cáo.",
            "The inspectors asked for shortcomings in record-keeping and reporting to be corrected.",
        ),
    ],
    closing=CLOSING_SENTENCES[:1],
)
HANDBOOK = Kind(
    templates=[
        _t(
            "Phong tục, tập quán của {partner}",
            "Customs and traditions of {partner}",
            "Sổ tay lễ tân giới thiệu một số phong tục, tập quán cần biết khi tiếp xúc, làm việc với khách {partner}.",
            "This protocol note describes customs worth knowing when meeting guests from {partner}.",
        ),
        _t(
            "Nghi thức đón tiếp đoàn khách {partner}",
            "Protocol for receiving guests from {partner}",
            "Việc đón tiếp đoàn khách {partner} cần được chuẩn bị chu đáo, đúng nghi thức và phù hợp với thông lệ quốc "
            "tế.",
            "Guests from {partner} should be received with careful preparation and according to international "
            "practice.",
        ),
        _t(
            "Những điều cần lưu ý khi làm việc với đối tác {partner}",
            "Things to keep in mind when working with partners from {partner}",
            "Sở Ngoại vụ tổng hợp một số lưu ý giúp cán bộ, doanh nghiệp làm việc hiệu quả với đối tác {partner}.",
            "The Department has gathered advice for officials and businesses working with partners from {partner}.",
        ),
    ],
    sentences=[
        (
            "Khi đón tiếp, cần chuẩn bị chu đáo về lịch trình, phiên dịch, phương tiện và quà tặng.",
            "Prepare the programme, interpreters, transport and gifts carefully.",
        ),
        (
            "Quà tặng nên mang đậm bản sắc văn hóa Huế, như nón lá, tranh thêu hoặc trà cung đình.",
            "Gifts should reflect Hue's culture: a conical hat, an embroidered picture or royal tea.",
        ),
        (
            "Đúng giờ được coi là phép lịch sự tối thiểu trong giao tiếp với đối tác {partner}.",
            "Punctuality is the least courtesy partners from {partner} expect.",
        ),
        (
            "Trong bữa tiệc chiêu đãi, chủ nhà nên tìm hiểu trước thói quen ăn uống và kiêng kỵ của khách.",
            "Before a banquet, hosts should learn about their guests' eating habits and taboos.",
        ),
        (
            "Danh thiếp được trao và nhận bằng hai tay, kèm theo lời chào ngắn gọn.",
            "Business cards are given and received with both hands and a short greeting.",
        ),
        (
            "Trang phục phù hợp với tính chất của buổi làm việc thể hiện sự tôn trọng đối với khách.",
            "Dress suited to the occasion shows respect for the guests.",
        ),
    ],
)
RECRUITMENT = Kind(
    templates=[
        _t(
            "Thông báo tuyển dụng viên chức Trung tâm Dịch vụ Đối ngoại năm {year}",
            "Recruitment of public employees for the Foreign Affairs Services Centre, {year}",
            "Sở Ngoại vụ thông báo tuyển dụng {seats} viên chức làm việc tại Trung tâm Dịch vụ Đối ngoại năm {year}.",
            "The Department is recruiting {seats} public employees for the Foreign Affairs Services Centre in {year}.",
        ),
        _t(
            "Danh sách thí sinh đủ điều kiện dự xét tuyển công chức năm {year}",
            "Candidates eligible for the {year} civil service selection",
            "Hội đồng tuyển dụng Sở Ngoại vụ công bố danh sách thí sinh đủ điều kiện dự xét tuyển công chức năm "
            "{year}.",
            "The Department's recruitment board has published the list of candidates eligible for the {year} "
            "civil service selection.",
        ),
        _t(
            "Kết quả tuyển dụng công chức Sở Ngoại vụ năm {year}",
            "Results of the Department's {year} recruitment",
            "Ngày {date}, Hội đồng tuyển dụng công bố kết quả tuyển dụng công chức Sở Ngoại vụ năm {year}.",
            "On {date}, the recruitment board published the results of the Department's {year} recruitment.",
        ),
    ],
    sentences=[
        (
            "Thí sinh phải có trình độ đại học trở lên, chuyên ngành quan hệ quốc tế, ngoại ngữ hoặc luật.",
            "Candidates need a university degree in international relations, languages or law.",
        ),
        (
            "Hồ sơ nộp trực tiếp tại Văn phòng Sở hoặc qua đường bưu điện trước ngày {deadline}.",
            "Applications go to the Department's Office in person or by post before {deadline}.",
        ),
        (
            "Thí sinh có chứng chỉ tiếng Anh, tiếng Nhật, tiếng Hàn hoặc tiếng Lào là một lợi thế.",
            "English, Japanese, Korean or Lao certificates are an advantage.",
        ),
        (
            "Mọi thắc mắc xin liên hệ Văn phòng Sở Ngoại vụ, số điện thoại 0234.38{phone}.",
            "Questions: the Department's Office, 0234.38{phone}.",
        ),
    ],
)
BORDER = Kind(
    templates=[
        _t(
            "Hội đàm giữa tỉnh Thừa Thiên Huế và {lao_province}, nước CHDCND Lào",
            "Talks between Thua Thien Hue and {lao_province}, Lao PDR",
            "Ngày {date}, tại {venue}, đoàn đại biểu tỉnh Thừa Thiên Huế và {lao_province} đã tổ chức hội đàm thường "
            "niên.",
            "On {date}, in {venue}, delegations of Thua Thien Hue and {lao_province} held their annual talks.",
        ),
        _t(
            "Kiểm tra hệ thống mốc quốc giới Việt Nam - Lào tại {commune}",
            "Viet Nam - Laos boundary markers inspected in {commune}",
            "Ngày {date}, Sở Ngoại vụ phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh kiểm tra hệ thống mốc quốc giới "
            "trên địa bàn {commune}, huyện A Lưới.",
            "On {date}, the Department and the provincial Border Guard inspected the boundary markers in {commune}, "
            "A Luoi district.",
        ),
        _t(
            "Trao học bổng cho lưu học sinh {lao_province} học tập tại Huế",
            "Scholarships for students from {lao_province} studying in Hue",
            "Ngày {date}, UBND tỉnh trao {seats} suất học bổng cho lưu học sinh {lao_province} đang học tập tại các "
            "trường đại học ở Huế.",
            "On {date}, the Provincial People's Committee awarded {seats} scholarships to students from "
            "{lao_province} at Hue's universities.",
        ),
        _t(
            "Tuyên truyền pháp luật về biên giới quốc gia cho người dân {commune}",
            "Border law explained to the people of {commune}",
            "Ngày {date}, Sở Ngoại vụ tổ chức tuyên truyền Luật Biên giới quốc gia cho hơn {people} người dân "
            "{commune}, huyện A Lưới.",
            "On {date}, the Department explained the Law on the National Border to more than {people} people of "
            "{commune}, A Luoi district.",
        ),
    ],
    sentences=[
        (
            "Hai bên đánh giá tình hình an ninh trật tự khu vực biên giới cơ bản ổn định.",
            "Both sides found the border area broadly safe and orderly.",
        ),
        (
            "Hai tỉnh thống nhất tăng cường tuần tra song phương, phối hợp ngăn chặn xuất nhập cảnh trái phép.",
            "The two provinces agreed on more joint patrols against illegal border crossings.",
        ),
        (
            "Năm {year}, tỉnh đã tiếp nhận {seats} lưu học sinh Lào sang học tập tại Huế.",
            "In {year} the province welcomed {seats} Lao students to Hue.",
        ),
        (
            "Người dân được hướng dẫn về quy chế khu vực biên giới và trách nhiệm bảo vệ mốc quốc giới.",
            "Residents learnt the rules of the border area and their duty to protect the boundary markers.",
        ),
        (
            "Quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt Việt Nam - Lào tiếp tục được vun đắp.",
            "The special friendship between Viet Nam and Laos continues to grow.",
        ),
    ],
    closing=CLOSING_SENTENCES[1:2],
    headings=[("Hợp tác toàn diện với Lào", "Comprehensive cooperation with Laos")],
)
CONSULAR = Kind(
    templates=[
        _t(
            "Hướng dẫn thủ tục {consular_service}",
            "How to apply for {consular_service}",
            "Sở Ngoại vụ hướng dẫn hồ sơ, trình tự và thời hạn giải quyết thủ tục {consular_service}.",
            "The Department explains the documents, steps and time limits for {consular_service}.",
        ),
        _t(
            "Hỗ trợ công dân Thừa Thiên Huế gặp nạn tại {partner}",
            "Help for a Thua Thien Hue citizen in difficulty in {partner}",
            "Sở Ngoại vụ đã phối hợp với Cơ quan đại diện Việt Nam tại {partner} hỗ trợ kịp thời một công dân của tỉnh "
            "gặp nạn.",
            "The Department and the Vietnamese mission in {partner} quickly helped a citizen of the province in "
            "difficulty.",
        ),
        _t(
            "Gặp mặt kiều bào Thừa Thiên Huế nhân dịp Tết {lunar_year}",
            "Overseas Vietnamese from Thua Thien Hue meet for Tet {lunar_year}",
            "Ngày {date}, UBND tỉnh tổ chức gặp mặt kiều bào Thừa Thiên Huế về quê đón Tết {lunar_year}.",
            "On {date}, the Provincial People's Committee met overseas Vietnamese from Thua Thien Hue home for "
            "Tet {lunar_year}.",
        ),
        _t(
            "Hỏi đáp về thủ tục {consular_service}",
            "Questions and answers: {consular_service}",
            "Sở Ngoại vụ trả lời câu hỏi của công dân về thủ tục {consular_service}.",
            "The Department answers a citizen's question about {consular_service}.",
        ),
    ],
    sentences=[
        (
            "Hồ sơ được nộp trực tuyến mức độ {level} trên Cổng dịch vụ công của tỉnh hoặc tại Trung tâm Phục vụ hành "
            "chính công.",
            "Applications can be made online at level {level} on the province's public service portal or at the "
            "Public Administration Service Centre.",
        ),
        (
            "Thời hạn giải quyết là {days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            "The time limit is {days} working days from receipt of a complete application.",
        ),
        (
            "Hiện có khoảng {people} người Thừa Thiên Huế đang sinh sống, học tập và làm việc tại {partner}.",
            "About {people} people from Thua Thien Hue live, study or work in {partner}.",
        ),
        (
            "Công dân cần hỗ trợ khẩn cấp có thể liên hệ đường dây nóng bảo hộ công dân của Bộ Ngoại giao.",
            "Citizens who need urgent help can call the Ministry of Foreign Affairs' citizen protection hotline.",
        ),
        (
            "Kiều bào đóng góp nhiều ý kiến tâm huyết cho sự phát triển của quê hương.",
            "Overseas Vietnamese offered many ideas for the development of their home province.",
        ),
        (
            "Phí, lệ phí thực hiện theo quy định hiện hành của Bộ Tài chính.",
            "Fees follow the Ministry of Finance's current rules.",
        ),
    ],
    closing=CLOSING_SENTENCES[1:2],
)
# The kind of items each category of the demo holds (Appendix I of the plan); others read as news.
KIND_OF_CATEGORY: dict[str, Kind] = {
    "van-ban-chi-dao-dieu-hanh": DOCUMENT,
    "chuong-trinh-cong-tac": PROGRAMME,
    "pho-bien-phap-luat": LAW,
    "chinh-sach-doi-ngoai": LAW,
    "thanh-tra-ngoai-giao": LAW,
    "so-tay-le-tan-ngoai-giao": HANDBOOK,
    "tuyen-dung": RECRUITMENT,
    "quan-ly-bien-gioi-hop-tac-voi-lao": BORDER,
    "lanh-su-nguoi-viet-nam-o-nuoc-ngoai": CONSULAR,
    "thu-tuc-hanh-chinh": CONSULAR,
    "hoi-dap": CONSULAR,
}
# Items a year per category in Appendix I (upper bounds): the share of the dataset each receives.
YEARLY_ITEMS: dict[str, int] = {
    "thong-tin-don-vi": 5,
    "tin-tuc-su-kien": 220,
    "van-ban-chi-dao-dieu-hanh": 30,
    "chuong-trinh-cong-tac": 15,
    "pho-bien-phap-luat": 20,
    "thu-tuc-hanh-chinh": 20,
    "chinh-sach-doi-ngoai": 5,
    "hop-tac-quoc-te": 100,
    "lanh-su-nguoi-viet-nam-o-nuoc-ngoai": 100,
    "bao-chi-hoi-thao": 30,
    "quan-ly-bien-gioi-hop-tac-voi-lao": 15,
    "thanh-tra-ngoai-giao": 10,
    "tuyen-dung": 10,
    "so-tay-le-tan-ngoai-giao": 20,
    "hoi-dap": 20,
    "hinh-anh-hoat-dong": 50,
    "trung-tam-dich-vu-doi-ngoai": 20,
}
DEFAULT_YEARLY_ITEMS = 10
UNIT_OF_CATEGORY: dict[str, str] = {
    "hop-tac-quoc-te": "hop-tac-quoc-te",
    "so-tay-le-tan-ngoai-giao": "hop-tac-quoc-te",
    "lanh-su-nguoi-viet-nam-o-nuoc-ngoai": "lanh-su",
    "bao-chi-hoi-thao": "lanh-su",
    "quan-ly-bien-gioi-hop-tac-voi-lao": "bien-gioi",
    "thanh-tra-ngoai-giao": "thanh-tra",
    "trung-tam-dich-vu-doi-ngoai": "ttdvdn",
    "tin-tuc-su-kien": "hop-tac-quoc-te",
}
DEFAULT_UNIT = "van-phong"


@dataclass(frozen=True)
class Text:
    """One language version of an item."""

    title: str
    lead: str
    body: list[dict]  # StreamField data of news.blocks.ArticleBodyBlock
    image_alt: str


@dataclass(frozen=True)
class SyntheticItem:
    vi: Text
    en: Text | None  # the English translation, if this item has one
    published_at: dt.datetime
    author_name: str
    collected_from: tuple[str, str] | None  # (source name, url) of a collected item (tin sưu tầm)
    featured: bool
    with_image: bool


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick(rng: random.Random, pairs: Sequence[Pair]) -> Pair:
    return pairs[rng.randrange(len(pairs))]


def _slots(rng: random.Random, published_at: dt.datetime) -> dict[str, Pair]:
    """Every value a template may ask for, chosen once per item so that both languages agree."""
    day = timezone.localtime(published_at).date()
    (partner, locality, guest_person) = PARTNERS[rng.randrange(len(PARTNERS))]
    field_1, field_2 = rng.sample(FIELDS, 2)

    def number(low: int, high: int) -> Pair:  # the same digits in both languages
        return (str(rng.randint(low, high)),) * 2

    slots: dict[str, Pair] = {
        "partner": partner,
        "locality": locality,
        "guest_person": guest_person,
        "field": field_1,
        "field2": field_2,
        "host": _pick(rng, HOSTS),
        "venue": _pick(rng, VENUES),
        "district": _pick(rng, DISTRICTS),
        "org": _pick(rng, ORGANISATIONS),
        "lao_province": _pick(rng, LAO_PROVINCES),
        "commune": _pick(rng, BORDER_COMMUNES),
        "law_subject": _pick(rng, LAW_SUBJECTS),
        "consular_service": _pick(rng, CONSULAR_SERVICES),
        "task": _pick(rng, TASKS),
        "date": (f"{day.day}/{day.month}/{day.year}", f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"),
        "deadline": _deadline(day + dt.timedelta(days=rng.randint(7, 45))),
        "effective": _deadline(day + dt.timedelta(days=rng.choice([30, 45, 60]))),
        "year": (str(day.year),) * 2,
        "next_year": (str(day.year + 1),) * 2,
        "period": (f"{day.year}-{day.year + 4}",) * 2,
        "month": (str(day.month),) * 2,
        "month_name": (str(day.month), MONTHS_EN[day.month - 1]),
        "quarter": (str((day.month - 1) // 3 + 1),) * 2,
        "week": (str(day.isocalendar().week),) * 2,
        "lunar_year": (_lunar_year_name(day.year), _fold_name(_lunar_year_name(day.year))),
        "office": (rng.choice(["VP", "HTQT", "LS", "BG", "TTr"]),) * 2,
        "number": number(1, 2400),
        "law_number": number(1, 180),
        "people": number(30, 400),
        "partners": number(60, 120),
        "aid": number(5, 20),
        "budget": number(2, 60),
        "months": number(6, 36),
        "growth": number(5, 45),
        "seats": number(3, 30),
        "chapters": number(3, 8),
        "articles": number(12, 60),
        "days": number(2, 15),
        "level": (rng.choice(["3", "4"]),) * 2,
        "phone": number(22000, 29999),
    }
    # Phrases that themselves name a partner, a year, ...: filled from the slots above.
    slots["guest"] = _fill(_pick(rng, GUEST_ROLES), slots, capitalise=False)
    slots["subject"] = _fill(_pick(rng, DOCUMENT_SUBJECTS), slots, capitalise=False)
    slots["regulation"] = _fill(_pick(rng, REGULATIONS), slots, capitalise=False)
    return slots


def _deadline(day: dt.date) -> Pair:
    return f"{day.day}/{day.month}/{day.year}", f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def _lunar_year_name(year: int) -> str:
    """The sexagenary name of the lunar year that starts in `year` (2024 -> Giáp Thìn)."""
    stems = ["Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"]
    branches = ["Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"]
    return f"{stems[year % 10]} {branches[year % 12]}"


def _fold_name(name: str) -> str:
    return " ".join(word.capitalize() for word in fold(name).split())


def _fill(pair: Pair, slots: dict[str, Pair], *, capitalise: bool = True) -> Pair:
    vi = pair[0].format_map({key: value[0] for key, value in slots.items()})
    en = pair[1].format_map({key: value[1] for key, value in slots.items()})
    return (_capitalised(vi), _capitalised(en)) if capitalise else (vi, en)


def _body(rng: random.Random, kind: Kind, slots: dict[str, Pair]) -> tuple[list[dict], list[dict]]:
    """The body in both languages as StreamField data: paragraphs, perhaps a heading, a list, a quote."""
    sentences = [_fill(pair, slots) for pair in rng.sample(kind.sentences, min(len(kind.sentences), 8))]
    blocks: list[tuple[str, list[Pair]]] = []  # (HTML tag, sentences)
    if kind.schedule:  # a programme lists its engagements
        blocks.append(("ul", sentences[:6]))
        sentences = sentences[6:]
    while sentences:
        size = rng.randint(2, 4)
        blocks.append(("p", sentences[:size]))
        sentences = sentences[size:]
    if kind.closing:
        blocks.append(("p", [_fill(_pick(rng, kind.closing), slots)]))
    if kind.headings and len(blocks) >= 3 and rng.random() < 0.5:
        blocks.insert(len(blocks) - 1, ("h2", [_fill(_pick(rng, kind.headings), slots)]))
    html = [_html(blocks, language) for language in (0, 1)]
    vi_body = [{"type": "paragraph", "value": html[0]}]
    en_body = [{"type": "paragraph", "value": html[1]}]
    if kind.quotes and rng.random() < 0.3:
        text = _fill(QUOTE, slots)
        vi_body.append(
            {"type": "quote", "value": {"text": text[0], "attribution": _capitalised(slots["guest_person"][0])}}
        )
        en_body.append({"type": "quote", "value": {"text": text[1], "attribution": slots["guest_person"][1]}})
    return vi_body, en_body


def _html(blocks: list[tuple[str, list[Pair]]], language: int) -> str:
    parts = []
    for tag, sentences in blocks:
        if tag == "ul":
            parts.append("<ul>" + "".join(f"<li>{escape(pair[language])}</li>" for pair in sentences) + "</ul>")
        else:
            parts.append(f"<{tag}>{escape(' '.join(pair[language] for pair in sentences))}</{tag}>")
    return "".join(parts)


def compose_item(
    rng: random.Random, *, category_slug: str, published_at: dt.datetime, translated: bool
) -> SyntheticItem:
    """The text of one item of a category, with its English translation if `translated`."""
    kind = KIND_OF_CATEGORY.get(category_slug, NEWS)
    slots = _slots(rng, published_at)
    template = kind.templates[rng.randrange(len(kind.templates))]
    title = _fill(template.title, slots)
    lead = _fill(template.lead, slots)
    body_vi, body_en = _body(rng, kind, slots)
    alt = _fill(("Quang cảnh: {title}", "The scene: {title}"), {"title": title})
    vi = Text(title=title[0], lead=lead[0], body=body_vi, image_alt=alt[0])
    en = Text(title=title[1], lead=lead[1], body=body_en, image_alt=alt[1]) if translated else None
    collected = rng.random() < 0.15
    source = rng.choice(SOURCES) if collected else None
    return SyntheticItem(
        vi=vi,
        en=en,
        published_at=published_at,
        author_name="" if collected else f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}",
        collected_from=(source[0], f"https://{source[1]}/{slugify(fold(vi.title))[:60]}.html") if source else None,
        featured=rng.random() < 0.01,
        with_image=rng.random() < 0.7,
    )


# ---------------------------------------------------------------------------------------------
# Storing: bulk insertion of live pages
# ---------------------------------------------------------------------------------------------


@dataclass
class Category:
    """A Vietnamese category receiving items, and its English translation receiving theirs."""

    page: SectionPage
    translation: SectionPage | None
    weight: int


class ChildPositions:
    """Hands out the treebeard path and a free slug for each new last child of one parent.

    This is what `add_child` computes, without a query per page: the next path step after the
    current last child, and a slug no sibling uses (Wagtail checks that in `full_clean`).
    """

    def __init__(self, parent: Page):
        self.parent = parent
        last = parent.get_last_child()
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.taken_slugs = set(parent.get_children().values_list("slug", flat=True))

    def take(self, title: str) -> tuple[str, str]:
        step = self.next_step
        if len(Page._int2str(step)) > Page.steplen:
            raise ValueError(f"{self.parent.url_path} cannot take more children ({step - 1}).")
        self.next_step += 1
        # ASCII slugs like the demo's; the step makes them unique among the new siblings.
        slug = f"{slugify(fold(title))[:70].strip('-')}-{step}"
        while slug in self.taken_slugs:
            slug += "-x"
        self.taken_slugs.add(slug)
        return Page._get_path(self.parent.path, self.parent.depth + 1, step), slug


@dataclass
class Store:
    """What every batch needs, read once: locales, content type, units, images, search backends."""

    vi: Locale
    en: Locale
    content_type_id: int
    units: dict[str, Unit]
    image_ids: list[int]
    fallback_unit: Unit | None = None  # an agency whose pack names none of the demo's unit codes
    positions: dict[int, ChildPositions] = field(default_factory=dict)
    backends: list = field(default_factory=lambda: list(get_search_backends()))
    titles: TitleLengths | None = None  # on PostgreSQL, for the title norms

    @classmethod
    def load(cls, site: Site | None = None) -> Store:
        # The agency's units (the default site's without a site): unit codes are unique within an agency only.
        agency_id = AgencySettings.for_site(site).pk if site else default_agency()
        units = list(Unit.objects.filter(agency_id=agency_id).order_by("pk"))
        return cls(
            vi=Locale.objects.get(language_code="vi"),
            en=Locale.objects.get(language_code="en"),
            content_type_id=ContentType.objects.get_for_model(ArticlePage).pk,
            units={unit.code: unit for unit in units},
            image_ids=_images_of(site),
            fallback_unit=units[0] if site and units else None,
        )

    def read_positions(self, categories: Sequence[Category]) -> None:
        """Every category's last child and slugs, read now: batches are then prepared without a query."""
        for category in categories:
            for parent in (category.page, category.translation):
                if parent is not None and parent.pk not in self.positions:
                    self.positions[parent.pk] = ChildPositions(parent)

    def positions_under(self, parent: Page) -> ChildPositions:
        return self.positions[parent.pk]


OWN_IMAGES = 12  # copied for an agency that has none


def _images_of(site: Site | None) -> list[int]:
    """The images items may show, so that an item never shows another agency's file: without a site, the
    installation's first 200 (the demo's, in the root collection); on the default site, the root
    collection's and its agency's own; on any other, its agency's own, a few of the root's copied there
    the first time."""
    images = get_image_model().objects.order_by("pk")
    if site is None:
        return list(images.values_list("pk", flat=True)[:200])
    collection = agency_collection(AgencySettings.for_site(site))
    own = images.filter(collection__path__startswith=collection.path)
    if site.is_default_site:
        own = images.filter(Q(collection__depth=1) | Q(collection__path__startswith=collection.path))
    elif not own.exists():
        for image in images.filter(collection__depth=1)[:OWN_IMAGES]:
            with image.file.open("rb") as source:
                data = source.read()
            images.create(
                title=image.title, file=ContentFile(data, name=Path(image.file.name).name), collection=collection
            )
    return list(own.values_list("pk", flat=True)[:200])


def find_categories(site: Site | None = None) -> list[Category]:
    """Live Vietnamese categories without sub-categories, with their English translations: those of
    `site` (an agency's), or of every site."""
    sections = SectionPage.objects.live().filter(locale__language_code="vi")
    if site is not None:
        sections = sections.filter(any_subtree_q(site_home_paths(site)))
    sections = list(sections.order_by("path"))
    parents = {section.path[: -Page.steplen] for section in sections}
    leaves = [section for section in sections if section.path not in parents]
    translations = {
        page.translation_key: page
        for page in SectionPage.objects.filter(
            locale__language_code="en", translation_key__in=[leaf.translation_key for leaf in leaves]
        )
    }
    return [
        Category(
            page=leaf,
            translation=translations.get(leaf.translation_key),
            weight=YEARLY_ITEMS.get(leaf.slug, DEFAULT_YEARLY_ITEMS),
        )
        for leaf in leaves
    ]


def _article(
    store: Store,
    parent: Page,
    text: Text,
    item: SyntheticItem,
    *,
    locale: Locale,
    translation_key: uuid.UUID,
    published_at: dt.datetime,
    image_id: int | None,
    unit: Unit | None,
) -> ArticlePage:
    """An unsaved live ArticlePage placed as the last child of `parent`, as add_child + publish leave it."""
    path, slug = store.positions_under(parent).take(text.title)
    source_name, source_url = item.collected_from or ("", "")
    return ArticlePage(
        # Page: tree position, language, publication state
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        title=text.title,
        draft_title=text.title,
        slug=slug,
        content_type_id=store.content_type_id,
        locale=locale,
        translation_key=translation_key,
        live=True,
        has_unpublished_changes=False,
        first_published_at=published_at,
        last_published_at=published_at,
        latest_revision_created_at=published_at,
        # ArticlePage
        lead=text.lead,
        body=text.body,
        author_name=item.author_name,
        featured=item.featured,
        unit=unit,
        source_kind=ArticlePage.SOURCE_COLLECTED if item.collected_from else ArticlePage.SOURCE_ORIGINAL,
        source_name=source_name,
        source_url=source_url,
        image_id=image_id,
        image_alt=text.image_alt if image_id else "",
    )


@dataclass
class PreparedBatch:
    """A batch made ready in Python, wanting only the primary keys its pages get when inserted: the Page
    rows, ArticlePage's own rows (their `page_ptr_id` left empty) and, on PostgreSQL, the texts to index."""

    articles: list[ArticlePage]
    parents: list[Page]  # the categories whose number of children changes
    pages: list[Page]
    own_rows: list[list]
    index_texts: dict[int, list[_IndexTexts]]  # PostgreSQL backend's position in store.backends: its texts


OWN_FIELDS = ArticlePage._meta.local_concrete_fields
PAGE_PTR = next(position for position, f in enumerate(OWN_FIELDS) if f.attname == "page_ptr_id")


def _rows(articles: list[ArticlePage], database) -> tuple[list[Page], list[list]]:
    """The Page part of each article as a plain Page (bulk_create refuses multi-table models), and its own
    columns, each prepared by its field exactly as Model.save would (StreamField to JSON, ...)."""
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    pages = [Page(**{name: getattr(article, name) for name in page_fields}) for article in articles]
    own_rows = [[f.get_db_prep_save(f.pre_save(article, True), database) for f in OWN_FIELDS] for article in articles]
    return pages, own_rows


def _insert(batch: PreparedBatch) -> None:
    """Insert the pages: the Page part with bulk_create, the ArticlePage part with executemany."""
    Page.objects.bulk_create(batch.pages)
    for article, page, row in zip(batch.articles, batch.pages, batch.own_rows, strict=True):
        article.pk = article.page_ptr_id = row[PAGE_PTR] = page.pk
        article._state.adding, article._state.db = False, page._state.db
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(ArticlePage._meta.db_table),
        ", ".join(quote(f.column) for f in OWN_FIELDS),
        ", ".join(["%s"] * len(OWN_FIELDS)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, batch.own_rows)


def _recount_children(parents: Sequence[Page]) -> None:
    for parent in parents:
        count = Page.objects.filter(
            path__range=Page._get_children_path_interval(parent.path), depth=parent.depth + 1
        ).count()
        Page.objects.filter(pk=parent.pk).update(numchild=count)
        parent.numchild = count


def _index_texts(store: Store, articles: list[ArticlePage]) -> dict[int, list[_IndexTexts]]:
    """The texts PostgreSQL's index vectors are made of, each field's value computed once per page.

    modelsearch's ObjectIndexer asks every search field for its value three times (once each for
    the title, body and autocomplete columns), and folding a long body is the dearest step of the
    whole generation: each page gets copies of the fields that remember what they computed.
    """
    fields = [_computed_once(field) for field in ArticlePage.get_search_fields()]
    for article in articles:
        article.get_search_fields = lambda fields=fields: fields  # shadows the classmethod, this page only
    texts = {}
    for position, backend in enumerate(store.backends):
        if isinstance(backend, PostgresSearchBackend):
            texts[position] = [_IndexTexts(article, backend) for article in articles]
            for indexer in texts[position]:
                for name in ("title", "autocomplete", "body", "title_text", "body_text"):
                    getattr(indexer, name)  # worked out here, kept by the indexer
    return texts


def _index(store: Store, batch: PreparedBatch) -> None:
    """Index the batch through every search backend."""
    for position, backend in enumerate(store.backends):
        if position in batch.index_texts:
            if store.titles is None:
                store.titles = TitleLengths.read()
            _index_on_postgres(backend, store.content_type_id, batch.index_texts[position], store.titles)
        else:
            backend.add_bulk(ArticlePage, batch.articles)


class _IndexTexts(ObjectIndexer):
    """Wagtail's indexer of one page, giving each vector's texts and weights rather than the vector.

    Every text stays in its place, empty or not: an empty text's vector is empty, and adds nothing
    where Wagtail's indexer leaves it out, so every page has the same columns.
    """

    def as_vector(self, texts, for_autocomplete=False):
        return [(text.strip(), weight) for text, weight in texts]


@dataclass
class TitleLengths:
    """The sum and number of the non-empty title vectors' lengths in the index, read once and kept up to
    date as batches are written: the mean the title norm needs, without reading the whole index table
    again for every batch (at the province's 600,000 entries, a second or so of each batch, growing)."""

    total: int
    count: int

    @classmethod
    def read(cls) -> TitleLengths:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT coalesce(sum(length(title)), 0), count(*) FROM {IndexEntry._meta.db_table} "
                "WHERE length(title) > 0"
            )
            total, count = cursor.fetchone()
        return cls(total=total, count=count)

    def add(self, lengths: Sequence[int]) -> None:
        written = [length for length in lengths if length > 0]
        self.total += sum(written)
        self.count += len(written)


def _index_on_postgres(
    backend: PostgresSearchBackend, content_type_id: int, indexers: list[_IndexTexts], titles: TitleLengths
) -> None:
    """The rows Wagtail's PostgreSQL index writes for the batch, its vectors made in SQL in one INSERT.

    Wagtail's `add_items` builds one expression per text (most of the Python time of the whole
    generation) and then sets `title_norm` in every row still at 1.0: an UPDATE per batch that reads
    the whole table and writes the batch's rows again, with their entries in every full-text index.
    Here the norm is written with the row:
    the mean title length over the rows there and the batch, divided by the row's title length.
    """
    columns: dict[str, list] = {"object_id": [indexer.id for indexer in indexers]}
    vectors: dict[str, tuple[str, list]] = {}  # each vector's SQL over the batch's columns, and its parameters
    for name, config in (
        ("title", backend.config),
        ("autocomplete", backend.autocomplete_config),
        ("body", backend.config),
    ):
        parts, params = [], []
        for position, (_text, weight) in enumerate(getattr(indexers[0], name)):
            column = f"{name}_{position}"
            columns[column] = [getattr(indexer, name)[position][0] for indexer in indexers]
            parts.append(f"setweight(to_tsvector(%s::regconfig, batch.{column}), %s)")
            params += [config, weight]
        vectors[name] = (" || ".join(parts) or "''::tsvector", params)
    columns["title_text"] = [indexer.title_text for indexer in indexers]
    columns["body_text"] = [indexer.body_text for indexer in indexers]
    table = IndexEntry._meta.db_table
    names = ", ".join(columns)
    arrays = ", ".join(["%s::text[]"] * len(columns))
    title, title_params = vectors["title"]
    autocomplete, autocomplete_params = vectors["autocomplete"]
    body, body_params = vectors["body"]
    sql = (
        f"WITH batch AS (SELECT {names}, {title} AS title FROM unnest({arrays}) AS batch({names})), "
        "mean AS (SELECT (%s + coalesce(sum(length(title)), 0))::numeric / nullif(%s + count(*), 0) AS length "
        "FROM batch WHERE length(title) > 0) "
        f"INSERT INTO {table} "
        "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text) "
        f"SELECT %s, batch.object_id, batch.title, {autocomplete}, {body}, "
        "CASE WHEN length(batch.title) > 0 THEN (SELECT length FROM mean) / length(batch.title) ELSE 1.0 END, "
        "batch.title_text, batch.body_text FROM batch ORDER BY batch.object_id::integer RETURNING length(title)"
    )
    params = [
        *title_params,
        *columns.values(),
        titles.total,
        titles.count,
        content_type_id,
        *autocomplete_params,
        *body_params,
    ]
    with connection.cursor() as cursor:
        # The batch's texts and vectors are sorted and kept in memory rather than in temporary files.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        titles.add([row[0] for row in cursor.fetchall()])


@contextmanager
def bulk_index_writes():
    """On PostgreSQL, the full-text indexes that write each change at once (search migrations 0001, and
    0002's table of public pages, which triggers fill from the index) take the generated rows through
    their pending list, merged into the index once at the end: written row by row, each item's few
    hundred words cost as many index insertions."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname FROM pg_index JOIN pg_class AS index ON index.oid = pg_index.indexrelid "
            "WHERE pg_index.indrelid IN (%s::regclass, to_regclass(%s)) AND 'fastupdate=off' = ANY(index.reloptions)",
            [IndexEntry._meta.db_table, "portal_search_entry"],
        )
        names = [connection.ops.quote_name(row[0]) for row in cursor.fetchall()]
        for name in names:
            cursor.execute(f"ALTER INDEX {name} SET (fastupdate = on)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
                cursor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")


def _computed_once(search_field):
    if not isinstance(search_field, (index.SearchField, index.AutocompleteField)):
        return search_field
    remembering = copy.copy(search_field)
    remembering.__class__ = _remembering_class(type(search_field))
    return remembering


@functools.cache
def _remembering_class(field_class: type) -> type:
    def get_value(self, obj):
        values = obj.__dict__.setdefault("_synthetic_index_values", {})
        key = (field_class, self.field_name)
        if key not in values:
            values[key] = field_class.get_value(self, obj)
        return values[key]

    return type(f"Remembering{field_class.__name__}", (field_class,), {"get_value": get_value})


def prepare_batch(
    store: Store, planned: Sequence[tuple[Category, SyntheticItem]], rng: random.Random, database
) -> PreparedBatch:
    """One batch of items (and their translations) made ready to write, without a query (`database`: the
    connection whose operations prepare the values)."""
    articles: list[ArticlePage] = []
    touched: dict[int, Page] = {}
    for category, item in planned:
        image_id = rng.choice(store.image_ids) if item.with_image and store.image_ids else None
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        unit = store.units.get(UNIT_OF_CATEGORY.get(category.page.slug, DEFAULT_UNIT)) or store.fallback_unit
        articles.append(
            _article(
                store,
                category.page,
                item.vi,
                item,
                locale=store.vi,
                translation_key=key,
                published_at=item.published_at,
                image_id=image_id,
                unit=unit,
            )
        )
        touched[category.page.pk] = category.page
        if item.en is not None and category.translation is not None:
            # The plan asks for the translation within two days of the original.
            translated_at = min(item.published_at + dt.timedelta(hours=rng.randint(2, 44)), timezone.now())
            articles.append(
                _article(
                    store,
                    category.translation,
                    item.en,
                    item,
                    locale=store.en,
                    translation_key=key,
                    published_at=translated_at,
                    image_id=image_id,
                    unit=unit,
                )
            )
            touched[category.translation.pk] = category.translation
    pages, own_rows = _rows(articles, database)
    return PreparedBatch(
        articles=articles,
        parents=list(touched.values()),
        pages=pages,
        own_rows=own_rows,
        index_texts=_index_texts(store, articles),
    )


def write_batch(store: Store, batch: PreparedBatch) -> int:
    """Write a prepared batch in one transaction; returns pages written."""
    with transaction.atomic():
        _insert(batch)
        _recount_children(batch.parents)
        _index(store, batch)
    return len(batch.articles)


class NoCategories(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    items: int
    translations: int
    pages: int


def generate_dataset(
    *,
    items: int,
    seed: int = 2017,
    batch_size: int = 2000,
    english_share: float = 0.4,
    years: int = 3,
    progress: Callable[[int], None] | None = None,
    site: Site | None = None,
    analyze: bool = True,
) -> Outcome:
    """Add `items` live Vietnamese items, `english_share` of them translated, spread over the categories
    (of `site` only, when given: one agency's) and over the last `years` years. `progress` is told how
    many items each batch wrote. `analyze=False` leaves the planner statistics to the caller (a build
    of many agencies refreshes them once at its end)."""
    categories = find_categories(site)
    if not categories:
        raise NoCategories("No categories to fill: load the demo first (manage.py load_demo).")
    rng = random.Random(seed)  # the text: the same seed gives the same items, whatever the batch size
    store_rng = random.Random(f"{seed}-store")  # images and translation keys
    store = Store.load(site)
    store.read_positions(categories)
    now = timezone.now()
    span_seconds = int(years * 365.25 * 24 * 3600)
    weights = [category.weight for category in categories]
    database = connections[DEFAULT_DB_ALIAS]

    def prepared() -> Iterator[tuple[int, int, PreparedBatch]]:
        for size in _batch_sizes(items, batch_size):
            planned, translated = [], 0
            for category in rng.choices(categories, weights=weights, k=size):
                translate = category.translation is not None and rng.random() < english_share
                published_at = now - dt.timedelta(seconds=rng.randrange(span_seconds))
                item = compose_item(
                    rng, category_slug=category.page.slug, published_at=published_at, translated=translate
                )
                planned.append((category, item))
                translated += translate
            yield size, translated, prepare_batch(store, planned, store_rng, database)

    pages = translations = 0
    with bulk_index_writes():
        for size, translated, batch in prepared():
            pages += write_batch(store, batch)
            translations += translated
            if progress:
                progress(size)
    if analyze:
        _refresh_planner_statistics()
    bump_generation()  # cached pages would not list the new items
    return Outcome(items=items, translations=translations, pages=pages)


def _refresh_planner_statistics() -> None:
    """PostgreSQL plans queries from table statistics, which autovacuum refreshes some time after big
    changes; refresh them now, so that the pages are measured with the plans a settled database gets
    (without them, search scans every index entry). SQLite keeps none unless asked, and Django never asks."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _batch_sizes(total: int, batch_size: int) -> Iterator[int]:
    for start in range(0, total, batch_size):
        yield min(batch_size, total - start)
