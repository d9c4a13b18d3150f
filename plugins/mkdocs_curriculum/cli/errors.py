"""The command line's one error type: a mistake told in one sentence, and the exit code that goes with it."""


class CliError(Exception):
    """A mistake to report in one clear sentence, then exit with `code` (1: the files, 2: the command line)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code
