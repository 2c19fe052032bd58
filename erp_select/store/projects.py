"""Saved projects with full revision history: save, list, load, compare, restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from erp_select.errors import InputError, Problem
from erp_select.model import Project
from erp_select.model.diff import ProjectDiff, diff_projects
from erp_select.model.fingerprint import canonical_json
from erp_select.store._common import (
    MAX_MESSAGE,
    SOURCE,
    check_name,
    fail,
    sha256_hex,
)
from erp_select.store.db import CACHE_KEY, ProjectCache, Store
from erp_select.store.orm import ProjectRow, RevisionRow, utcnow
from erp_select.store.security import hash_project_key, is_project_key, new_project_key


@dataclass(frozen=True)
class ProjectInfo:
    """A saved project as listed: id, name, creator, latest revision number and time.

    Its key is not listed: only its hash is stored (see :func:`new_share_key`).
    """

    id: int
    name: str
    created_at: dt.datetime
    created_by: str
    head: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class RevisionInfo:
    """One revision's metadata (not its content)."""

    project_id: int
    number: int
    author: str
    created_at: dt.datetime
    message: str
    sha256: str
    restored_from: int | None


@dataclass(frozen=True)
class StoredRevision:
    """A revision's metadata together with its project, checked against its SHA-256."""

    info: RevisionInfo
    project: Project


def project_digest(project: Project) -> tuple[str, str]:
    """Return the canonical JSON text of ``project`` and its SHA-256 (hex).

    Returns
    -------
    tuple of str
        ``(content, sha256)``; equal projects give equal texts and digests.
    """
    canonical = canonical_json(project)
    return canonical.decode("utf-8"), hashlib.sha256(canonical).hexdigest()


def revision_info(row: RevisionRow) -> RevisionInfo:
    """Return a revision row's metadata as the store's callers see it."""
    return RevisionInfo(
        project_id=row.project_id,
        number=row.number,
        author=row.author,
        created_at=row.created_at,
        message=row.message,
        sha256=row.sha256,
        restored_from=row.restored_from,
    )


def _check_message(message: str) -> str:
    if not isinstance(message, str):
        fail("bad_message", field="message", value=message)
    if len(message) > MAX_MESSAGE:
        fail("too_long", field="message", value=message, max=MAX_MESSAGE)
    return message


def append_revision(
    session: Session,
    project_id: int,
    project: Project,
    author: str,
    message: str,
    *,
    expected_head: int | None = None,
    restored_from: int | None = None,
) -> RevisionRow:
    """Add the next revision; the ``UPDATE … head = head + 1`` row-locks the project."""
    content, digest = project_digest(project)
    new_head = session.execute(
        update(ProjectRow)
        .where(ProjectRow.id == project_id)
        .values(head=ProjectRow.head + 1)
        .returning(ProjectRow.head)
    ).scalar_one_or_none()
    if new_head is None:
        fail("project_not_found", field="project_id", value=project_id)
    if expected_head is not None and new_head != expected_head + 1:
        fail("stale_revision", field="expected_head", value=expected_head, head=new_head - 1)
    row = RevisionRow(
        project_id=project_id,
        number=new_head,
        author=author,
        created_at=utcnow(),
        message=message,
        content=content,
        sha256=digest,
        restored_from=restored_from,
    )
    session.add(row)
    session.flush()
    return row


def create_project(
    store: Store, project: Project, *, author: str, message: str = "", key: str | None = None
) -> RevisionInfo:
    """Save a new project; its first revision is number 1.

    Parameters
    ----------
    store
        The open store.
    project
        The project to save (validated already, as every :class:`Project` is).
    author
        Who saves it (stored as given).
    message
        Optional note shown in the history.
    key
        The project's secret key (from :func:`new_project_key`), which the caller keeps to
        open the project again; only its hash is stored. ``None`` gives a random key
        nobody knows (the project opens by id only, until :func:`new_share_key`).

    Returns
    -------
    RevisionInfo
        The first revision; ``info.project_id`` is the new project's id.
    """
    check_name(author, "author")
    _check_message(message)
    if key is not None and not is_project_key(key):
        raise InputError([Problem(rule="room.bad_project_key", source=SOURCE, field="key")])
    with store.write() as session:
        row = ProjectRow(
            name=project.name,
            key_hash=hash_project_key(key or new_project_key()),
            created_by=author,
            created_at=utcnow(),
            head=0,
        )
        session.add(row)
        session.flush()
        rev = append_revision(session, row.id, project, author, message)
        return revision_info(rev)


def save_revision(
    store: Store,
    project_id: int,
    project: Project,
    *,
    author: str,
    message: str = "",
    expected_head: int | None = None,
) -> RevisionInfo:
    """Save ``project`` as the next revision of ``project_id``.

    Parameters
    ----------
    expected_head
        The revision number the caller started from. When given and another save landed
        in between, nothing is written and ``InputError`` (``store.stale_revision``) says so,
        instead of silently overwriting the other person's work.

    Returns
    -------
    RevisionInfo
        The new revision (every save creates one, even without changes).
    """
    check_name(author, "author")
    _check_message(message)
    with store.write() as session:
        rev = append_revision(
            session, project_id, project, author, message, expected_head=expected_head
        )
        session.execute(
            update(ProjectRow).where(ProjectRow.id == project_id).values(name=project.name)
        )
        return revision_info(rev)


