"""Places: the gazetteer's towns and city districts in the database, their pages, and the
ranking of projects by how close their places are to a town ("places like mine")."""
