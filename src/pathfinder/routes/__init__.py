"""Route queries on the pathway graph, one module per job.

Pure functions, graph first. The package imports only the standard library and networkx, so the same code
runs in the command line, the site build and the browser (Pyodide): ``search`` (path search), ``planning`` (routes
for someone's situation), ``wording`` (how times and steps are said) and ``answers`` (the finder's answers and
``--json`` dicts). Every public name is re-exported here. Each node of ``G`` carries:

- ``kind``: "start", "role" or "training"
- ``title``: the stage's name
- ``months``: typical months spent in the stage before moving on (0 when not given)
- ``earn_while_learning``: for training, whether people usually earn during it
- ``settings``: list of settings the stage happens in

A route's ``months`` is the typical time from leaving ``start`` to arriving at ``goal``: the sum of ``months``
of every stage strictly between them. It earns throughout when every training stage between them earns.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("a", kind="start", title="A", months=0, earn_while_learning=None, settings=[])
>>> G.add_node("b", kind="training", title="B", months=24, earn_while_learning=True, settings=[])
>>> G.add_node("c", kind="role", title="C", months=0, earn_while_learning=None, settings=[])
>>> G.add_edges_from([("a", "b"), ("b", "c")])
>>> [(r.stages, r.months) for r in routes(G, "a", "c")]
[(('a', 'b', 'c'), 24)]
"""

from .answers import answer_dict, group_routes, plain_answers_into, reach_dict, route_words
from .planning import (
    MAX_HOURS_A_WEEK,
    QUALIFICATION_PREFIX,
    Plan,
    closed_by_hours,
    nearest_relaxation,
    plans,
    reach,
    registered_at_end,
)
from .search import (
    MAX_LIMIT,
    MAX_MONTHS,
    MAX_ORIGINS,
    ROUTE_LIMIT,
    NoRoute,
    Route,
    RouteError,
    UnknownStage,
    find_stage,
    route_step_months,
    routes,
    routes_into,
    what_next,
)
from .wording import months_words, steps_words

__all__ = [
    "MAX_HOURS_A_WEEK",
    "MAX_LIMIT",
    "MAX_MONTHS",
    "MAX_ORIGINS",
    "QUALIFICATION_PREFIX",
    "ROUTE_LIMIT",
    "NoRoute",
    "Plan",
    "Route",
    "RouteError",
    "UnknownStage",
    "answer_dict",
    "closed_by_hours",
    "find_stage",
    "group_routes",
    "months_words",
    "nearest_relaxation",
    "plain_answers_into",
    "plans",
    "reach",
    "reach_dict",
    "registered_at_end",
    "route_step_months",
    "route_words",
    "routes",
    "routes_into",
    "steps_words",
    "what_next",
]
