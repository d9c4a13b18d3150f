"""The plugin's options in mkdocs.yml (all optional)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CurriculumConfig(Config):
    curriculum = c.Type(str, default="curriculum.yml")
    """The curriculum file, relative to mkdocs.yml."""
    scorm = c.Type(bool, default=False)
    """Also write each role's SCORM 1.2 package into the site's `downloads/` folder."""
