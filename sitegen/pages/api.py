"""api/plans.json: the plans for other tools, ids, names, response time, coverage, holiday
rule and channels, from plans.yaml's data."""

from __future__ import annotations

import json

from sitegen.sla.terms import timetable_data
from sitegen.sources.models import Site


def plans_json(site: Site) -> bytes:
    plans = [
        {
            "id": plan.id,
            "name": plan.name,
            "audience": plan.audience,
            "response_hours": plan.response.hours,
            "response_text": plan.response_wording,
            "coverage": {
                "days": list(plan.coverage.days),
                **timetable_data(plan.coverage),
                "text": plan.coverage.wording,
            },
            "channels": list(plan.channels),
        }
        for plan in site.offer.plans
    ]
    document = {"timezone": site.settings.timezone, "plans": plans}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
