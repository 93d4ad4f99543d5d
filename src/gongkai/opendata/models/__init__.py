"""数据开放 models, one module per part: catalog (Dataset, Field, Resource) and access (有条件开放
applications and tokens, the opening plan, 需求征集)."""

from .access import (  # noqa: F401
    AccessApplication,
    AccessState,
    AccessToken,
    DataRequest,
    OpeningPlanItem,
    PlanItemState,
    RequestOutcome,
    RequestState,
    TokenUse,
)
from .catalog import (  # noqa: F401
    Dataset,
    DatasetState,
    Field,
    FieldType,
    Openness,
    Resource,
    ResourceVersion,
    Screening,
)
