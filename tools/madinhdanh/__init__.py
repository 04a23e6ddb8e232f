"""madinhdanh: the registry of a province's electronic identification codes, and the tool (``mdd``)
that validates it and carries its changes into the systems that store the codes."""

__version__ = "0.1.0"
