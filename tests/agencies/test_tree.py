import pytest

from gongkai.agencies.actions import update_agency
from gongkai.common.errors import ActionRefused


def test_paths_form_a_tree(county):
    assert county.finance.path == f"{county.government.path}{county.finance.pk}/"
    assert set(county.government.subtree()) == {
        county.government,
        county.office,
        county.finance,
        county.housing,
        county.township,
    }
    assert list(county.finance.ancestors()) == [county.government]
    assert county.finance.is_within(county.government)
    assert not county.neighbour.is_within(county.government)


def test_moving_an_agency_moves_its_subtree(county):
    update_agency(None, county.township, parent=county.housing)
    county.township.refresh_from_db()
    assert county.township.path == f"{county.housing.path}{county.township.pk}/"
    assert county.township.is_within(county.housing)


def test_an_agency_cannot_move_below_itself(county):
    with pytest.raises(ActionRefused, match="下级"):
        update_agency(None, county.government, parent=county.finance)
    county.government.refresh_from_db()
    assert county.government.parent is None
