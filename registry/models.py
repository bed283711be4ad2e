"""Import every model module so Alembic and `create_all` see the whole schema."""
from registry.audit.models import AuditEntry  # noqa: F401
from registry.auth.models import ApiToken, User  # noqa: F401
from registry.agencies.models import Agency, AgencyName, Officer  # noqa: F401
from registry.licences.models import Licence, LicenceAction  # noqa: F401
from registry.fees.models import ExchangeRate, FeeRule, FeeRuleVersion  # noqa: F401
from registry.accreditation.models import Accreditation, AccreditationAction, JobOrder  # noqa: F401
from registry.verification.models import Verification  # noqa: F401
from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectLink, SubjectName  # noqa: F401
from watchlist.cases.models import Case, CaseEvent, CaseRespondent  # noqa: F401
from watchlist.screening.models import Flag, RecordLink  # noqa: F401
from registry.complaints.models import Complaint, ComplaintEvent, ComplaintPayment  # noqa: F401
from watchlist.sources.models import Source, SourceEntity, SourceImport  # noqa: F401
