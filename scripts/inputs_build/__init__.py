"""The pieces of scripts/build_inputs.py: evidence rows, data series, readings, checks."""
