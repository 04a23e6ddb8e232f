"""Import and export: decision annexes (Excel/CSV) into the registry, and the files other systems
and agencies need out of it. ``columns`` is the shared vocabulary of column titles."""
