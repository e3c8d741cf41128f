from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "portal.planning"
    label = "planning"
    verbose_name = _("Annual plan")

    def ready(self) -> None:
        from django.apps import apps

        from portal.albums.selectors import images_published_under

        from . import signal_handlers  # noqa: F401
        from .registry import register_item_type, register_quantity

        # What counts as an item of the plan, and the date its deadline rule counts from (Appendix I:
        # "after the document", "after the event"); the rest are counted, with no rule of their own.
        dated = {
            "news.ArticlePage": {"reference_date_field": "source_date", "unit_field": "unit"},
            "documents.DocumentPage": {"reference_date_field": "issue_date"},
            "albums.AlbumPage": {"reference_date_field": "event_date"},
            "recruitment.RecruitmentNoticePage": {"reference_date_field": "notice_date"},
        }
        plain = [
            "documents.TreatyPage",
            "schedules.WorkProgrammePage",
            "schedules.WeeklySchedulePage",
            "qa.AnswerPage",
            "handbook.HandbookPage",
            "organisation.OrganisationTextPage",
            "organisation.StructurePage",
            "investment.InvestmentProjectPage",
            "disclosure.FinancialReportPage",
            "disclosure.InformationListPage",
            "consultation.DraftPage",
        ]
        for label, fields in dated.items():
            register_item_type(apps.get_model(label), **fields)
        for label in plain:
            register_item_type(apps.get_model(label))
        # Appendix I row 16 counts the activity photos in images, not in albums.
        register_quantity(apps.get_model("albums.AlbumIndexPage"), images_published_under)
