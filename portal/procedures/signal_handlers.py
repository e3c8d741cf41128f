"""The public catalogue is shown on public pages: any change to it is a publishing event (portal.core.publishing)."""

from portal.core.publishing import shown_publicly

from .models import FeeItem, FormField, Procedure, ProcedureField, ProcedureVersion, RequiredDocument

shown_publicly(ProcedureField, Procedure, ProcedureVersion, FormField, RequiredDocument, FeeItem)
