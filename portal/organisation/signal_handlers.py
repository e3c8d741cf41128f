"""Leaders and unit profiles are shown on public pages: a change is a publishing event (portal.core.publishing)."""

from portal.core.publishing import shown_publicly

from .models import Leader, UnitProfile

shown_publicly(Leader, UnitProfile)
