"""Finding the project: mkdocs.yml (read without MkDocs), the plugin's options, and writing output files."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SourceError
from ..source import read_text
from .errors import CliError

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


@dataclass(frozen=True)
class Project:
    config_file: Path
    root: Path
    docs_dir: Path
    curriculum: Path
    directory_urls: bool
    site_url: str | None = None  # mkdocs.yml's `site_url`, if it has one


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV` is resolved, other tags (`!!python/name:...`) read as plain values."""


def _env_tag(loader, node):
    items = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    names, default = (items, None) if len(items) == 1 else (items[:-1], items[-1])
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("", _any_tag)


def find_project(config_file: str | None) -> Project:
    path = Path(config_file) if config_file else next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), None)
    if path is None:
        raise CliError("no mkdocs.yml in this folder. Run the command where mkdocs.yml is, "
                       "or pass -f path/to/mkdocs.yml.")
    config = _read_config(path)
    root = path.resolve().parent
    docs = config.get("docs_dir") or "docs"
    option = _plugin_options(config.get("plugins")).get("curriculum") or "curriculum.yml"
    if not isinstance(docs, str) or not isinstance(option, str):
        raise CliError(f"{path}: `docs_dir` and the curriculum plugin's `curriculum` option must be text.")
    urls = config.get("use_directory_urls", True)
    site_url = config.get("site_url")
    site_url = site_url.strip() if isinstance(site_url, str) and site_url.strip() else None
    return Project(path, root, root / docs, root / option, urls is not False, site_url)


def _read_config(path: Path, depth: int = 0) -> dict:
    try:
        data = yaml.load(read_text(path), Loader=_MkDocsLoader)
    except SourceError as exc:
        raise CliError(f"{path}: {exc.message}") from None
    except yaml.YAMLError as exc:
        raise CliError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise CliError(f"{path} must be a YAML mapping, such as `site_name: ...`.")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 10:
        return _merge(_read_config(path.parent / parent, depth + 1), data)
    return data


def _merge(base: dict, override: dict) -> dict:
    """MkDocs' INHERIT: mappings merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merge(merged[key], value) if both else value
    return merged


def _plugin_options(plugins) -> dict:
    """The curriculum plugin's options, from either form MkDocs accepts (a list or a mapping)."""
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    for name, options in entries:
        if name == "curriculum":
            return options if isinstance(options, dict) else {}
    return {}


def shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# -- output ---------------------------------------------------------------------------------------


def read_csv_text(path: Path, not_utf8: str) -> str:
    """A CSV file's text (a byte-order mark dropped); a file that cannot be read is a one-line error, and one
    that is not UTF-8 says `not_utf8` after its name."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text{not_utf8}") from None


def write_output(text: str, output: str | None, private: bool = False) -> None:
    """Print, or write the file whole: a temporary file in the same folder, then an atomic rename.

    `private`: a new file is readable by its owner only (it holds credentials); an existing one keeps its mode.
    """
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        raise CliError(f"cannot write {output}: it is a folder, not a file. Add a file name to the path.")
    if not target.parent.is_dir():
        raise CliError(f"cannot write {output}: the folder {target.parent} does not exist.")
    try:
        _replace_with(target, text, private)
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}. Check that you may write there.") from None


def _replace_with(target: Path, text: str, private: bool = False) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new one, never half of it."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temp, _file_mode(target, private))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _file_mode(target: Path, private: bool = False) -> int:
    """The target's permissions if it exists (mkstemp's are owner-only), else what a new file would get."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return (0o600 if private else 0o666) & ~umask
