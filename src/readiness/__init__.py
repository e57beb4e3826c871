"""readiness: investment-readiness scores for Central Asian critical minerals."""
