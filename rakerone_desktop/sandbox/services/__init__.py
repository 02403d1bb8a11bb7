"""The sandbox's services, one per area, composed by
:class:`rakerone_desktop.sandbox.service.Sandbox`."""
