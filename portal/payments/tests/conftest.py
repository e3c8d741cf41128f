import pytest

from portal.applications.models import Application
from portal.applications.tests.conftest import (  # noqa: F401 - the same fixtures: the ABTC procedure, a submitted application
    _private_storage,
    _vietnamese,
    abtc,
    apply_url,
    approver,
    client,
    committed,
    consular,
    form_data,
    officer,
    submitted,
    unit,
)


@pytest.fixture
def consular_application(client, consular):  # noqa: F811 - the fixtures imported above
    """A citizen's application for consular legalisation: a fee of 60.000 đ to pay."""
    data = form_data(
        consular,
        applicant_kind="citizen",
        applicant_name="Nguyễn Thị Hoa",
        f_loai_yeu_cau="Hợp pháp hóa lãnh sự",
        f_so_ban="2",
        f_ten_giay_to="Bằng tốt nghiệp\nBảng điểm",
        f_nuoc_su_dung="Nhật Bản",
        f_dia_chi_nhan="10 Lê Lợi, Huế",
    )
    client.post(apply_url(consular.procedure.slug), data)
    return Application.objects.get(email="lienhe@thuanan.example")
