"""mkdocs-curriculum: role-based learning paths, quizzes and coaching prompts for MkDocs.

The core (model, load, blocks, quiz, coaching, tailor, render, pages) knows nothing of MkDocs;
`plugin` and `nav` map MkDocs events onto it, and `cli` and `export` reuse it from the command line.
"""

__version__ = "0.1.0"
