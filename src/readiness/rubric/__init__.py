"""Rubrics: YAML files describing the indicator hierarchy, methods and policies."""

from readiness.rubric.load import json_schema, load_rubric, parse_rubric
from readiness.rubric.model import Indicator, Kind, Node, Rubric

__all__ = ["Indicator", "Kind", "Node", "Rubric", "json_schema", "load_rubric", "parse_rubric"]
