"""The shared vocabularies: categories, kinds, meeting formats, coalitions, organisations.

The parser owns them (it produces these values); `pledges.vocabulary` builds the
model choices, labels and colours from them. Immutable: tuples and read-only maps.
"""

from types import MappingProxyType

# (value, label, colour). Colours come from a colour-blind-safe qualitative
# palette and stay the same on every chart.
CATEGORIES = (
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
)
CATEGORY_VALUES = tuple(c[0] for c in CATEGORIES)

KIND_PLEDGE = "pledge"
KIND_DELIVERY = "delivery"
KIND_CUMULATIVE = "cumulative"
KINDS = (
    (KIND_PLEDGE, "Pledge"),
    (KIND_DELIVERY, "Delivery"),
    (KIND_CUMULATIVE, "Reported running total"),
)
KIND_VALUES = tuple(k[0] for k in KINDS)

# Meeting formats: (value, the name the parser and the gold files use).
UDCG = "Ukraine Defense Contact Group"
NUC = "NATO-Ukraine Council"
SUMMIT = "NATO summit"
BILATERAL = "bilateral"
MULTILATERAL = "multilateral"
MEETING_FORMATS = (
    ("udcg", UDCG),
    ("nato_ukraine_council", NUC),
    ("nato_summit", SUMMIT),
    ("bilateral", BILATERAL),
    ("multilateral", MULTILATERAL),
)

# Capability coalitions: normalised name -> area (a category value).
COALITIONS = MappingProxyType({
    "Air Defence Capability Coalition": "air_defense",
    "Air Force Capability Coalition": "aircraft",
    "Armoured Vehicles Coalition": "armor",
    "Artillery Coalition": "artillery",
    "Demining Coalition": "demining",
    "Drone Coalition": "drones",
    "Electronic Warfare Coalition": "electronic_warfare",
    "IT Coalition": "it_cyber",
    "Maritime Capability Coalition": "maritime",
})

# Organisations that act as donors beside states.
ORGANISATIONS = MappingProxyType({"EU": "European Union", "NATO": "North Atlantic Treaty Organization"})
