"""`python -m readiness` runs the command-line interface."""

from readiness.cli import main

main()
