"""Factories for unit tests: the few records a test is about, made by the test itself, instead of
the demo's (whose names, counts and dates change whenever the demo does).

The test database still holds the site's skeleton the demo pack installs (both languages' home pages,
the roles' groups): a factory hangs its pages under it. Each record gets numbered names, so two
made by one test never collide.
"""

import datetime as dt
import uuid

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory, Password
from wagtail.documents import get_document_model

from portal.accounts.models import StaffProfile
from portal.applications.models import Application
from portal.applications.samples import pdf_bytes
from portal.home.models import HomePage
from portal.news.models import ArticlePage, SectionPage
from portal.payments.models import Payment
from portal.procedures.models import (
    FeeItem,
    FormField,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredDocument,
)
from portal.qa import services as qa_services
from portal.units import roles
from portal.units.models import Unit

PASSWORD = "Mat-khau-thu-2026"  # noqa: S105 - every factory-made account's, for client.login


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"phong-thu-nghiem-{n}")
    name_vi = factory.Sequence(lambda n: f"Phòng Thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test Division {n}")


def role_group(role: roles.Role) -> Group:
    """The role's group; made with its permissions (ensure_roles) in a database that has none yet."""
    group = Group.objects.filter(name=role.group_name).first()
    if group is None:
        home = vietnamese_home()
        group = roles.ensure_roles(site_roots=[home, *home.get_translations()])[role]
    return group


class StaffFactory(DjangoModelFactory):
    """A staff account: StaffFactory(role=roles.CATEGORY_EDITOR, unit=UnitFactory()), with a staff profile
    in `unit` when given one. Signs in with PASSWORD."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = "Nguyễn Thị"
    last_name = factory.Sequence(lambda n: f"Cán Bộ {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.vn")
    password = Password(PASSWORD)

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create and extracted is not None:
            user.groups.add(role_group(extracted))

    @factory.post_generation
    def unit(user, create, extracted, **kwargs):
        if create and extracted is not None:
            StaffProfile.objects.update_or_create(user=user, defaults={"unit": extracted})


def vietnamese_home() -> HomePage:
    """The default site's home page (a test may add another agency's site beside it)."""
    return HomePage.objects.get(sites_rooted_here__is_default_site=True)


class PageFactory(DjangoModelFactory):
    """A Wagtail page added under `parent` as editors add it and, unless `publish=False`, published (a revision)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, live=publish, **kwargs)
        (parent or cls._default_parent()).add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    @classmethod
    def _default_parent(cls):
        return vietnamese_home()


class SectionFactory(PageFactory):
    """A category of the Vietnamese site (under its home page unless `parent` says otherwise)."""

    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Chuyên mục thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-thu-nghiem-{n}")


class ArticleFactory(PageFactory):
    """A published news item in a category of its own (ArticleFactory(parent=section) for a given one),
    first published `days_ago` days ago."""

    class Meta:
        model = ArticlePage

    class Params:
        days_ago = 0

    title = factory.Sequence(lambda n: f"Tin bài thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"tin-bai-thu-nghiem-{n}")
    lead = "Tóm tắt tin bài."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Nội dung tin bài.</p>"}])
    first_published_at = factory.LazyAttribute(lambda item: timezone.now() - dt.timedelta(days=item.days_ago))

    @classmethod
    def _default_parent(cls):
        return SectionFactory()


class QuestionFactory(factory.Factory):
    """A citizen's question stored through the service the public form uses (its receipt goes by e-mail
    when the transaction commits). The tracking secret is never stored: it is on the question as `.secret`."""

    class Meta:
        model = qa_services.Submission

    name = "Nguyễn Văn An"
    email = factory.Sequence(lambda n: f"nguoihoi{n}@example.com")
    phone = "0905 123 456"
    title = factory.Sequence(lambda n: f"Câu hỏi thử nghiệm số {n}")
    body = factory.Sequence(lambda n: f"Nội dung câu hỏi thử nghiệm số {n} về thủ tục hợp pháp hóa lãnh sự.")
    language = "vi"
    topic = factory.LazyFunction(lambda: SectionFactory())
    consent_to_publish = True

    @classmethod
    def _create(cls, model_class, *args, address="198.51.100.7", now=None, agency=None, **kwargs):
        # `agency`: the agency of the site it was asked on (the default site's unless named)
        question, secret = qa_services.question_submit(
            submission=model_class(*args, **kwargs),
            address=address,
            agency=agency,
            link_for=lambda code, secret: f"http://testserver/hoi-dap/theo-doi/{code}/{secret}/",
            now=now,
        )
        question.secret = secret
        return question


class ProcedureFieldFactory(DjangoModelFactory):
    class Meta:
        model = ProcedureField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-thu-nghiem-{n}")
    name_vi = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"TN.{n:04d}")
    slug = factory.Sequence(lambda n: f"thu-tuc-thu-nghiem-{n}")
    field = factory.SubFactory(ProcedureFieldFactory)
    unit = factory.SubFactory(UnitFactory)


