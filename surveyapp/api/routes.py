"""Routes of the API blueprint."""
