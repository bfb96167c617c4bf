"""What each finished page loads: its stylesheets and its widgets' states."""
