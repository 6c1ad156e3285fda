"""The data model; importing this package registers every table on ``db.metadata``."""
from knowledge_platform.models.evaluations import Evaluation
from knowledge_platform.models.limits import RateLimitCounter
from knowledge_platform.models.organisation_changes import (
    OrganisationChange,
    OrganisationChangeKind,
)
from knowledge_platform.models.organisations import (
    Organisation,
    OrganisationAlias,
    OrganisationType,
    ProjectOrganisation,
    Role,
)
from knowledge_platform.models.projects import (
    Precision,
    Project,
    ProjectRelation,
    RelationKind,
    Scope,
    Status,
)
from knowledge_platform.models.revisions import Revision, RevisionKind
from knowledge_platform.models.search import (
    BitmapSnapshot,
    SearchChange,
    SearchDocument,
    SearchState,
)
from knowledge_platform.models.sources import FieldConflict, ImportRun, SourceDocument
from knowledge_platform.models.vocabulary import (
    LINKS,
    VOCABULARIES,
    Municipality,
    Region,
    VocabularyTerm,
)

__all__ = [
    "LINKS",
    "VOCABULARIES",
    "Evaluation",
    "FieldConflict",
    "ImportRun",
    "Organisation",
    "OrganisationAlias",
    "OrganisationChange",
    "OrganisationChangeKind",
    "OrganisationType",
    "Precision",
    "Project",
    "ProjectOrganisation",
    "ProjectRelation",
    "RateLimitCounter",
    "Region",
    "Municipality",
    "RelationKind",
    "Revision",
    "RevisionKind",
    "Role",
    "Scope",
    "BitmapSnapshot",
    "SearchChange",
    "SearchDocument",
    "SearchState",
    "SourceDocument",
    "Status",
    "VocabularyTerm",
]
