"""Writes to the catalogue: a version is put into effect (retiring the one before), or copied into a new draft.

Both are one transaction each, with the procedure's row locked so that two secretaries cannot put
two versions into effect at once, and both go to Wagtail's audit log under the person who did it.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Procedure, ProcedureVersion


class CatalogueError(Exception):
    """A change the catalogue refuses; the message says why, in the user's language."""


def version_put_into_effect(*, version: ProcedureVersion, user, effective_from: dt.date | None = None) -> None:
    """Make `version` the one in effect from `effective_from` (today by default); the previous one is retired."""
    effective_from = effective_from or timezone.localdate()
    with transaction.atomic():
        Procedure.objects.select_for_update().get(pk=version.procedure_id)
        version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != ProcedureVersion.DRAFT:
            raise CatalogueError(_("Only a draft version can be put into effect."))
        previous = ProcedureVersion.objects.filter(
            procedure_id=version.procedure_id, status=ProcedureVersion.EFFECTIVE
        ).first()
        if previous is not None:
            if previous.effective_from and effective_from < previous.effective_from:
                raise CatalogueError(_("A new version cannot take effect before the version it replaces."))
            previous.status, previous.retired_on = ProcedureVersion.RETIRED, effective_from
            previous.save(update_fields=["status", "retired_on"])
            log(previous, "procedures.retire", user=user, data={"replaced_by": version.number})
        version.status, version.effective_from = ProcedureVersion.EFFECTIVE, effective_from
        version.save(update_fields=["status", "effective_from"])
        log(version, "procedures.put_into_effect", user=user, data={"effective_from": effective_from.isoformat()})


def version_new_draft(*, version: ProcedureVersion, user) -> ProcedureVersion:
    """A draft copy of `version` (its form, documents and fees too), to be changed and put into effect later."""
    with transaction.atomic():
        Procedure.objects.select_for_update().get(pk=version.procedure_id)
        if ProcedureVersion.objects.filter(procedure_id=version.procedure_id, status=ProcedureVersion.DRAFT).exists():
            raise CatalogueError(_("This procedure already has a draft version: change that one."))
        draft, _child_map = version.copy_cluster(
            exclude_fields=["id", "number", "status", "effective_from", "retired_on"]
        )
        draft.status = ProcedureVersion.DRAFT
        draft.decision_vi = draft.decision_en = draft.change_note_vi = draft.change_note_en = ""
        draft.save()
        log(draft, "wagtail.create", user=user, data={"copied_from": version.number})
        return draft
