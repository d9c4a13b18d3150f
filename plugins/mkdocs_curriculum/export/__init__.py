"""Exports of a loaded curriculum for other systems. Pure: no MkDocs.

- `json_export`: the curriculum as data (`site/curriculum.json`, `curriculum export json`).
- SCORM packages are planned as a sibling module (`export/scorm.py`, `curriculum export scorm`);
  the command line's hook for it is `cli.EXPORT_FORMATS`.
"""

from .json_export import SCHEMA_PATH, SCHEMA_VERSION, curriculum_data, dumps, load_schema, site_url

__all__ = ["SCHEMA_PATH", "SCHEMA_VERSION", "curriculum_data", "dumps", "load_schema", "site_url"]
