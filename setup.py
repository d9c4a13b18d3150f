"""Everything about the package is in pyproject.toml. This file only adds AUTHORING.md (the authoring guide,
which error messages and `curriculum --help` point to) to the installed package, as
mkdocs_curriculum/AUTHORING.md, from the one copy at the top of the repository."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

GUIDE = "AUTHORING.md"


class BuildWithGuide(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install reads the repository's own copy
            self.copy_file(GUIDE, str(Path(self.build_lib, "mkdocs_curriculum", GUIDE)))

    def get_outputs(self, include_bytecode=True):
        guide = [] if self.editable_mode else [str(Path(self.build_lib, "mkdocs_curriculum", GUIDE))]
        return super().get_outputs(include_bytecode) + guide


setup(cmdclass={"build_py": BuildWithGuide})
