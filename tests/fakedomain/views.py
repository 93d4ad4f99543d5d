from django.http import HttpResponse
from django.urls import reverse

from gongkai.agencies.scope import staff_view
from gongkai.common.todo import TodoItem
from gongkai.common.urgency import Urgency


def widget_todo(user) -> list[TodoItem]:
    return [
        TodoItem(
            title="待擦亮的小部件：一号",
            url=reverse("fakedomain:home"),
            agency=user.agency.display_name,
            status="待擦亮",
            urgency=Urgency.DUE_SOON,
        )
    ]


@staff_view()
def home(request):
    return HttpResponse("测试业务")
