"""Model choices, labels and colours, built from the parser's vocabularies.

One source: the values live in `ingest.parser.vocabulary` (the parser produces
them and must not import Django); this module only shapes them for models,
filters and charts, and adds the review statuses the parser knows nothing of.
"""

from ingest.parser import vocabulary as _parser
from ingest.parser.vocabulary import COALITIONS, KIND_CUMULATIVE, KIND_DELIVERY, KIND_PLEDGE, ORGANISATIONS  # noqa: F401

# Lists, as Django's choices and the migrations that record them expect.
CATEGORIES = list(_parser.CATEGORIES)
CATEGORY_VALUES = list(_parser.CATEGORY_VALUES)
KINDS = list(_parser.KINDS)
KIND_VALUES = list(_parser.KIND_VALUES)
MEETING_FORMATS = list(_parser.MEETING_FORMATS)

CATEGORY_CHOICES = [(value, label) for value, label, _ in CATEGORIES]
CATEGORY_LABELS = {value: label for value, label, _ in CATEGORIES}
CATEGORY_COLOURS = {value: colour for value, _, colour in CATEGORIES}

MEETING_FORMAT_BY_NAME = {name: value for value, name in MEETING_FORMATS}
MEETING_NAME_BY_FORMAT = {value: name for value, name in MEETING_FORMATS}

REVIEW_AUTO = "auto"
REVIEW_VERIFIED = "verified"
REVIEW_REJECTED = "rejected"
REVIEW_STATUSES = [
    (REVIEW_AUTO, "Automatic"),
    (REVIEW_VERIFIED, "Verified"),
    (REVIEW_REJECTED, "Rejected"),
]
