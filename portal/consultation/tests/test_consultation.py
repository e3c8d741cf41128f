"""Public consultation on drafts: comments are moderated and protected against abuse."""

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone, translation
from wagtail.models import Locale, ModelLogEntry

from portal.accounts.testing import login_with_second_factor
from portal.consultation.forms import FORM_SALT, form_token
from portal.consultation.models import Comment, ConsultationIndexPage, DraftPage
from portal.consultation.services import CommentRefused, comment_moderate, comment_submit
from portal.demo.consultation import ensure_demo_consultation
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

# Reads the demo's own records (the ensure_demo_* loaders add nothing on the demo): on the demo, where they
# cost nothing per test, until a small factory-made set replaces them.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(autouse=True)
def known_consultation(db):
    """The drafts in consultation, open and closed, with comments approved and waiting: the known set the
    demo publishes, published here by each test itself, so that the tests run on any installation (where
    the demo already published it, nothing is added)."""
    ensure_demo_consultation()


def open_draft() -> DraftPage:
    return DraftPage.objects.get(slug="du-thao-quy-che-quan-ly-doan-ra-doan-vao", locale__language_code="vi")


def closed_draft() -> DraftPage:
    return DraftPage.objects.get(slug="du-thao-quy-dinh-nhuan-but-trang-ttdt", locale__language_code="vi")


def _old_token(draft, seconds_ago: int) -> str:
    signer = signing.TimestampSigner(salt=FORM_SALT)
    real_time = signing.time.time
    signing.time.time = lambda: real_time() - seconds_ago
    try:
        return signer.sign(str(draft.pk))
    finally:
        signing.time.time = real_time


def _submit(draft=None, **overrides):
    draft = draft or open_draft()
    values = {
        "draft": draft,
        "name": "Hoàng Văn Minh",
        "email": "minh@example.vn",
        "body": "Đề nghị bổ sung quy định về đoàn trực tuyến.",
        "token": _old_token(draft, 60),
        "address": "203.0.113.7",
    }
    values.update(overrides)
    return comment_submit(**values)


def test_index_and_draft_show_files_published_comments_and_summary(client):
    index = ConsultationIndexPage.objects.get(locale__language_code="vi")
    assert index.url == "/chi-dao-dieu-hanh/lay-y-kien-du-thao/"
    listing = client.get(index.url).content.decode()
    assert "Đang lấy ý kiến" in listing and "Đã kết thúc lấy ý kiến" in listing
    html = client.get(open_draft().url).content.decode()
    assert "Đề nghị rút ngắn thời hạn báo cáo" in html  # approved
    assert "Tôi đồng ý với dự thảo." not in html  # still waiting for moderation
    assert "gop-y-0@demo.invalid" not in html  # e-mail addresses are never published
    assert open_draft().files.first().document.url in html
    closed = client.get(closed_draft().url).content.decode()
    assert "Tổng hợp ý kiến" in closed and "Đã kết thúc lấy ý kiến" in closed and "comment-form" not in closed


def test_a_comment_sent_through_the_form_waits_for_moderation(client):
    draft = open_draft()
    page = client.get(draft.url)
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert page.context["form"]["token"].value()  # the form carries its signed time stamp
    token = _old_token(draft, 60)  # as if the visitor took a minute to write
    data = {"name": "Hoàng Văn Minh", "email": "minh@example.vn", "body": "Góp ý về Điều 5 của dự thảo."}
    response = client.post(draft.url, {**data, "token": token, "website": ""})
    assert response.status_code == 302, response.context["form"].errors
    assert response.url.endswith("?da-gui=1")
    comment = Comment.objects.get(body="Góp ý về Điều 5 của dự thảo.")
    assert comment.status == Comment.STATUS_PENDING
    assert "Cảm ơn" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"honeypot": "http://spam.example"}, "không được tiếp nhận"),
        ({"token": "forged:token:value"}, "tải lại trang"),
        ({"token": "__fresh__"}, "quá nhanh"),
        ({"token": "__expired__"}, "mở quá lâu"),
    ],
)
def test_bots_are_refused_with_a_clear_message(overrides, message):
    draft = open_draft()
    if overrides.get("token") == "__fresh__":
        overrides["token"] = form_token(draft.pk)
    if overrides.get("token") == "__expired__":
        overrides["token"] = _old_token(draft, 4 * 3600)
    with translation.override("vi"), pytest.raises(CommentRefused) as refusal:
        _submit(**overrides)
    assert message in str(refusal.value.message)


