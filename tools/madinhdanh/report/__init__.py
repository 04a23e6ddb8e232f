"""``mdd report`` (DESIGN.md §8): the verify document (docs/verify-format.md) drawn as one static
HTML page that works offline — conversion progress per system, the units × systems matrix with
its filters, the discrepancies, the ledger history and the exchange anomalies.

``page`` holds the one pure function :func:`~madinhdanh.report.page.render` (document in, HTML
out, the same bytes for the same document); ``command`` is the click command.
"""

from .document import document_problems
from .page import render

__all__ = ["document_problems", "render"]
