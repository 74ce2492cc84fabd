"""outreach: turn a LinkedIn network and a list of target employers into an outreach plan."""

__version__ = "0.1.0"
