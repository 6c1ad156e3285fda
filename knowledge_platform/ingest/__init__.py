"""Loading extracted records into the database: stores, matching, import runs."""
