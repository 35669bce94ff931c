"""What each job is, whatever it is called: the one grouping of jobs that every list of jobs uses.

A role's typed ``job_group`` says it: "support" for pharmacy support staff, who are not on a register, and
"technician" or "pharmacist" for a registered professional's job. /careers/ lists the three groups under their
headings; the "which of these is my job?" guide splits support jobs from registered ones. Both read the groups from
here, so a job never sits among support jobs on one page and registered jobs on the other.
"""

from __future__ import annotations

from ..graph import Pathways
from ..schema import Stage

__all__ = ["JOB_GROUP_HEADINGS", "REGISTERED_GROUPS", "roles_by_group"]

#: Headings of the careers list, by what the job is, in this order.
JOB_GROUP_HEADINGS = {"support": "Pharmacy support jobs (not on a register)",
                      "technician": "Registered pharmacy technician jobs",
                      "pharmacist": "Pharmacist jobs"}
#: The groups whose jobs need a place on the General Pharmaceutical Council's register.
REGISTERED_GROUPS = ("technician", "pharmacist")


def roles_by_group(pathways: Pathways) -> dict[str | None, list[Stage]]:
    """Every role under its ``job_group``, groups in JOB_GROUP_HEADINGS order (empty ones left out), then roles
    that give no group under None; roles in data order within a group (callers sort them as their page needs)."""
    roles = [loaded.stage for loaded in pathways.stages.values() if loaded.stage.kind == "role"]
    groups: dict[str | None, list[Stage]] = {}
    for group in [*JOB_GROUP_HEADINGS, None]:
        members = [stage for stage in roles if stage.job_group == group]
        if members:
            groups[group] = members
    return groups
