"""The graph written to a file: GraphML or GEXF (for Gephi), or a PNG picture.

Every file is written whole or not at all (``outreach.files.write_atomically``). GraphML and
GEXF are XML 1.0, which cannot hold most control characters (``\\x01``, ``\\x0b``, ESC…), and
networkx writes them as they are, leaving a file Gephi and networkx refuse: every text in the
graph (ids, names, companies, positions) goes through ``xml_safe`` first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outreach.errors import OutreachError
from outreach.files import write_atomically
from outreach.graph.picture import draw_network

if TYPE_CHECKING:
    import networkx as nx

EXPORT_FORMATS = (".graphml", ".gexf", ".png")

#: What XML 1.0 cannot hold (its Char production): C0 controls but tab, LF and CR; lone
#: surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class GraphError(OutreachError):
    pass


def xml_safe(text: str) -> str:
    """``text`` as XML 1.0 can hold it: a C0 control becomes its visible "control picture"
    (ESC ``␛``, as the terminal shows it), anything else XML cannot hold U+FFFD."""
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text)


def _xml_safe_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose every text (node ids, attribute values) is ``xml_safe``."""
    def safe(value: Any) -> Any:
        return xml_safe(value) if isinstance(value, str) else value

    copy = graph.__class__()
    copy.graph.update({key: safe(value) for key, value in graph.graph.items()})
    copy.add_nodes_from((safe(node), {k: safe(v) for k, v in data.items()})
                        for node, data in graph.nodes(data=True))
    copy.add_edges_from((safe(u), safe(v), {k: safe(x) for k, x in data.items()})
                        for u, v, data in graph.edges(data=True))
    return copy


def export_graph(graph: nx.Graph, path: Path) -> None:
    """Write GraphML or GEXF (for Gephi) or a PNG picture, chosen by the file's extension."""
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise GraphError(f"cannot write {path.name}: use a .graphml, .gexf or .png file name")
    if suffix == ".png":
        write_atomically(path, lambda out: draw_network(graph, out))
        return
    safe = _xml_safe_graph(graph)
    if suffix == ".graphml":
        write_atomically(path, lambda out: nx.write_graphml(safe, out))
    else:
        write_atomically(path, lambda out: nx.write_gexf(safe, out))
