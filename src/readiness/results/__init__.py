"""Results: export a scored `Result` as CSV, JSON and XLSX."""

from readiness.results.export import to_csv_text, to_json_data, write_results

__all__ = ["to_csv_text", "to_json_data", "write_results"]
