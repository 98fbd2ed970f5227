"""Demo content for `manage.py load_demo`: accounts, stories and their pictures."""
