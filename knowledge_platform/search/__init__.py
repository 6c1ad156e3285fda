"""Full-text search inside the database: index upkeep, queries, facets."""
