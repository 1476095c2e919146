"""Routekaart (route map): roles, parties, agreements, milestones. Built in a later issue."""
