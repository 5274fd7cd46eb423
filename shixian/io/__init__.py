"""Input and output: tables in and out, the flat annotation of a result, calendar files,
readable renderings, and the corpus notation."""
