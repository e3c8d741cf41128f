"""What the test suite builds its own data with (factories); never imported by the portal itself."""
