"""Live workshops' rules: answers, rounds, group results and rankings, over the store's queries.

Import the room you need (``erp_select.workshop.submissions``, ``.live``, ``.adoption``…):
the package loads nothing itself, so a participant's page never loads the ranking engine.
"""
