import pytest

from gongkai.agencies.actions import create_agency
from gongkai.agencies.models import Agency, Kind, Level
from gongkai.audit.models import AuditEntry
from gongkai.common.errors import ActionRefused
from gongkai.common.identifiers import credit_code_problem, is_valid_credit_code, make_credit_code


@pytest.mark.parametrize(
    "code, ok",
    [
        ("11441700007280420Y", True),  # the example in RULES.md §5
        ("91350100M000100Y43", True),  # a published company code
        ("11441700007280420X", False),  # wrong check character
        ("11441700007280420", False),  # 17 characters
        ("1144170000728042OY", False),  # letter O is not in the charset
        ("11AB1700007280420Y", False),  # region code must be digits
    ],
)
def test_credit_code_check_digit(code, ok):
    assert is_valid_credit_code(code) is ok


def test_messages_name_the_problem():
    assert "校验位" in credit_code_problem("11441700007280420X")
    assert "应为Y" in credit_code_problem("11441700007280420X")
    assert "18位" in credit_code_problem("123")


def test_make_credit_code_completes_a_stem():
    assert make_credit_code("11441700007280420") == "11441700007280420Y"


@pytest.mark.django_db
def test_wrong_credit_code_is_refused_and_changes_nothing():
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ActionRefused, match="校验位错误"):
        create_agency(
            None,
            name="错误代码局",
            level=Level.COUNTY,
            kind=Kind.DEPARTMENT,
            credit_code="11441700007280420X",
        )
    assert not Agency.objects.filter(name="错误代码局").exists()
    assert AuditEntry.objects.count() == audit_before
