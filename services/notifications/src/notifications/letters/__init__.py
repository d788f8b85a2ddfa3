"""Letters: statutory notices for contacts who want post, rendered as accessible PDFs and
queued for the LA's print run (queued -> printed -> posted)."""
