"""Payment providers as plugins, in the manner of open-forms' payments registry.

A provider is a class registered under a key; the portal asks the registry for the one in use
(settings.PAYMENTS_PROVIDER) and never names a provider elsewhere. VNPay is implemented;
the national platform PayGov registers the same way when its agreement and keys exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Confirmation:
    """What a verified notification from the provider says about one payment."""

    reference: str
    amount: int  # đồng
    succeeded: bool
    transaction_no: str = ""
    bank_code: str = ""
    response_code: str = ""


class InvalidSignature(Exception):
    pass


class BasePlugin:
    key = ""
    verbose_name = ""

    def is_configured(self) -> bool:
        raise NotImplementedError

    def time_limit(self) -> dt.timedelta:
        """How long the gateway lets the payer pay a payment it was sent to."""
        return dt.timedelta(minutes=15)

    def start_url(self, payment, *, request: HttpRequest) -> str:
        """Where to send the payer's browser to pay `payment`."""
        raise NotImplementedError

    def verify(self, params: dict[str, str]) -> Confirmation:
        """The confirmation these signed parameters carry; InvalidSignature if they are not the provider's."""
        raise NotImplementedError


class Registry:
    def __init__(self) -> None:
        self._plugins: dict[str, BasePlugin] = {}

    def __call__(self, key: str) -> Callable[[type[BasePlugin]], type[BasePlugin]]:
        def decorator(plugin_class: type[BasePlugin]) -> type[BasePlugin]:
            if key in self._plugins:
                raise ValueError(f"payment provider {key!r} is registered twice")
            plugin = plugin_class()
            plugin.key = key
            self._plugins[key] = plugin
            return plugin_class

        return decorator

    def __getitem__(self, key: str) -> BasePlugin:
        return self._plugins[key]

    def __iter__(self) -> Iterator[BasePlugin]:
        return iter(self._plugins.values())

    def __contains__(self, key: str) -> bool:
        return key in self._plugins


register = Registry()
