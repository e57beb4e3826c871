"""Trends over the recorded periods: each change split into its causes (`attribution`) and the
series the trend charts draw (`series`)."""
