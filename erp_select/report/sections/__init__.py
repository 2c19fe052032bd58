"""The report's sections, one module each: each turns the analysis suite into typed content."""
