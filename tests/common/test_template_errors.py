"""Django's template syntax errors reach the administrator in Chinese, with no English left."""

import re

import pytest
from django.template import Engine, TemplateSyntaxError

from gongkai.common.template_errors import template_error_zh


def django_error(body: str) -> str:
    with pytest.raises(TemplateSyntaxError) as exc:
        Engine(libraries=Engine.get_default().libraries).from_string(body)
    return str(exc.value)


@pytest.mark.parametrize(
    ("body", "chinese"),
    [
        ("{% if a %}x", "第1行的 {% if %} 没有结束标签，需要补上 {% endif %}"),
        ("{% for a in b %}x", "第1行的 {% for %} 没有结束标签，需要补上 {% endfor %}"),
        ("x\n{% frobnicate %}", "第2行的标签 {% frobnicate %} 不存在，请检查拼写"),
        ("{% if a %}\n{% endfor %}", "第2行的标签 {% endfor %} 不在此处，这里应当是 {% endif %}"),
        ("{{ a|shout }}", "过滤器“shout”不存在，请检查拼写"),
        ("{{ app-name }}", "无法识别“app-name”中的“-name”，占位符只能由字母、数字、下划线和点组成"),
        ("x\n\n{{ }}", "第3行有空的 {{ }}，请填写占位符或删除"),
        ("{% %}", "第1行有空的 {% %}，请填写标签或删除"),
        ("{% for a %}{% endfor %}", "for 标签的写法应为 {% for 名称 in 列表 %}"),
    ],
)
def test_django_messages_in_chinese(body, chinese):
    assert template_error_zh(django_error(body)) == chinese


def test_an_unknown_message_keeps_only_the_line_number():
    said = template_error_zh("Something new on line 4: 'x'")
    assert said.startswith("第4行有无法识别的写法") and not re.search(r"[A-Za-z]{3,}", said)
