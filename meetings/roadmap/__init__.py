"""The theme roadmap and the shared vocabularies (audiences, risks)."""
