"""Turn source documents into pages of clean text, then into chunks that keep their provenance."""
