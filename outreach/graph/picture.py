"""A PNG picture of the user's network around their targets (matplotlib, no display needed).

Labels are the user's data: matplotlib reads a ``$…$`` pair as math (``Sam $_$ Lee`` fails to
parse), so every ``$`` is escaped, and a character no font has (a control character, a script
DejaVu lacks) is drawn as a box without the warning matplotlib would print for it.
"""

from __future__ import annotations

import logging
import warnings
from typing import IO, TYPE_CHECKING, Any

from outreach.graph.build import contacts_reaching, warm_paths

if TYPE_CHECKING:
    import networkx as nx

COLOURS = {"you": "#d62728", "friend": "#ff7f0e", "contact": "#1f77b4", "company": "#9edae5",
           "target": "#2ca02c"}


def network_around_targets(graph: nx.Graph, *, max_targets: int = 20, per_target: int = 5) -> nx.Graph:
    """The readable part of the graph: the best-reached targets (highest priority first), a few
    of the best people at each (yours first, then friends'), their companies and owners."""
    me = graph.graph["self"]
    targets = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("kind") == "target"),
        key=lambda n: (-graph.nodes[n].get("priority", 0.0), n),
    )
    keep = {me}
    shown = 0
    for target in targets:
        direct = contacts_reaching(graph, target)[:per_target]
        warm = warm_paths(graph, target)[: max(0, per_target - len(direct))]
        if not direct and not warm:
            continue
        keep.add(target)
        for reach in direct:
            keep.add(reach.person)
        for path in warm:
            keep.update((path.friend, path.reach.person))
        for person in [r.person for r in direct] + [p.reach.person for p in warm]:
            for company, link in graph[person].items():
                if link.get("kind") == "works_at" and graph.has_edge(company, target):
                    keep.add(company)
        shown += 1
        if shown >= max_targets:
            break
    sub = graph.subgraph(keep).copy()
    return sub


def label_text(text: object, limit: int = 28) -> str:
    """A node's label as matplotlib should draw it: cut to ``limit`` characters, ``$`` literal."""
    return str(text)[:limit].replace("$", r"\$")


def draw_network(graph: nx.Graph, out: IO[bytes], *, max_targets: int = 20) -> None:
    """Draw the network around the targets as a PNG into ``out`` (a binary file)."""
    fonts = logging.getLogger("matplotlib.font_manager")  # "findfont: Font family … not found"
    level = fonts.level
    fonts.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Glyph … missing from font(s) DejaVu Sans"
            _draw(graph, out, max_targets)
    finally:
        fonts.setLevel(level)


def _draw(graph: nx.Graph, out: IO[bytes], max_targets: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sub = network_around_targets(graph, max_targets=max_targets)
    fig, ax = plt.subplots(figsize=(14, 10), dpi=110)
    try:
        _draw_on(fig, ax, sub, out)
    finally:
        plt.close(fig)  # also when drawing failed: pyplot keeps every open figure


def _draw_on(fig: Any, ax: Any, sub: nx.Graph, out: IO[bytes]) -> None:
    import networkx as nx

    ax.set_axis_off()
    if sub.number_of_nodes() <= 1:
        ax.text(0.5, 0.5, "No one in your network works at your targets yet.", ha="center", va="center",
                fontsize=16)
    else:
        pos = nx.spring_layout(sub, seed=7, k=1.2 / max(1, sub.number_of_nodes()) ** 0.5)
        kinds = nx.get_node_attributes(sub, "kind")
        for kind, colour in COLOURS.items():
            nodes = [n for n, k in kinds.items() if k == kind]
            size = {"you": 900, "friend": 500, "target": 700, "company": 250, "contact": 160}[kind]
            nx.draw_networkx_nodes(sub, pos, nodelist=nodes, node_color=colour, node_size=size, ax=ax,
                                   label=kind)
        widths = [0.5 + 3 * d.get("strength", 0.2) for _, _, d in sub.edges(data=True)]
        nx.draw_networkx_edges(sub, pos, width=widths, alpha=0.35, ax=ax)
        labels = {n: label_text(d.get("label", "")) for n, d in sub.nodes(data=True)
                  if d.get("kind") in ("you", "friend", "target", "contact")}
        nx.draw_networkx_labels(sub, pos, labels=labels, font_size=7, ax=ax)
        ax.legend(loc="lower left", markerscale=0.5, frameon=False)
    ax.set_title("Your network around your target employers")
    fig.tight_layout()
    fig.savefig(out, format="png")
