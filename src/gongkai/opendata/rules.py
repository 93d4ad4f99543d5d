"""Who may do what to a dataset, and which datasets a staff member sees.

A dataset belongs to its 提供单位: its clerks prepare it (metadata, fields, resource files), its
reviewers (and signers) approve it, its secrecy reviewer releases it after 保密审查. Supervisors see
their subtree's datasets. Nobody acts on another agency's dataset.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies.models import Role
from gongkai.agencies.scope import scoped

from .models import Dataset, DatasetState

PREPARERS = (Role.CLERK,)
REVIEWERS = (Role.REVIEWER, Role.SIGNER)
DECIDERS = (Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER)  # decide on a screening finding
STAFF_ROLES = (Role.CLERK, Role.REVIEWER, Role.SIGNER, Role.SECRECY_REVIEWER, Role.SUPERVISOR)


def datasets_for(user) -> QuerySet[Dataset]:
    return scoped(user, Dataset.objects.all()).select_related("agency")


def own_agency(user, dataset: Dataset) -> bool:
    return user.is_superuser or (user.agency_id is not None and user.agency_id == dataset.agency_id)


def prepares(user, dataset: Dataset) -> bool:
    """May edit the dataset now: a clerk of its agency, while it is a draft."""
    return (
        dataset.state == DatasetState.DRAFT
        and own_agency(user, dataset)
        and (user.is_superuser or user.has_role(*PREPARERS))
    )


def decides(user, dataset: Dataset) -> bool:
    return own_agency(user, dataset) and (user.is_superuser or user.has_role(*DECIDERS))
