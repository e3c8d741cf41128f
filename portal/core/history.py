"""Site history (Wagtail's audit log) shows each role only the entries of objects it may see.

Wagtail lets anyone holding one permission on a model read every log entry of that model: a
contributor (who may answer the questions of their unit) read the title and tracking code of every
citizen's question, an officer the receipt number of every unit's applications. Where a model's
permission policy decides per object (`InstanceScopedPolicy`), the entries of its objects are
narrowed to the objects the policy lets the user view: one rule, the policy's, for the listing,
the object's own history and its site history. Page entries (titles of drafts in review) pass through
the `filter_page_history` hooks (portal.editorial keeps contributors and unit heads to their unit's),
the other entries through the `filter_model_history` hooks (portal.units keeps an agency's staff to the
entries of their own agency's people).

An entry of an agency's record carries the agency in its data (`AGENCY_KEY`, written while the record
exists), so that its agency's staff still read it once the record is deleted; an entry written before
that, of a deleted record, is the superusers' only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import ModelLogEntry, PageLogEntry, PageLogEntryManager
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permission_policies import ModelPermissionPolicy


class InstanceScopedPolicy(ModelPermissionPolicy):
    """A model permission policy whose `view` depends on the object (its unit, most often):
    `visible_instances(user)` is what the user may see; history entries follow it."""

    def visible_instances(self, user) -> QuerySet:
        # Each app's policy says this for its own model (qa: QuestionPermissionPolicy, applications:
        # ApplicationPermissionPolicy); a policy that forgot would otherwise show every entry.
        raise NotImplementedError(f"{type(self).__name__} must say which instances a user may view")

    def sees_every_instance(self, user) -> bool:
        """Whoever sees every object also reads the entries of objects deleted since (spam purged)."""
        return user.is_superuser

    def agency_id_of(self, instance) -> int | None:
        """The agency an entry of `instance` records (`AGENCY_KEY`); None: none recorded."""
        return None

    def users_agency_id(self, user) -> int | None:
        """The agency whose recorded entries `user` reads even where the object is gone; None: none."""
        return None

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return instances
        return instances.filter(pk__in=self.visible_instances(user).values("pk"))


# The key of a log entry's data that holds the agency of the record it is about.
AGENCY_KEY = "agency_id"


def _policy_of(model) -> InstanceScopedPolicy | None:
    from wagtail.permissions import policy_registry

    # fallback=False: asking must not create a default policy before an app registers its own
    policy = policy_registry.get_by_type(model, fallback=False) if model is not None else None
    return policy if isinstance(policy, InstanceScopedPolicy) else None


def _scoped_policies_for(content_type_ids) -> list[tuple[int, InstanceScopedPolicy]]:
    scoped = []
    for content_type_id in sorted(content_type_ids):
        policy = _policy_of(ContentType.objects.get_for_id(content_type_id).model_class())
        if policy is not None:
            scoped.append((content_type_id, policy))
    return scoped


class ScopedModelLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        policy = _policy_of(type(instance))
        agency_id = policy.agency_id_of(instance) if policy is not None else None
        if agency_id is not None:
            kwargs["data"] = {**(kwargs.get("data") or {}), AGENCY_KEY: agency_id}
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        entries = super().viewable_by_user(user)
        if user.is_superuser:
            return entries
        for content_type_id, policy in _scoped_policies_for(getattr(user, "_allowed_content_type_ids", ())):
            if policy.sees_every_instance(user):
                continue
            visible = policy.visible_instances(user).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
            readable = Q(object_id__in=visible)
            agency_id = policy.users_agency_id(user)
            if agency_id is not None:  # the agency's records deleted since
                readable |= Q(**{f"data__{AGENCY_KEY}": agency_id})
            entries = entries.filter(~Q(content_type_id=content_type_id) | readable)
        for narrow in hooks.get_hooks("filter_model_history"):
            entries = narrow(user, entries)
        return entries


class ScopedPageLogEntryManager(PageLogEntryManager):
    def viewable_by_user(self, user):
        entries = super().viewable_by_user(user)
        for narrow in hooks.get_hooks("filter_page_history"):
            entries = narrow(user, entries)
        return entries


def use_scoped_log_entries(actions) -> None:
    """Put the scoped proxies in the place of Wagtail's `ModelLogEntry` and `PageLogEntry` (same tables, same
    rows): new entries are written through them and site history reads through their `viewable_by_user`.
    Registered after Wagtail's own `register_log_actions` hook, which registers its two models."""
    from django.db import models
    from wagtail.models import Page

    from .models import ScopedModelLogEntry, ScopedPageLogEntry

    actions.register_model(models.Model, ScopedModelLogEntry)
    actions.register_model(Page, ScopedPageLogEntry)
    # Site history unions one query per registered log model: the unscoped ones must not stay in.
    actions.log_entry_models.discard(ModelLogEntry)
    actions.log_entry_models.discard(PageLogEntry)
