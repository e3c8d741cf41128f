"""Wagtail creates the tree's root page titled "Root", which the admin's breadcrumbs and page chooser show
to the newsroom: the admin speaks Vietnamese, so the root is "Gốc" (a root renamed by staff is left alone)."""

from django.db import migrations

ENGLISH, VIETNAMESE = "Root", "Gốc"


def rename(apps, schema_editor, old=ENGLISH, new=VIETNAMESE):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=VIETNAMESE, new=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial"), ("wagtailcore", "0002_initial_data")]

    operations = [migrations.RunPython(rename, rename_back)]
