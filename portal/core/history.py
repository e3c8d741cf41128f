"""Site history (Wagtail's audit log) shows each role only the entries of objects it may see.

Wagtail lets anyone holding one permission on a model read every log entry of that model: a
contributor (who may answer the questions of their unit) read the title and tracking code of every
citizen's question, an officer the receipt number of every unit's applications. Where a model's
permission policy decides per object (`InstanceScopedPolicy`), the entries of its objects are
narrowed to the objects the policy lets the user view: one rule, the policy's, for the listing,
the object's own history and its site history.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permission_policies import ModelPermissionPolicy


class InstanceScopedPolicy(ModelPermissionPolicy):
    """A model permission policy whose `view` depends on the object (its unit, most often):
    `visible_instances(user)` is what the user may see; history entries follow it."""

    def visible_instances(self, user) -> QuerySet:
        raise NotImplementedError

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return instances
        return instances.filter(pk__in=self.visible_instances(user).values("pk"))


def _scoped_policies_for(content_type_ids) -> list[tuple[int, InstanceScopedPolicy]]:
    from wagtail.permissions import policy_registry

    scoped = []
    for content_type_id in sorted(content_type_ids):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        # fallback=False: asking must not create a default policy before an app registers its own
        policy = policy_registry.get_by_type(model, fallback=False) if model is not None else None
        if isinstance(policy, InstanceScopedPolicy):
            scoped.append((content_type_id, policy))
    return scoped


class ScopedModelLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        entries = super().viewable_by_user(user)
        if user.is_superuser:
            return entries
        for content_type_id, policy in _scoped_policies_for(getattr(user, "_allowed_content_type_ids", ())):
            visible = policy.visible_instances(user).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
            entries = entries.filter(~Q(content_type_id=content_type_id) | Q(object_id__in=visible))
        return entries


def use_scoped_log_entries(actions) -> None:
    """Put the scoped proxy in the place of Wagtail's `ModelLogEntry` (same table, same rows): new entries
    are written through it and site history reads through its `viewable_by_user`. Registered after
    Wagtail's own `register_log_actions` hook, which registers `ModelLogEntry` for every model."""
    from django.db import models

    from .models import ScopedModelLogEntry

    actions.register_model(models.Model, ScopedModelLogEntry)
    # Site history unions one query per registered log model: the unscoped one must not stay in.
    actions.log_entry_models.discard(ModelLogEntry)
