"""Who may do what above the agencies, decided where Wagtail decides (its permission policies).

- "oversee": the provincial board sees every agency's figures and dashboards, read-only, and
  exports the province's quarterly summary;
- "carry": the provincial portal's editors carry agencies' published items to its site; Wagtail's
  own page permissions then say where in the province's tree (the alias action's check).
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ProvincialPortal

OVERSEE, CARRY = "oversee", "carry"

province_policy = ModelPermissionPolicy(ProvincialPortal)
register_permission_policy(ProvincialPortal, province_policy)


def can_oversee(user) -> bool:
    return province_policy.user_has_permission(user, OVERSEE)


def can_carry(user) -> bool:
    return province_policy.user_has_permission(user, CARRY)
