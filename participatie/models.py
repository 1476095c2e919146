"""Participatie: surveys (vragenlijsten), invite codes, meetings. Built in the participatie issue."""
