from django.shortcuts import render

from gongkai.agencies.scope import staff_view
from gongkai.common.params import clean_query

from .forms import DeadlineForm
from .services import count_start_day, current_calendar


@staff_view()
def calculator(request):
    """The deadline calculator: the same arithmetic every statutory clock uses, shown day by day."""
    form = DeadlineForm(clean_query(request.GET) or None)
    calendar = current_calendar()
    deadline = None
    if form.is_valid():
        deadline = calendar.add_workdays(
            form.cleaned_data["start"], form.cleaned_data["days"], count_start_day=count_start_day()
        )
    context = {
        "nav": "workdays",
        "form": form,
        "deadline": deadline,
        "known_through": calendar.known_through,
        "count_start_day": count_start_day(),
    }
    return render(request, "workdays/calculator.html", context)
