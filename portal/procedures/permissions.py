"""The procedure catalogue's admin is each agency's own (issue 22, item 2): a procedure and its versions are
their agency's staff's only (`units.agencies.AgencyPermissionPolicy`; superusers see every agency's).
Procedure fields are a national vocabulary, shared by every agency: Wagtail's model permissions as before."""

from portal.units.agencies import AgencyPermissionPolicy

from .models import Procedure, ProcedureVersion

procedure_policy = AgencyPermissionPolicy(Procedure)
version_policy = AgencyPermissionPolicy(ProcedureVersion, agency_lookup="procedure__agency")
