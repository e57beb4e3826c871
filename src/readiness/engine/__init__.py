"""The scoring engine: pure functions over unit x indicator frames, composed by `score`."""
