"""Dashboard: indicator snapshots and council decisions. Built in the dashboard issue."""
