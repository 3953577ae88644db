"""A meeting's outcomes: recommendations, draft resolutions and the chair's report."""
