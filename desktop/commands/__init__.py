"""Handlers of the ``motcua`` sub-commands, grouped by what they act on."""
