"""The sign-in log stores the client's address only when it is one (PostgreSQL's inet refuses the rest)."""

from django.test import RequestFactory, override_settings

from portal.core.clients import client_address, client_ip


@override_settings(CLIENT_ADDRESS_HEADER="HTTP_X_REAL_IP")
def test_only_a_real_address_is_given_to_the_sign_in_log():
    factory = RequestFactory()
    assert client_ip(factory.get("/", HTTP_X_REAL_IP="203.0.113.7")) == "203.0.113.7"
    assert client_ip(factory.get("/", HTTP_X_REAL_IP="2001:db8::1, 10.0.0.1")) == "2001:db8::1"
    forged = factory.get("/", HTTP_X_REAL_IP="<script>", REMOTE_ADDR="")
    assert client_address(forged) == "<script>" and client_ip(forged) is None
    nowhere = factory.get("/", REMOTE_ADDR="")
    assert client_address(nowhere) == "unknown" and client_ip(nowhere) is None
