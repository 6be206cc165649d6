"""The shared vocabularies: one source for models, parser, filters and charts.

Plain Python (no Django import) so the parser can use it too.
"""

# (value, label, colour). Colours come from a colour-blind-safe qualitative
# palette and stay the same on every chart.
CATEGORIES = [
    ("air_defense", "Air defence", "#1f77b4"),
    ("artillery", "Artillery", "#d62728"),
    ("armor", "Armour", "#8c564b"),
    ("aircraft", "Aircraft", "#9467bd"),
    ("drones", "Drones", "#17becf"),
    ("long_range_strike", "Long-range strike", "#e377c2"),
    ("maritime", "Maritime", "#0b3c8c"),
    ("demining", "Demining", "#bcbd22"),
    ("electronic_warfare", "Electronic warfare", "#ff7f0e"),
    ("it_cyber", "IT and cyber", "#2ca02c"),
    ("infantry", "Infantry", "#7f7f7f"),
    ("training", "Training", "#aec7e8"),
    ("industry", "Defence industry", "#ffbb78"),
    ("general", "General / mixed", "#c7c7c7"),
]
CATEGORY_VALUES = [c[0] for c in CATEGORIES]
CATEGORY_CHOICES = [(c[0], c[1]) for c in CATEGORIES]
CATEGORY_LABELS = {c[0]: c[1] for c in CATEGORIES}
CATEGORY_COLOURS = {c[0]: c[2] for c in CATEGORIES}

KIND_PLEDGE = "pledge"
KIND_DELIVERY = "delivery"
KIND_CUMULATIVE = "cumulative"
KINDS = [
    (KIND_PLEDGE, "Pledge"),
    (KIND_DELIVERY, "Delivery"),
    (KIND_CUMULATIVE, "Reported running total"),
]
KIND_VALUES = [k[0] for k in KINDS]

REVIEW_AUTO = "auto"
REVIEW_VERIFIED = "verified"
REVIEW_REJECTED = "rejected"
REVIEW_STATUSES = [
    (REVIEW_AUTO, "Automatic"),
    (REVIEW_VERIFIED, "Verified"),
    (REVIEW_REJECTED, "Rejected"),
]

# Meeting formats: value, the name used by the parser and gold files.
MEETING_FORMATS = [
    ("udcg", "Ukraine Defense Contact Group"),
    ("nato_ukraine_council", "NATO-Ukraine Council"),
    ("nato_summit", "NATO summit"),
    ("bilateral", "bilateral"),
    ("multilateral", "multilateral"),
]
MEETING_FORMAT_BY_NAME = {name: value for value, name in MEETING_FORMATS}
MEETING_NAME_BY_FORMAT = {value: name for value, name in MEETING_FORMATS}

# Capability coalitions: normalised name -> area (a category value).
COALITIONS = {
    "Air Defence Capability Coalition": "air_defense",
    "Air Force Capability Coalition": "aircraft",
    "Armoured Vehicles Coalition": "armor",
    "Artillery Coalition": "artillery",
    "Demining Coalition": "demining",
    "Drone Coalition": "drones",
    "Electronic Warfare Coalition": "electronic_warfare",
    "IT Coalition": "it_cyber",
    "Maritime Capability Coalition": "maritime",
}

# Organisations that act as donors beside states.
ORGANISATIONS = {"EU": "European Union", "NATO": "North Atlantic Treaty Organization"}
