"""The database: saved projects with revisions, and live workshops (the only SQL in the app)."""

from erp_select.store.db import Store, init_db, make_engine, upgrade
from erp_select.store.diff import FactChange, FieldChange, ProjectDiff, WeightChange, diff_projects
from erp_select.store.projects import (
    ProjectInfo,
    RevisionInfo,
    StoredRevision,
    compare_revisions,
    create_project,
    list_projects,
    list_revisions,
    load_project,
    load_revision,
    restore_revision,
    save_revision,
)
from erp_select.store.settings import Settings, load_settings

__all__ = [
    "FactChange",
    "FieldChange",
    "ProjectDiff",
    "ProjectInfo",
    "RevisionInfo",
    "Settings",
    "Store",
    "StoredRevision",
    "WeightChange",
    "compare_revisions",
    "create_project",
    "diff_projects",
    "init_db",
    "list_projects",
    "list_revisions",
    "load_project",
    "load_revision",
    "load_settings",
    "make_engine",
    "restore_revision",
    "save_revision",
    "upgrade",
]
