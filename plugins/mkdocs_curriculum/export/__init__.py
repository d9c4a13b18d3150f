"""Exports of a loaded curriculum for other systems. Pure: no MkDocs.

- `json_export`: the curriculum as data (`site/curriculum.json`, `curriculum export json`).
- `scorm_package` (pure: manifest, zip) and `scorm` (the MkDocs package build): one SCORM 1.2 zip
  per role (`curriculum export scorm`, or the plugin's `scorm: true`).
"""

from .json_export import SCHEMA_PATH, SCHEMA_VERSION, curriculum_data, dumps, load_schema, site_url

__all__ = ["SCHEMA_PATH", "SCHEMA_VERSION", "curriculum_data", "dumps", "load_schema", "site_url"]
