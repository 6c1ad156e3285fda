"""The curator's work: the dashboard and the review queue."""