class ProcedureVersionFactory(DjangoModelFactory):
    """A version of a procedure of its own, in effect from today unless `effective=False` (a draft)."""

    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    name_vi = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    processing_days = 5
    applicants_vi = "<p>Tổ chức, cá nhân.</p>"
    agency_vi = "Sở Ngoại vụ"
    result_vi = "Văn bản trả lời"

    @factory.post_generation
    def effective(version, create, extracted, **kwargs):
        if create and extracted is not False:
            from portal.procedures.services import version_put_into_effect

            version_put_into_effect(version=version, user=None)
            version.refresh_from_db()


class ApplicationFactory(DjangoModelFactory):
    """An application an organisation submitted (status `submitted`) for a procedure in effect of its own."""

    class Meta:
        model = Application

    version = factory.SubFactory(ProcedureVersionFactory)
    procedure = factory.LazyAttribute(lambda application: application.version.procedure)
    idempotency_key = factory.LazyFunction(uuid.uuid4)
    applicant_kind = Application.ORGANISATION
    applicant_name = factory.Sequence(lambda n: f"Công ty TNHH Thử nghiệm {n}")
    email = factory.Sequence(lambda n: f"hoso{n}@example.com")
    phone = "0234 3811 222"
    status = Application.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class PaymentFactory(DjangoModelFactory):
    """A fee payment waiting for the bank, for an application of its own."""

    class Meta:
        model = Payment

    provider = factory.LazyFunction(lambda: settings.PAYMENTS_PROVIDER)  # the provider the settings name
    reference = factory.Sequence(lambda n: f"TN{n:010d}")
    application = factory.SubFactory(ApplicationFactory, fee_amount=150_000)
    amount = factory.LazyAttribute(lambda payment: payment.application.fee_amount)
    description = factory.LazyAttribute(lambda payment: f"Phí hồ sơ {payment.application.applicant_name}")


# --- Applications, payments, procedures (added for their tests) ---


class FormFieldFactory(DjangoModelFactory):
    """A question of a procedure version's online form: FormFieldFactory(version=v, name="so_ban", kind=...)."""

    class Meta:
        model = FormField

    name = factory.Sequence(lambda n: f"cau_hoi_{n}")
    kind = FormField.TEXT
    label_vi = factory.Sequence(lambda n: f"Câu hỏi thử nghiệm {n}")
    label_en = factory.Sequence(lambda n: f"Test question {n}")
    sort_order = factory.Sequence(lambda n: n)


class TemplateDocumentFactory(DjangoModelFactory):
    """A form to download (mẫu đơn): a Wagtail document holding a small PDF."""

    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Mẫu đơn thử nghiệm {n}")
    file = factory.LazyAttributeSequence(
        lambda document, n: ContentFile(pdf_bytes(document.title), name=f"mau-don-thu-nghiem-{n}.pdf")
    )


class RequiredDocumentFactory(DjangoModelFactory):
    """A document an applicant attaches: RequiredDocumentFactory(version=v, key="ho-chieu", max_files=2)."""

    class Meta:
        model = RequiredDocument

    key = factory.Sequence(lambda n: f"giay-to-{n}")
    name_vi = factory.Sequence(lambda n: f"Giấy tờ thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test document {n}")
    quantity_vi = "01 bản sao"
    quantity_en = "one copy"
    sort_order = factory.Sequence(lambda n: n)


class FeeItemFactory(DjangoModelFactory):
    """A fee line: `amount` per answer of `quantity_field`, charged when `condition_field` is ticked (if named)."""

    class Meta:
        model = FeeItem

    name_vi = factory.Sequence(lambda n: f"Lệ phí thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test fee {n}")
    amount = 30_000
    sort_order = factory.Sequence(lambda n: n)


# --- Core screens: what the admin's and the public's screens show (added for their tests) ---


