"""Flows that span several steps and the task runner, without widgets."""