def test_a_token_for_another_draft_is_refused():
    with pytest.raises(CommentRefused):
        _submit(token=_old_token(closed_draft(), 60))


def test_the_same_comment_twice_is_refused_even_in_other_spelling():
    _submit()
    with translation.override("vi"), pytest.raises(CommentRefused) as refusal:
        _submit(body="  ĐỀ NGHỊ bổ sung quy định về đoàn trực tuyến. ", address="198.51.100.2")
    assert "đã được tiếp nhận" in str(refusal.value.message)


def test_one_address_may_send_only_a_few_comments_in_ten_minutes():
    for number in range(3):
        _submit(body=f"Góp ý số {number}")
    with translation.override("vi"), pytest.raises(CommentRefused) as refusal:
        _submit(body="Góp ý số 4")
    assert "vài phút" in str(refusal.value.message)
    _submit(body="Góp ý từ địa chỉ khác", address="198.51.100.9")  # another address is not held back


def test_a_closed_consultation_takes_no_comment(client):
    with translation.override("vi"), pytest.raises(CommentRefused) as refusal:
        _submit(draft=closed_draft(), token=_old_token(closed_draft(), 60))
    assert "đã kết thúc" in str(refusal.value.message).lower()


def test_bad_input_in_the_form_gets_messages_not_an_error(client):
    response = client.post(open_draft().url, {"name": "", "email": "khong-phai-email", "body": "", "token": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng cho biết họ tên." in html and "Vui lòng viết nội dung góp ý." in html


def test_moderation_publishes_the_comment_and_is_logged(client, django_capture_on_commit_callbacks):
    pending = Comment.objects.get(body="Tôi đồng ý với dự thảo.")
    moderator = StaffFactory(role=roles.SECRETARIAT, unit=Unit.objects.get(code="van-phong"))
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comment_id=pending.pk, status=Comment.STATUS_APPROVED, user=moderator)
    assert "Tôi đồng ý với dự thảo." in client.get(open_draft().url).content.decode()
    entry = ModelLogEntry.objects.filter(action="consultation.moderate", object_id=str(pending.pk)).get()
    assert entry.user_id == moderator.pk


def test_the_secretariat_moderates_in_the_admin(client):
    pending = Comment.objects.get(body="Tôi đồng ý với dự thảo.")
    secretariat = StaffFactory(role=roles.SECRETARIAT, unit=Unit.objects.get(code="van-phong"))
    login_with_second_factor(client, secretariat)
    listing = client.get("/admin/consultation_comments/")
    assert listing.status_code == 200 and "Lê Văn Cường" in listing.content.decode()
    url = f"/admin/consultation_comments/edit/{pending.pk}/"
    assert "Tôi đồng ý với dự thảo." in client.get(url).content.decode()
    response = client.post(url, {"status": "rejected", "moderation_note": "Không có nội dung góp ý cụ thể."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "rejected" and pending.moderated_by == secretariat
    contributor = StaffFactory(role=roles.CONTRIBUTOR, unit=Unit.objects.get(code="hop-tac-quoc-te"))
    client.logout()
    client.force_login(contributor)
    assert client.get("/admin/consultation_comments/").status_code in (302, 403)


def test_english_feed_and_sitemap(client):
    english = open_draft().get_translation(Locale.objects.get(language_code="en"))
    assert client.get(english.url).status_code == 200
    index = ConsultationIndexPage.objects.get(locale__language_code="vi")
    assert open_draft().title in client.get(index.url + "rss/").content.decode()
    assert closed_draft().url in client.get("/sitemap.xml").content.decode()


def test_queries_are_bounded(client, django_assert_max_num_queries):
    draft = open_draft()
    for number in range(15):
        Comment.objects.create(
            draft=draft,
            name=f"Người góp ý {number}",
            email="a@example.vn",
            body=f"Ý kiến {number}",
            status="approved",
            body_hash=str(number),
            sender_hash="x",
            submitted_at=timezone.now() - dt.timedelta(hours=number),
        )
    with django_assert_max_num_queries(30):
        assert client.get(draft.url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(ConsultationIndexPage.objects.get(locale__language_code="vi").url).status_code == 200
