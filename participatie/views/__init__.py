"""Views of the `participatie` app: residents (bewoner), civil servants (ambtenaar)."""
