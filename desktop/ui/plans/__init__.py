"""The plans area: list of plans and the plan editor (section tree, assignment appendix).

Kept light: the main window imports desktop.ui.plans.screen only when the area is opened.
"""
