"""Rendering (DESIGN.md §6): registries in, a release bundle out.

``environment`` (the hardened Jinja environment), ``sqlbase``/``dialects`` (quoting and the
statement forms of each engine), ``templateset`` (what a template set expects of a database),
``plan`` (the steps of a system's up.sql), ``sql`` (one system's up.sql and down.sql),
``config`` (exported files), ``statements`` (the one statement splitter), ``bundle`` (files and
manifest, written atomically) and ``command`` (``mdd render`` as a library function).
"""
