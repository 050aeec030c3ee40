"""Pure rules of the one-stop counter: no I/O, no database, no Qt."""
