from __future__ import annotations

import pytest

from tests.publishing.builders import team  # noqa: F401  (the publishing team fixture)

from .helpers import finance_admin, housing_admin, issue


@pytest.fixture
def he_jing(county):
    return finance_admin(county)


@pytest.fixture
def gao_feng(county):
    return housing_admin(county)


@pytest.fixture
def finance_token(he_jing):
    """The raw token of 县财政局's OA system, every scope."""
    return issue(he_jing)[1]


@pytest.fixture
def housing_token(gao_feng):
    return issue(gao_feng, name="县住建局OA对接")[1]
