"""The registry at a git ref, or in the working tree, loaded and validated (``mdd diff``).

Files at a ref are read with GitPython, never checked out, and validated from their bytes by the
same code as ``mdd validate`` (:func:`madinhdanh.validate.validate_sources`), each problem naming
its file ``<ref>:<registry>/units.yaml`` so that it points at the revision the user named. What cannot be read at all (no repository, an unknown ref, a
revision without the registry files) raises :class:`RefError`, which the CLI turns into exit 2.

GitPython is imported only when a repository is opened: it refuses to import without a ``git``
executable, and the other commands do not need one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .model import Registry, System
from .problems import Problem
from .unitdiff import Side
from .errors import ConfigError
from .validate import FILES, validate_registry, validate_sources

if TYPE_CHECKING:
    import git

WORKING_TREE = Side("working tree")


class RefError(ConfigError):
    """No repository, an unknown ref, or a revision without the registry files: exit 2."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A registry as read at one side: the registry and its systems when valid, else the problems found."""

    side: Side
    registry: Registry | None
    problems: tuple[Problem, ...] = ()
    systems: tuple[System, ...] = ()


@contextmanager
def _repository(repo_dir: Path, *, shown: Path | None = None) -> Iterator[git.Repo]:
    try:
        import git
    except ImportError as error:  # GitPython raises ImportError when no git executable is found
        raise RefError(f"cannot read git history: {error}".splitlines()[0]) from None
    try:
        repo = git.Repo(repo_dir, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RefError(f"{shown or repo_dir} is not inside a git repository; mdd diff reads the registry's history "
                       "from git (pass --registry DIR inside a clone)") from None
    with repo:
        try:
            yield repo
        except (git.GitCommandError, git.exc.ODBError, ValueError) as error:
            # git could not read an object (missing, corrupt, a repository of another owner…);
            # the bodies run only git reads, so a ValueError here is GitPython's "could not resolve"
            detail = error.stderr if isinstance(error, git.GitCommandError) else error
            raise RefError(f"git could not read {repo.working_tree_dir or repo.git_dir}: "
                           f"{' '.join(str(detail).split())}") from None


def find_repository(path: Path) -> tuple[Path, str]:
    """The root of the git working tree that holds ``path``, and ``path`` relative to it (POSIX)."""
    target = path.resolve()
    probe = target
    while not probe.exists() and probe != probe.parent:  # a registry folder deleted in the working tree
        probe = probe.parent
    with _repository(probe, shown=path) as repo:
        root = repo.working_tree_dir
    if root is None:
        raise RefError(f"the git repository holding {path} is bare: it has no working tree to compare")
    try:
        return Path(root).resolve(), target.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        raise RefError(f"{path} is not inside the working tree of the git repository at {root}") from None


def resolve(repo_dir: Path, ref: str) -> str:
    """The full hash of the commit ``ref`` names (a branch, tag, hash, ``HEAD~2``, …)."""
    with _repository(repo_dir) as repo:
        return _commit(repo, ref).hexsha


def _commit(repo: git.Repo, ref: str) -> git.Commit:
    import git

    try:
        return repo.commit(ref)
    except (ValueError, IndexError, KeyError, git.exc.ODBError, git.GitError):
        shallow = (Path(repo.git_dir) / "shallow").exists()
        hint = "; this clone is shallow: fetch more history (fetch-depth: 0)" if shallow else ""
        raise RefError(f'ref "{ref}" does not name a commit in the git repository at '
                       f"{repo.working_tree_dir or repo.git_dir}{hint}") from None


def revisions(repo_dir: Path, spec: str | None) -> tuple[Side, Side]:
    """The two sides ``mdd diff`` compares, as git reads a range: none → HEAD and the working
    tree; ``BASE`` → BASE and the working tree; ``BASE..HEAD``; ``A...B`` → the merge base of
    A and B, and B. An empty end of a range means ``HEAD``."""
    with _repository(repo_dir) as repo:
        if spec is None:
            return Side("HEAD", _commit(repo, "HEAD").hexsha), WORKING_TREE
        if "..." in spec:
            left, right = (part or "HEAD" for part in spec.split("...", 1))
            head = _commit(repo, right)
            bases = repo.merge_base(_commit(repo, left), head)
            if not bases:
                raise RefError(f'"{left}" and "{right}" have no common ancestor: name the base with BASE..HEAD')
            return Side(f"merge-base({left},{right})", bases[0].hexsha), Side(right, head.hexsha)
        if ".." in spec:
            left, right = (part or "HEAD" for part in spec.split("..", 1))
            return Side(left, _commit(repo, left).hexsha), Side(right, _commit(repo, right).hexsha)
        return Side(spec, _commit(repo, spec).hexsha), WORKING_TREE


def registry_files(repo_dir: Path, ref: str | None, registry_dir: str = "registry", *,
                   label: str | None = None) -> dict[str, bytes]:
    """The bytes of units.yaml and systems.yaml at ``ref`` (None: the working tree), by file name.
    ``label`` names the revision in errors (the ref as the user wrote it, when ``ref`` is a hash)."""
    if ref is None:
        folder = _working_tree_folder(repo_dir, registry_dir)
        return {name: (folder / name).read_bytes() for name in FILES.values()}
    with _repository(repo_dir) as repo:
        tree = _commit(repo, ref).tree
        files = {}
        for name in FILES.values():
            path = _in(registry_dir, name)
            try:
                blob = tree / path
            except KeyError:
                blob = None
            if blob is None or blob.type != "blob":
                raise RefError(f'ref "{label or ref}" has no {path}: is the registry elsewhere (--registry DIR)?')
            files[name] = blob.data_stream.read()
        return files


def _working_tree_folder(repo_dir: Path, registry_dir: str) -> Path:
    folder = Path(repo_dir) / registry_dir
    missing = [name for name in FILES.values() if not (folder / name).is_file()]
    if missing:
        raise RefError(f"the working tree has no {_in(registry_dir, missing[0])}")
    return folder


def _in(registry_dir: str, name: str) -> str:
    return PurePosixPath(registry_dir, name).as_posix()


def load(repo_dir: Path, side: Side, registry_dir: str = "registry") -> Snapshot:
    """The registry at ``side`` (its commit, or the working tree), validated.

    A problem at a commit names its file ``<side label>:<registry_dir>/<file>``; one in the
    working tree names the file itself, as ``mdd validate`` does."""
    if side.commit is None:
        result = validate_registry(_working_tree_folder(repo_dir, registry_dir))
    else:
        files = registry_files(repo_dir, side.commit, registry_dir, label=side.label)
        result = validate_sources({key: files[name] for key, name in FILES.items()},
                                  {key: f"{side.label}:{_in(registry_dir, name)}" for key, name in FILES.items()},
                                  where=f"{side.label}:{registry_dir}")
    if result.problems:
        return Snapshot(side, None, tuple(result.problems))
    return Snapshot(side, Registry.from_documents(result.files["units"].doc),
                    systems=tuple(System.from_document(doc) for doc in result.systems))


def version_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Tags in version order: digit runs compare as numbers (v2025.10 after v2025.9)."""
    import re

    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", name))


def previous_release(repo_dir: Path, pattern: str = "v*") -> tuple[str, str] | None:
    """The release a new bundle starts from (``--base auto``): the newest tag matching ``pattern``
    (fnmatch, version order) whose commit is HEAD or an ancestor of it, leaving out tags on HEAD
    itself (a release tag being rendered is not its own base). (tag, commit), or None: no release
    yet, so a full render."""
    import fnmatch

    with _repository(repo_dir) as repo:
        head = _commit(repo, "HEAD")
        found = []
        for tag in repo.tags:
            if not fnmatch.fnmatchcase(tag.name, pattern):
                continue
            commit = tag.commit
            if commit.hexsha != head.hexsha and repo.is_ancestor(commit, head):
                found.append((version_key(tag.name), tag.name, commit.hexsha))
    if not found:
        return None
    _, name, sha = max(found)
    return name, sha
