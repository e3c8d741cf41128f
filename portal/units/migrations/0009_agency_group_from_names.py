"""Each agency's role groups were told by their names (the role's, followed by the agency's symbol outside
the default site): link each to its agency. Groups of no role keep no agency (the superusers')."""

from django.db import migrations

# portal.units.roles.ROLES' group names when this migration was written (a migration keeps its own copy).
ROLE_GROUP_NAMES = (
    "Cộng tác viên",
    "Trưởng đơn vị",
    "Phụ trách biên tập",
    "Thường trực Ban Biên tập",
    "Trưởng Ban Biên tập",
    "Kế toán - Tài vụ",
    "Cán bộ xử lý hồ sơ",
    "Lãnh đạo duyệt hồ sơ",
)


def link_role_groups(apps, schema_editor):
    AgencySettings = apps.get_model("core", "AgencySettings")
    AgencyGroup = apps.get_model("units", "AgencyGroup")
    Group = apps.get_model("auth", "Group")
    for agency in AgencySettings.objects.select_related("site"):
        # portal.units.roles.group_name, on the historical models
        suffix = "" if agency.site.is_default_site else f" ({agency.symbol or agency.code})"
        names = [f"{name}{suffix}" for name in ROLE_GROUP_NAMES]
        for group in Group.objects.filter(name__in=names, agency_link__isnull=True):
            AgencyGroup.objects.create(group=group, agency=agency)


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0008_agency_group"),
    ]

    operations = [migrations.RunPython(link_role_groups, migrations.RunPython.noop)]
