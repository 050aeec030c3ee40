"""The routes of the server's HTTP API, one ``APIRouter`` per concern, all under ``/api/v1``
(``create_app`` in sync/server/app.py includes them):

- ``health``: ``GET /health``;
- ``auth``: enrolment, the counter's device sign-in, officers' sign-in and password change;
- ``events``: the sync, events pushed and the feed of changes pulled;
- ``leases``: blocks of the official dossier-code sequences;
- ``blobs``: attachment uploads by chunks;
- ``online``: the claim to check an online dossier, and downloads of the agency's files;
- ``audit``: the counter's audit anchor and the per-day reconciliation digests;
- ``payments``: the bank's signed payment notifications (no counter token);
- ``feedback``: the feedback register's entries (issue 20).

``deps`` holds what the routes depend on (state, session, caller, rate limits, bodies),
``errors`` the refusals and the exception handlers.
"""
