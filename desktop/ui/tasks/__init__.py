"""The task area: the task list (screen), its table model, the task dialog (detail) and the
small status/evidence dialogs (updates). Imported when the area is first opened."""
