"""Charts of every analysis (Altair values, never displayed here), drawn with one theme."""
