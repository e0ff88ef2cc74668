"""Use cases: each opens one session, asks the domain, writes, and commits.

Services hand back domain values, never rows. They import the store and
pendulum, so the CLI imports them inside command bodies, never at the top.
"""
