"""The page tree editors may build: which page type may be created under which.

Pinned pair by pair, so that moving the rule from a central list (a category naming every app's
index page) to each page type's own `parent_page_types` keeps exactly the same tree.
"""

from wagtail.models import get_page_models

ALLOWED = {
    ("albums.AlbumIndexPage", "albums.AlbumPage"),
    ("albums.AlbumIndexPage", "news.ArticlePage"),
    ("consultation.ConsultationIndexPage", "consultation.DraftPage"),
    ("consultation.ConsultationIndexPage", "news.ArticlePage"),
    ("disclosure.DisclosureIndexPage", "disclosure.FinancialReportPage"),
    ("disclosure.DisclosureIndexPage", "disclosure.InformationListPage"),
    ("disclosure.DisclosureIndexPage", "news.ArticlePage"),
    ("documents.DocumentIndexPage", "documents.DocumentPage"),
    ("documents.DocumentIndexPage", "news.ArticlePage"),
    ("documents.TreatyIndexPage", "documents.TreatyPage"),
    ("documents.TreatyIndexPage", "news.ArticlePage"),
    ("handbook.HandbookIndexPage", "handbook.HandbookPage"),
    ("handbook.HandbookIndexPage", "news.ArticlePage"),
    ("handbook.HandbookPage", "handbook.HandbookPage"),
    ("home.HomePage", "albums.AlbumIndexPage"),
    ("home.HomePage", "consultation.ConsultationIndexPage"),
    ("home.HomePage", "disclosure.DisclosureIndexPage"),
    ("home.HomePage", "documents.DocumentIndexPage"),
    ("home.HomePage", "documents.TreatyIndexPage"),
    ("home.HomePage", "handbook.HandbookIndexPage"),
    ("home.HomePage", "investment.InvestmentIndexPage"),
    ("home.HomePage", "news.SectionPage"),
    ("home.HomePage", "organisation.OrganisationIndexPage"),
    ("home.HomePage", "organisation.UnitSectionPage"),
    ("home.HomePage", "procedures.ProcedureIndexPage"),
    ("home.HomePage", "qa.QuestionIndexPage"),
    ("home.HomePage", "recruitment.RecruitmentIndexPage"),
    ("home.HomePage", "schedules.WorkProgrammeIndexPage"),
    ("investment.InvestmentIndexPage", "investment.InvestmentProjectPage"),
    ("investment.InvestmentIndexPage", "news.ArticlePage"),
    ("news.SectionPage", "albums.AlbumIndexPage"),
    ("news.SectionPage", "consultation.ConsultationIndexPage"),
    ("news.SectionPage", "disclosure.DisclosureIndexPage"),
    ("news.SectionPage", "documents.DocumentIndexPage"),
    ("news.SectionPage", "documents.TreatyIndexPage"),
    ("news.SectionPage", "handbook.HandbookIndexPage"),
    ("news.SectionPage", "investment.InvestmentIndexPage"),
    ("news.SectionPage", "news.ArticlePage"),
    ("news.SectionPage", "news.SectionPage"),
    ("news.SectionPage", "organisation.UnitSectionPage"),
    ("news.SectionPage", "recruitment.RecruitmentIndexPage"),
    ("news.SectionPage", "schedules.WorkProgrammeIndexPage"),
    ("organisation.OrganisationIndexPage", "disclosure.DisclosureIndexPage"),
    ("organisation.OrganisationIndexPage", "news.ArticlePage"),
    ("organisation.OrganisationIndexPage", "organisation.OrganisationTextPage"),
    ("organisation.OrganisationIndexPage", "organisation.StructurePage"),
    ("organisation.OrganisationIndexPage", "organisation.UnitSectionPage"),
    ("organisation.UnitSectionPage", "news.ArticlePage"),
    ("procedures.ProcedureIndexPage", "news.ArticlePage"),
    ("qa.QuestionIndexPage", "qa.AnswerPage"),
    ("recruitment.RecruitmentIndexPage", "news.ArticlePage"),
    ("recruitment.RecruitmentIndexPage", "recruitment.RecruitmentNoticePage"),
    ("schedules.WorkProgrammeIndexPage", "news.ArticlePage"),
    ("schedules.WorkProgrammeIndexPage", "schedules.WeeklySchedulePage"),
    ("schedules.WorkProgrammeIndexPage", "schedules.WorkProgrammePage"),
    ("wagtailcore.Page", "home.HomePage"),
}


def allowed_pairs() -> set[tuple[str, str]]:
    """(parent, child) for every creatable child type Wagtail lets an editor add or move under the parent."""
    models = get_page_models()
    return {
        (parent._meta.label, child._meta.label)
        for parent in models
        for child in models
        if child.is_creatable and child in parent.clean_subpage_models() and parent in child.clean_parent_page_models()
    }


def test_the_allowed_page_tree_is_the_pinned_one():
    assert allowed_pairs() == ALLOWED


def test_every_creatable_page_type_has_a_place_in_the_tree():
    placed = {child for _parent, child in ALLOWED}
    assert placed == {model._meta.label for model in get_page_models() if model.is_creatable}


def test_the_item_editor_shows_the_panels_other_apps_add_where_they_were():
    from portal.core.panels import added_panels
    from portal.news.models import ArticlePage

    content = ArticlePage.get_edit_handler().children[0]
    shown = [
        getattr(panel, "relation_name", None) or getattr(panel, "field_name", None) or type(panel).__name__
        for panel in content.children
    ]
    assert shown == [
        "ReviewStatusPanel",  # the newsroom's (portal.editorial)
        "title",
        "lead",
        "MultiFieldPanel",
        "body",
        "attachments",
        "MultiFieldPanel",
        "royalty_authors",  # royalties'
        "related_links",
        "CarriesPanel",  # the provincial portal's (portal.province): where the item is carried
    ]
    assert added_panels() == [
        ("news.ArticlePage", "content_panels", "province-carries"),
        ("news.ArticlePage", "content_panels", "review-status"),
        ("news.ArticlePage", "content_panels", "royalty-authors"),
    ]
