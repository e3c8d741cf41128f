"""Another agency's details change every place the portal names the agency: its mails' sender and
signature, the authenticator app's label, the royalty sheet's date line and the open data title."""

import datetime as dt
from email.header import decode_header, make_header
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from portal.applications.notifications import sign_in_link
from portal.core.models import AgencySettings
from portal.royalties.exports import sheet_xlsx
from portal.royalties.models import RoyaltyPeriod
from portal.royalties.selectors import payment_sheet
from portal.royalties.services import period_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def lam_son():
    agency = AgencySettings.load()
    agency.name_vi, agency.name_en = "Sở Văn hóa tỉnh Lam Sơn", "Lam Son Department of Culture"
    agency.place_vi = "Lam Sơn"
    agency.save()
    return agency


def test_mails_are_sent_and_signed_in_the_agencys_name(lam_son):
    sign_in_link("dan@example.com", "https://portal.example/ho-so/dang-nhap/abc/", "en")

    message = mail.outbox[-1]
    sender = str(make_header(decode_header(message.message()["From"])))
    assert sender == "Sở Văn hóa tỉnh Lam Sơn <no-reply@localhost>"
    # Signed in the mail's language: the agency's name, then its address and hotline.
    name, address, hotline = message.body.rstrip().splitlines()[-3:]
    assert name == "Lam Son Department of Culture"
    assert address.startswith("Address: ") and hotline.startswith("Hotline: ")
    assert "Ngoại vụ" not in message.body and "Foreign Affairs" not in message.body


def test_the_authenticator_app_shows_the_agencys_name(lam_son):
    user = get_user_model().objects.create_user("bientap-lamson", password="x")
    device = TOTPDevice.objects.create(user=user, name="default")

    assert "issuer=S%E1%BB%9F%20V%C4%83n%20h%C3%B3a%20t%E1%BB%89nh%20Lam%20S%C6%A1n" in device.config_url


def test_the_royalty_sheet_is_dated_at_the_agencys_place(lam_son, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC), tick=False)
    period = period_open(kind=RoyaltyPeriod.KIND_QUARTER, year=2026, number=1)

    cells = [
        cell.value
        for row in load_workbook(BytesIO(sheet_xlsx(payment_sheet(period=period)))).active.iter_rows()
        for cell in row
    ]

    assert "Lam Sơn, ngày 05 tháng 3 năm 2026" in cells  # Decree 30/2020: months from 3 on without a 0


def test_the_open_data_description_names_the_agency(lam_son):
    with translation.override("en"):
        title = Client().get("/api/v1/openapi.json", {"lang": "en"}).json()["info"]["title"]
    assert title == "Open data of the Lam Son Department of Culture portal"
