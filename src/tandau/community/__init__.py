"""community layer."""
