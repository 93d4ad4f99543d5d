"""舆情 models, one module per part so that parallel work does not collide:
sources (Source, Post), events (Event); watch plans, handling (会商, responses) and reports add theirs."""

from .events import Event, EventHour, EventSource, EventState, Grade  # noqa: F401
from .handling import (  # noqa: F401
    AgencyRule,
    Assessment,
    Escalation,
    GradeDecision,
    Report,
    ReportKind,
    ReportState,
    Response,
    ResponseKind,
)
from .plans import PlanMatch, WatchPlan  # noqa: F401
from .sources import (  # noqa: F401
    Demand,
    FetchLog,
    OwnChannel,
    Post,
    Sentiment,
    Source,
    SourceCategory,
    SourceKind,
)
