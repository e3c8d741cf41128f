"""The newsroom's roles as Django groups, with least-privilege page permissions.

The approval workflow that ties them together belongs to the editorial app; this module only
says who may do what on the page tree.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowState,
)

from portal.core.models import AgencySettings


@dataclass(frozen=True)
class Role:
    group_name: str  # shown in the admin, Vietnamese first as the glossary says
    label: str
    page_permissions: tuple[str, ...]
    model_permissions: tuple[tuple[str, str], ...] = ()  # (app label, codename)


def _manage(app_label: str, model: str) -> tuple[tuple[str, str], ...]:
    return tuple((app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view"))


# Royalties (portal.royalties): editors set an item's coefficient before publication; the secretariat keeps
# the schedule; only the accountant and the editor-in-chief (and superusers) see the ledger.
ROYALTY_ASSESS = (("royalties", "add_royaltyassessment"), ("royalties", "change_royaltyassessment"))
ROYALTY_SCHEDULE_VIEW = (("royalties", "view_royaltyschedule"), ("royalties", "view_royaltyrate"))
ROYALTY_LEDGER_VIEW = (("royalties", "view_royaltyentry"), ("royalties", "view_royaltyperiod"))
# The translation queue: units translate the items of their field (Appendix I, row 18).
TRANSLATION_QUEUE = (("translations", "view_translationtask"),)

# Citizens' questions (portal.qa): the secretariat routes, members of the unit draft the answer,
# the editor-in-chief approves. A delegate of the editor-in-chief gets QA_APPROVE on their account.
QA_VIEW = (("qa", "view_question"),)
QA_ANSWER = QA_VIEW + (("qa", "answer_question"),)
QA_ROUTE = QA_VIEW + (("qa", "route_question"), ("qa", "mark_spam_question"))
QA_APPROVE = QA_VIEW + (("qa", "approve_answer"),)

CONTRIBUTOR = Role("Cộng tác viên", _("contributor"), ("add_page",), model_permissions=TRANSLATION_QUEUE + QA_ANSWER)
UNIT_HEAD = Role(
    "Trưởng đơn vị", _("unit head"), ("add_page", "change_page"), model_permissions=TRANSLATION_QUEUE + QA_ANSWER
)
CATEGORY_EDITOR = Role(
    "Phụ trách biên tập",
    _("category editor"),
    ("add_page", "change_page", "lock_page"),
    model_permissions=ROYALTY_ASSESS + TRANSLATION_QUEUE,
)
SECRETARIAT = Role(
    "Thường trực Ban Biên tập",
    _("board secretariat"),
    ("add_page", "change_page", "lock_page", "unlock_page"),
    # runs the site day to day: the sources of collected items, who edits which category, and the
    # procedure catalogue (not the applications, which only the handling unit's staff see)
    model_permissions=_manage("collected", "feedsource")
    # the annual plan, its anniversaries, the working-day calendar and the reminders (plan IV.1)
    + _manage("planning", "plan")
    + _manage("planning", "anniversary")
    + _manage("core", "workingdaychange")
    + (("planning", "change_remindersettings"), ("planning", "view_dashboard"))
    + (("planning", "view_reminderlog"), ("operations", "view_incident"))
    + _manage("royalties", "royaltyschedule")
    + _manage("royalties", "royaltyrate")
    + ROYALTY_ASSESS
    + _manage("translations", "categorytranslationrule")
    + TRANSLATION_QUEUE
    + _manage("procedures", "procedure")
    + _manage("procedures", "procedureversion")
    + _manage("procedures", "procedurefield")
    # the lists the content types are filed under, the organisation's data, and moderation of public comments
    + _manage("documents", "documentkind")
    + _manage("documents", "issuer")
    + _manage("documents", "legalfield")
    + _manage("documents", "country")
    + _manage("investment", "sector")
    + _manage("organisation", "leader")
    + _manage("organisation", "unitprofile")
    + (("consultation", "view_comment"), ("consultation", "change_comment"))
    + QA_ROUTE
    # the static archive of a year (portal.archive): export it, download it, delete old exports
    + (("archive", "export_archive"),)
    # the board's meetings and news-writing training (plan IV.1, II.4)
    + _manage("board", "meeting")
    + _manage("board", "trainingcourse"),
)
EDITOR_IN_CHIEF = Role(
    "Trưởng Ban Biên tập",
    _("editor-in-chief"),
    ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    # sees the plan dashboard and the quarterly report; the secretariat edits the plan
    model_permissions=(("planning", "view_dashboard"), ("planning", "view_plan"), ("operations", "view_incident"))
    + ROYALTY_ASSESS
    + ROYALTY_SCHEDULE_VIEW
    + ROYALTY_LEDGER_VIEW
    + (("royalties", "adjust_royaltyentry"),)
    + TRANSLATION_QUEUE
    + QA_APPROVE
    + (("board", "view_meeting"), ("board", "view_trainingcourse")),
)
ACCOUNTANT = Role(
    "Kế toán - Tài vụ",
    _("accountant"),
    (),
    model_permissions=ROYALTY_SCHEDULE_VIEW
    + ROYALTY_LEDGER_VIEW
    + (("royalties", "add_royaltyperiod"), ("royalties", "settle_royaltyperiod")),
)
# Online applications, each for the procedures of the staff member's own unit (portal.applications.permissions).
APPLICATION_OFFICER = Role(
    "Cán bộ xử lý hồ sơ",
    _("application officer"),
    (),
    model_permissions=(("applications", "view_application"), ("applications", "handle_application")),
)
APPLICATION_APPROVER = Role(
    "Lãnh đạo duyệt hồ sơ",
    _("application approver"),
    (),
    model_permissions=(("applications", "view_application"), ("applications", "decide_application")),
)
ROLES = (
    CONTRIBUTOR,
    UNIT_HEAD,
    CATEGORY_EDITOR,
    SECRETARIAT,
    EDITOR_IN_CHIEF,
    ACCOUNTANT,
    APPLICATION_OFFICER,
    APPLICATION_APPROVER,
)

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# Granted on the agency's own collection (agency_collection): Wagtail's images and documents ask the
# collection's permissions, never the group's model permissions.
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


# Created by Wagtail's own migrations (with admin access and rights on the root page, and an approval
# workflow that lets an author approve their own item); the portal has its own roles and workflows.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults() -> list[str]:
    """Delete Wagtail's default groups and approval workflow, and say what went, for the setup report.

    The members of a default group are kept (only their membership goes, which gave them no right in
    the portal) and named, so that someone gives them a role. A workflow with items' history is
    disabled rather than deleted, so the history stays. Idempotent: the data migration
    units.0003 already removed whatever nobody used."""
    removed = []
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).order_by("name"):
        members = sorted(group.user_set.values_list("username", flat=True))
        group.delete()
        if members:
            removed.append(
                _("Wagtail's default group “%(group)s”; its members keep their accounts, with no role: %(users)s")
                % {"group": group.name, "users": ", ".join(members)}
            )
        else:
            removed.append(_("Wagtail's default group “%(group)s”") % {"group": group.name})
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow, name=WAGTAIL_DEFAULT_WORKFLOW))
        if WorkflowState.objects.filter(workflow=workflow).exists():
            if not workflow.active:
                continue
            workflow.deactivate()  # also detaches it from its pages
            removed.append(
                _("Wagtail's default workflow “%(workflow)s” (disabled: items' history refers to it)")
                % {"workflow": workflow.name}
            )
            continue
        workflow.delete()
        for task in tasks:
            if not task.task_states.exists() and not task.workflow_tasks.exists():
                task.delete()
        removed.append(_("Wagtail's default workflow “%(workflow)s”") % {"workflow": workflow.name})
    return removed


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_name(role: Role, agency: AgencySettings | None = None) -> str:
    """The name of `role`'s group in `agency`: the role's own name in the default site's agency (an
    installation of one agency sees no change), followed by the agency's symbol in any other."""
    if agency is None or agency.site.is_default_site:
        return role.group_name
    return f"{role.group_name} ({agency.symbol or agency.code})"


