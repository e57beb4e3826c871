"""Results: export a scored `Result` as CSV, JSON and XLSX."""

from readiness.results.export import (
    results_files,
    results_paths,
    to_csv_text,
    to_json_data,
    write_results,
)

__all__ = ["results_files", "results_paths", "to_csv_text", "to_json_data", "write_results"]
