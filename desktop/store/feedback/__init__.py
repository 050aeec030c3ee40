"""The feedback register at the counter (issue 20 item 3): ``records`` writes an item's entries
(received, progress, answered, published) with their audit entries, ``reads`` lists items with
their clocks, ``outbox`` is what the sync engine pushes, ``inbound`` what it pulls."""
