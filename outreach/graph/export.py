"""The graph written to a file: GraphML or GEXF (for Gephi), or a PNG picture."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from outreach.errors import OutreachError
from outreach.graph.picture import draw_network

if TYPE_CHECKING:
    import networkx as nx

EXPORT_FORMATS = (".graphml", ".gexf", ".png")


class GraphError(OutreachError):
    pass



def export_graph(graph: nx.Graph, path: Path) -> None:
    """Write GraphML or GEXF (for Gephi) or a PNG picture, chosen by the file's extension."""
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise GraphError(f"cannot write {path.name}: use a .graphml, .gexf or .png file name")
    if suffix == ".png":
        draw_network(graph, path)
    elif suffix == ".graphml":
        nx.write_graphml(graph, path)
    else:
        nx.write_gexf(graph, path)