def groups_in_any_agency(*of_roles: Role) -> Q:
    """A filter on Group: the groups of these roles in every agency of the installation (group_name)."""
    names = [role.group_name for role in of_roles]
    return reduce(operator.or_, (Q(name__startswith=f"{name} (") for name in names), Q(name__in=names))


def agency_collection(agency: AgencySettings) -> Collection:
    """`agency`'s collection of images and documents, under the root one, named after it; made once."""
    from .models import AgencyCollection

    link = AgencyCollection.objects.filter(agency=agency).select_related("collection").first()
    if link is not None:
        return link.collection
    collection = Collection.get_first_root_node().add_child(name=agency.name_vi or agency.code)
    AgencyCollection.objects.create(agency=agency, collection=collection)
    return collection


def ensure_roles(*, site_roots: list[Page], agency: AgencySettings | None = None) -> dict[Role, Group]:
    """Create `agency`'s groups (linked to it: `AgencyGroup`) and grant their permissions on each language's
    root of its site and on its collection of images and documents. Idempotent."""
    from .models import AgencyGroup

    owner = agency or AgencySettings.load()
    collection = agency_collection(owner) if owner.pk else None
    media = [_permission(*perm) for perm in MEDIA_PERMISSIONS]
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=group_name(role, agency))
        if owner.pk:
            AgencyGroup.objects.get_or_create(group=group, defaults={"agency": owner})
        group.permissions.add(_permission(*ADMIN_ACCESS))
        group.permissions.remove(*media)  # given before collections were per agency, and never asked
        if role.page_permissions and collection is not None:
            for permission in media:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
        group.permissions.add(*(_permission(*perm) for perm in role.model_permissions))
        for root in site_roots:
            for codename in role.page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission("wagtailcore", codename)
                )
        groups[role] = group
    return groups
