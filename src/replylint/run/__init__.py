"""One check run and what wraps it: the cache, baselines, fixes."""