class SubmittedApplicationFactory(ApplicationFactory):
    """An application as the public form leaves it once submitted, `days_ago` days ago: a receipt number and
    the applicant's "submitted" event on its history (ApplicationFactory's has neither)."""

    class Meta:
        skip_postgeneration_save = True

    class Params:
        days_ago = 3

    receipt_number = factory.Sequence(lambda n: f"{settings.APPLICATIONS_RECEIPT_PREFIX}-TN-{n:05d}")
    submitted_at = factory.LazyAttribute(lambda application: timezone.now() - dt.timedelta(days=application.days_ago))

    @factory.post_generation
    def history(application, create, extracted, **kwargs):
        if create:
            from portal.applications.models import ApplicationEvent

            ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.SUBMITTED, by_applicant=True)


class WorkProgrammeFactory(PageFactory):
    """A monthly work programme with two tasks, under the Vietnamese site's programmes index."""

    class Meta:
        model = "schedules.WorkProgrammePage"

    title = factory.Sequence(lambda n: f"Chương trình công tác thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"chuong-trinh-thu-nghiem-{n}")
    period = "month"
    year = 2026
    number = factory.Sequence(lambda n: n % 12 + 1)
    summary = "Các nhiệm vụ trọng tâm của tháng."
    tasks = factory.LazyFunction(
        lambda: [
            _programme_task(when="Tuần 1", content="Tổng kết công tác đối ngoại tháng trước.", unit_other="Văn phòng"),
            _programme_task(when="15/5", content="Đón đoàn công tác của tỉnh bạn.", unit_other="Phòng Lễ tân"),
        ]
    )

    @classmethod
    def _default_parent(cls):
        from portal.schedules.models import WorkProgrammeIndexPage

        return WorkProgrammeIndexPage.objects.get(locale__language_code="vi")


def _programme_task(**fields):
    from portal.schedules.models import ProgrammeTask

    return ProgrammeTask(**fields)


class LeaderFactory(DjangoModelFactory):
    """A leader of the Department, shown on its organisation pages."""

    class Meta:
        model = "organisation.Leader"

    full_name = factory.Sequence(lambda n: f"Trần Văn Lãnh Đạo {n}")
    post_vi = "Phó Giám đốc Sở"
    post_en = "Deputy Director"


class ImageFactory(DjangoModelFactory):
    """An image of the media library: a small PNG of its own."""

    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"Ảnh thử nghiệm số {n}")
    file = factory.django.ImageField(
        width=120, height=80, color="teal", filename=factory.Sequence(lambda n: f"anh-thu-nghiem-{n}.png")
    )


def plan_of_this_year():
    """This year's annual plan: the installed one copied forward, as `setup_portal --plan YEAR` does (kept
    as it is where the year has one already)."""
    from portal.packs.install import plan_next_year

    return plan_next_year(year=timezone.localdate().year, royalties=False)


# --- Documents registry (added for the operations, open data and visits tests) ---


class DocumentKindFactory(DjangoModelFactory):
    class Meta:
        model = "documents.DocumentKind"
        django_get_or_create = ("name_vi",)

    name_vi = "Quyết định"
    name_en = "Decision"


class IssuerFactory(DjangoModelFactory):
    class Meta:
        model = "documents.Issuer"
        django_get_or_create = ("name_vi",)

    name_vi = "Sở Ngoại vụ"
    name_en = "Department of Foreign Affairs"


def library_document(title: str, data: bytes | None = None, name: str = "van-ban.pdf"):
    """A file of Wagtail's document library (in the root collection), as editors upload it: a one-page PDF
    unless `data` says otherwise."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from portal.applications.samples import pdf_bytes

    data = pdf_bytes(title) if data is None else data
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=name))


class DocumentPageFactory(PageFactory):
    """A published document of the Vietnamese registry, issued by IssuerFactory, a decision unless `kind`
    says otherwise; `with_file=True` attaches a PDF of the library."""

    class Meta:
        model = "documents.DocumentPage"

    class Params:
        with_file = False

    title = factory.Sequence(lambda n: f"Văn bản thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"van-ban-thu-nghiem-{n}")
    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-TN")
    kind = factory.SubFactory(DocumentKindFactory)
    issuer = factory.SubFactory(IssuerFactory)
    issue_date = dt.date(2024, 5, 6)
    summary = factory.LazyAttribute(lambda page: f"Trích yếu của {page.title.lower()}.")
    files = factory.LazyAttribute(
        lambda page: [_document_file(library_document(page.title, name=f"{page.slug}.pdf"))] if page.with_file else []
    )

    @classmethod
    def _default_parent(cls):
        from portal.documents.models import DocumentIndexPage

        return DocumentIndexPage.objects.get(locale__language_code="vi")


def _document_file(document):
    from portal.documents.models import DocumentFile

    return DocumentFile(document=document)
