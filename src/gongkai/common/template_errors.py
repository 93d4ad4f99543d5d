"""Django's template syntax errors, said in Chinese to the administrator who edits a template.

Pure: no Django. Django's messages are English and not marked for translation; the common ones are
recognised by their wording, anything else gets a Chinese explanation with the line number alone.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"on line (\d+)")

# (pattern of Django's message, Chinese message; groups fill the {}s in order)
_KNOWN: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"Invalid block tag on line (\d+): '([^']*)', expected (?:.* or )?'([^']*)'"),
        "第{}行的标签 {{% {} %}} 不在此处，这里应当是 {{% {} %}}",
    ),
    (
        re.compile(r"Invalid block tag on line (\d+): '([^']*)'"),
        "第{}行的标签 {{% {} %}} 不存在，请检查拼写",
    ),
    (
        re.compile(r"Unclosed tag on line (\d+): '([^']*)'. Looking for one of: (?:.*, )?(\w+)"),
        "第{}行的 {{% {} %}} 没有结束标签，需要补上 {{% {} %}}",
    ),
    (re.compile(r"Invalid filter: '([^']*)'"), "过滤器“{}”不存在，请检查拼写"),
    (
        re.compile(r"Could not parse the remainder: '([^']*)' from '([^']*)'"),
        "无法识别“{1}”中的“{0}”，占位符只能由字母、数字、下划线和点组成",
    ),
    (re.compile(r"Empty variable tag on line (\d+)"), "第{}行有空的 {{{{ }}}}，请填写占位符或删除"),
    (re.compile(r"Empty block tag on line (\d+)"), "第{}行有空的 {{% %}}，请填写标签或删除"),
    (
        re.compile(r"'for' statements should"),
        "for 标签的写法应为 {{% for 名称 in 列表 %}}",
    ),
]


def template_error_zh(message: str) -> str:
    """The Chinese for one of Django's TemplateSyntaxError messages."""
    for pattern, chinese in _KNOWN:
        match = pattern.search(message)
        if match:
            return chinese.format(*match.groups())
    line = _LINE.search(message)
    where = f"第{line.group(1)}行" if line else "模板中"
    return f"{where}有无法识别的写法，请检查 {{% %}} 与 {{{{ }}}} 是否成对、标签和占位符是否拼写正确"
