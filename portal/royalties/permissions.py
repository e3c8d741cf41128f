"""Who may do what with the ledger: Wagtail permission policies, one per model, on the records of the
user's own agency only (`units.agencies.AgencyPermissionPolicy`; superusers see every agency's).

Registered in wagtail_hooks; the services and views ask these, so that another agency's period, sheet or
entry is refused (a 404 in the admin) as one that does not exist."""

from portal.units.agencies import AgencyPermissionPolicy

from .models import RoyaltyEntry, RoyaltyPeriod, RoyaltyWork

# Actions beyond Wagtail's add/change/delete/view are the models' own permissions (settle_royaltyperiod,
# adjust_royaltyentry), which ModelPermissionPolicy names the same way.
entry_policy = AgencyPermissionPolicy(RoyaltyEntry)
period_policy = AgencyPermissionPolicy(RoyaltyPeriod)
work_policy = AgencyPermissionPolicy(RoyaltyWork, agency_lookup="schedule__agency")
