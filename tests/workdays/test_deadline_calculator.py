from django.urls import reverse


def test_calculator_explains_national_day(client, li_ming):
    client.force_login(li_ming)
    page = client.get(reverse("workdays:calculator"), {"start": "2026-09-28", "days": "20"}).content.decode()
    # 9-29, 9-30 are days 1-2; 10-1..10-7 国庆节; 10-8, 10-9 days 3-4; 10-10 (Sat, 调休上班) day 5;
    # then five working days a week: 10-16 is day 10, 10-23 day 15, 10-30 day 20.
    assert "国庆节" in page and "调休上班" in page
    assert "到期日：2026年10月30日" in page


def test_calculator_marks_2027_provisional(client, li_ming):
    client.force_login(li_ming)
    page = client.get(reverse("workdays:calculator"), {"start": "2026-12-15", "days": "20"}).content.decode()
    assert "暂定" in page and "2027年的节假日安排尚未发布" in page


def test_calculator_rejects_bad_input_in_chinese(client, li_ming):
    client.force_login(li_ming)
    page = client.get(reverse("workdays:calculator"), {"start": "2026-02-30", "days": "0"}).content.decode()
    assert "到期日" not in page
    assert "有效的日期" in page or "输入一个有效的日期" in page
    assert "大于或等于" in page
