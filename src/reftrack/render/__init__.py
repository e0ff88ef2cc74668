"""Turning domain values into what a person or a script reads: Rich, plain text, JSON."""
