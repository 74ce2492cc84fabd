"""The network as a NetworkX graph: ``build`` (nodes, edges, warm paths, GraphML/GEXF export)
and ``picture`` (a PNG of the network around the targets). Node ids and tie strength come from
``outreach.plan.reach``."""
