from gongkai.agencies.models import Agency
from gongkai.agencies.scope import can_see_agency, scoped, visible_agencies


def test_staff_see_only_their_agency(county, li_ming):
    assert list(visible_agencies(li_ming)) == [county.finance]
    assert can_see_agency(li_ming, county.finance)
    assert not can_see_agency(li_ming, county.housing)


def test_supervising_office_sees_its_government_subtree(county, zhao_qiang):
    seen = set(visible_agencies(zhao_qiang))
    assert seen == {county.government, county.office, county.finance, county.housing, county.township}
    assert not can_see_agency(zhao_qiang, county.neighbour)


def test_supervisor_elsewhere_sees_nothing_of_this_county(county, chen_jing):
    assert set(visible_agencies(chen_jing)) == {county.neighbour}
    assert scoped(chen_jing, Agency.objects.all(), "self").filter(pk=county.finance.pk).count() == 0
