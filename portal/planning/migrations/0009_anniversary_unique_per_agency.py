"""An anniversary's name and date are unique within its agency, which every anniversary now has."""

import django.db.models.deletion
import portal.core.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0016_agency_province_level'),
        ('planning', '0008_anniversary_agency'),
        ('units', '0007_agency_collection'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='anniversary',
            name='unique_anniversary',
        ),
        migrations.AlterField(
            model_name='anniversary',
            name='agency',
            field=models.ForeignKey(default=portal.core.models.default_agency, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.agencysettings', verbose_name='agency'),
        ),
        migrations.AddConstraint(
            model_name='anniversary',
            constraint=models.UniqueConstraint(fields=('agency', 'name_vi', 'date'), name='unique_anniversary_per_agency', violation_error_message='The agency has an anniversary of this name on this date already.'),
        ),
    ]