def list_projects(store: Store) -> list[ProjectInfo]:
    """Return every saved project, most recently changed first."""
    with store.read() as session:
        rows = session.execute(
            select(ProjectRow, RevisionRow.created_at).join(
                RevisionRow,
                (RevisionRow.project_id == ProjectRow.id) & (RevisionRow.number == ProjectRow.head),
            )
        ).all()
    infos = [
        ProjectInfo(
            id=p.id,
            name=p.name,
            created_at=p.created_at,
            created_by=p.created_by,
            head=p.head,
            updated_at=updated,
        )
        for p, updated in rows
    ]
    return sorted(infos, key=lambda i: (i.updated_at, i.id), reverse=True)


def new_share_key(store: Store, project_id: int) -> str:
    """Give a project a new secret key and return it (to build a share link).

    The previous key stops opening the project: only one key is valid at a time, and the
    store keeps its hash only, so a lost key cannot be shown again, only replaced.

    Raises
    ------
    InputError
        ``store.project_not_found`` when no project has this id.
    """
    key = new_project_key()
    with store.write() as session:
        found = session.execute(
            update(ProjectRow)
            .where(ProjectRow.id == project_id)
            .values(key_hash=hash_project_key(key))
            .returning(ProjectRow.id)
        ).scalar_one_or_none()
    if found is None:
        fail("project_not_found", field="project_id", value=project_id)
    return key


def find_project(store: Store, key: str) -> int:
    """Return the internal id of the project whose public key is ``key``.

    Only a well-formed key is looked up; anything else (a sequential id typed into a link,
    an empty or over-long text) is refused the same way as a key that names no project.

    Raises
    ------
    InputError
        ``store.project_key_not_found`` when ``key`` names no saved project.
    """
    if not is_project_key(key):
        fail("project_key_not_found", field="project")
    with store.read() as session:
        found = session.scalar(
            select(ProjectRow.id).where(ProjectRow.key_hash == hash_project_key(key))
        )
    if found is None:
        fail("project_key_not_found", field="project")
    return found


def list_revisions(store: Store, project_id: int) -> list[RevisionInfo]:
    """Return the revisions of a project, oldest first; ``store.project_not_found`` if none."""
    with store.read() as session:
        rows = session.scalars(
            select(RevisionRow)
            .where(RevisionRow.project_id == project_id)
            .order_by(RevisionRow.number)
        ).all()
        if not rows:
            fail("project_not_found", field="project_id", value=project_id)
        return [revision_info(r) for r in rows]


def read_revision(session: Session, project_id: int, number: int | None) -> StoredRevision:
    """Read one revision inside an open session (the latest when ``number`` is ``None``)."""
    if number is None:
        head = session.scalar(select(ProjectRow.head).where(ProjectRow.id == project_id))
        if head is None:
            fail("project_not_found", field="project_id", value=project_id)
        number = head
    row = session.scalar(
        select(RevisionRow).where(
            RevisionRow.project_id == project_id, RevisionRow.number == number
        )
    )
    if row is None:
        exists = session.scalar(select(ProjectRow.id).where(ProjectRow.id == project_id))
        if exists is None:
            fail("project_not_found", field="project_id", value=project_id)
        fail("revision_not_found", field="revision", value=number, project=project_id)
    if sha256_hex(row.content) != row.sha256:
        fail("corrupt_revision", field="revision", value=number, project=project_id)
    cache = session.info.get(CACHE_KEY)
    project = cache.get(row.sha256) if isinstance(cache, ProjectCache) else None
    if project is None:
        try:
            project = Project.model_validate(json.loads(row.content))
        except (ValidationError, ValueError) as exc:
            fail(
                "unreadable_revision",
                field="revision",
                value=number,
                project=project_id,
                reason=str(exc).splitlines()[0],
            )
        if isinstance(cache, ProjectCache):
            cache.put(row.sha256, project)
    return StoredRevision(info=revision_info(row), project=project)


def load_revision(store: Store, project_id: int, number: int | None = None) -> StoredRevision:
    """Load one revision (the latest when ``number`` is ``None``), checking its SHA-256.

    Returns
    -------
    StoredRevision
        Metadata and the validated :class:`Project`.
    """
    with store.read() as session:
        return read_revision(session, project_id, number)


def load_project(store: Store, project_id: int, number: int | None = None) -> Project:
    """Return the project as saved in a revision (the latest by default)."""
    return load_revision(store, project_id, number).project


def compare_revisions(store: Store, project_id: int, old: int, new: int) -> ProjectDiff:
    """Return what changed from revision ``old`` to revision ``new`` of a project.

    Returns
    -------
    ProjectDiff
        Weights, vendors added/removed, facts with old → new, rules, method, other fields.
    """
    with store.read() as session:
        a = read_revision(session, project_id, old)
        b = read_revision(session, project_id, new)
    return diff_projects(a.project, b.project)


def restore_revision(
    store: Store, project_id: int, number: int, *, author: str, message: str | None = None
) -> RevisionInfo:
    """Make an old revision current again by saving a copy of it as a new revision.

    Nothing is deleted: the revisions after ``number`` stay in the history.

    Returns
    -------
    RevisionInfo
        The new revision, whose ``restored_from`` is ``number``.
    """
    check_name(author, "author")
    note = _check_message(message if message is not None else f"restore #{number}")
    with store.write() as session:
        old = read_revision(session, project_id, number)
        rev = append_revision(session, project_id, old.project, author, note, restored_from=number)
        session.execute(
            update(ProjectRow).where(ProjectRow.id == project_id).values(name=old.project.name)
        )
        return revision_info(rev)
