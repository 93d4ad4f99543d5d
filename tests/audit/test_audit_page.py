from django.urls import reverse


def test_clerk_without_audit_role_is_refused(client, li_ming):
    client.force_login(li_ming)
    assert client.get(reverse("workbench:audit")).status_code == 403


def test_signer_sees_own_agency_entries_only(client, county, zhang_wei):
    client.force_login(zhang_wei)
    page = client.get(reverse("workbench:audit")).content.decode()
    assert "示范县财政局" in page and "示范县住房和城乡建设局" not in page


def test_audit_list_query_count_is_flat(client, county, zhao_qiang, django_assert_max_num_queries):
    client.force_login(zhao_qiang)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("workbench:audit")).status_code == 200
