"""Companies for the synthetic sample: the target list, and how people write those names.

Real, well-known company names are public information; every person attached to them is
invented. Each target lists the spellings the user's contacts use (``variants``), those of the
friend's contacts (``friend_variants``) and look-alike companies that are *not* the target
(``negatives``), so the sample exercises every matching tier and the classic false positives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    name: str  # as written in targets.xlsx
    sheet: int  # 0: "Dream employers", 1: "Also interesting"
    priority: str  # as written: High/Medium/Low on sheet 0; 1-5 (1 = most wanted) or blank on sheet 1
    city: str = ""
    roles: str = ""
    website: str = ""
    notes: str = ""
    variants: tuple[str, ...] = ()
    friend_variants: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()


DE = "Data Engineer"
T = Target
TARGETS: tuple[Target, ...] = (
    T("Google", 0, "High", "Austin, TX", "Data Engineer, Analytics Engineer",
      "https://careers.google.com", "Ask Priya about a referral?",
      ("Google", "Google", "Google LLC", "Google Cloud", "Google via Qualitest Group", "YouTube"),
      ("Google",)),
    T("Meta", 0, "High", "Austin, TX", DE, "metacareers.com", "",
      ("Meta", "Facebook", "Meta Platforms, Inc.", "Instagram")),
    T("Amazon", 0, "Medium", "Austin, TX", "Data Engineer; BI Engineer", "https://www.amazon.jobs",
      "Lots of openings, slow process",
      ("Amazon", "Amazon Web Services (AWS)", "Amazon.com", "AWS", "Amazon")),
    T("Microsoft", 0, "Medium", "Remote", DE, "careers.microsoft.com", "",
      ("Microsoft", "Microsoft Corporation", "LinkedIn")),
    T("Walmart", 0, "Medium", "Bentonville, AR / Remote", "Data Engineer III", "", "",
      ("Walmart", "Walmart Global Tech", "Walmart Inc.", "Wallmart", "Sam's Club")),
    T("Epic Systems", 0, "High", "Verona, WI", "Software Developer, Data", "https://www.epic.com/careers",
      "Would relocate for this one", ("Epic", "Epic Systems Corporation", "Epic Systems"), (),
      ("Epic Games", "Epic Games")),
    T("Cisco", 0, "Medium", "Austin, TX", DE, "cisco.com", "",
      ("Cisco", "Cisco Systems", "Cisco Meraki"), (), ("Sysco", "Sysco Corporation")),
    T("Kaiser Permanente", 0, "Medium", "Remote", "Data Analyst, Data Engineer", "", "Remote OK?",
      ("Kaiser Permanente", "Apex Systems | Kaiser Permanente",
       "Kaiser Permanente Northern California"), (), ("Kaiser Aluminum",)),
    T("The Home Depot", 0, "Low", "Atlanta, GA", DE, "", "",
      ("The Home Depot", "Home Depot", "The Home Depot, Inc.")),
    T("Procter & Gamble", 0, "Low", "Cincinnati, OH", "Data Analyst", "pgcareers.com", "",
      ("Procter & Gamble", "Procter and Gamble", "P&G")),
    T("Johnson & Johnson", 0, "Medium", "New Brunswick, NJ", DE, "", "",
      ("Johnson & Johnson", "Johnson and Johnson", "Janssen Pharmaceuticals"), (),
      ("Johnson Controls",)),
    T("Bain & Company", 0, "Low", "Dallas, TX", "Data Scientist", "", "Long shot",
      ("Bain & Company", "Bain and Company"), (), ("Bain Capital",)),
    T("Deloitte", 0, "Medium", "Austin, TX", "Data Engineering Consultant", "deloitte.com", "",
      ("Deloitte", "Deloitte Consulting LLP", "Deloitte Digital", "Deloitte & Touche LLP")),
    T("Novo Nordisk", 0, "High", "Copenhagen / Plainsboro, NJ", DE, "novonordisk.com",
      "Dana knows people here", ("Novo Nordisk A/S",), ("Novo Nordisk", "Novo Nordisk Inc."),
      ("Novozymes A/S",)),
    T("Ørsted", 0, "High", "Copenhagen", "Data Engineer (energy)", "https://orsted.com",
      "Offshore wind. Ask Dana!", (), ("Orsted", "Ørsted A/S", "Ørsted")),
    # A blank row in the workbook follows here (see BLANK_ROW_AFTER).
    T("Siemens", 0, "Medium", "Munich / Remote", DE, "", "",
      ("Siemens", "Siemens AG", "Siemens Healthineers")),
    T("Bosch", 0, "Low", "Stuttgart", DE, "bosch.com", "",
      ("Robert Bosch GmbH", "Bosch Global Software Technologies")),
    T("Spotify", 0, "High", "New York / Stockholm", "Data Engineer, Analytics Engineer",
      "https://www.lifeatspotify.com", "", ("Spotify", "Spotify AB")),
    T("Stripe", 0, "High", "Remote (US)", "Analytics Engineer", "stripe.com/jobs", "",
      ("Stripe", "Stripe, Inc.")),
    T("Salesforce", 0, "Medium", "Austin, TX", DE, "", "",
      ("Salesforce", "salesforce.com", "Tableau Software", "Slack")),
    T("Target", 0, "Medium", "Minneapolis, MN", "Data Engineer, Lead", "corporate.target.com", "",
      ("Target", "Target Corporation"), (), ("TargetCW",)),
    T("JPMorgan Chase & Co.", 0, "Medium", "Plano, TX", DE, "", "",
      ("JPMorgan Chase", "J.P. Morgan", "JPMorgan Chase & Co.", "Chase"), (), ("Morgan Stanley",)),
    T("Capital One", 0, "Low", "Plano, TX", DE, "", "", ("Capital One", "Capital One Financial"),
      (), ("Capital Group",)),
    T("NVIDIA", 0, "High", "Austin, TX", "Data Engineer, ML Platform", "nvidia.com", "",
      ("NVIDIA", "Nvidia Corporation")),
    T("Databricks ", 0, "High", "Remote", "Solutions Engineer, Data Engineer", "databricks.com", "",
      ("Databricks",)),
    T("Snowflake", 0, "high", "Remote", DE, "", "", ("Snowflake", "Snowflake Inc.")),
    T("Dell Technologies", 0, "High", "Round Rock, TX", DE, "https://jobs.dell.com",
      "Commute is fine", ("Dell Technologies", "Dell", "Dell EMC", "Dell Technologies")),
    T("Indeed", 0, "Medium", "Austin, TX", DE, "indeed.jobs", "Dana works here",
      ("Indeed", "Indeed.com")),
    T("Duolingo", 0, "Medium", "Pittsburgh, PA", "Analytics Engineer", "", "",
      (), ("Duolingo", "Duolingo, Inc.")),
    T("Figma", 0, "Medium", "Remote", DE, "figma.com/careers", "", (), ("Figma",)),
    T("Apple", 1, "3", notes="Austin campus", variants=("Apple", "Apple Inc."),
      negatives=("Apple Leisure Group",)),
    T("IBM", 1, "4", variants=("IBM", "International Business Machines (IBM)", "Red Hat")),
    T("Atlassian", 1, "2", notes="Remote-first", variants=("Atlassian",)),
    T("Vestas Wind Systems", 1, "3", friend_variants=("Vestas", "Vestas Wind Systems A/S")),
    T("Canva", 1, ""),
    T("Patagonia", 1, "1", notes="Dream, but few data roles"),
    T("Etsy", 1, ""),
    T("Wikimedia Foundation", 1, "4"),
    T("UnitedHealth Group", 1, "3", variants=("UnitedHealth Group", "Optum", "UnitedHealthcare")),
    T("Microsoft Corporation", 1, "2", notes="same as Microsoft above"),
    T("Carlsberg Group", 1, ""),
    T("LEGO Group", 1, "2", variants=("The LEGO Group",), friend_variants=("LEGO",)),
    T("EY", 1, "3", variants=("EY", "Ernst & Young", "Ernst & Young LLP")),
    T("AstraZeneca", 1, "", variants=("AstraZeneca plc", "AstraZeneca")),
)
#: Index in TARGETS after which "Dream employers" has an empty row.
BLANK_ROW_AFTER = 14

#: Well-known employers that are not on the target list.
OTHER_COMPANIES = (
    "Oracle", "Accenture", "Intel", "AMD", "Tesla", "H-E-B", "Whole Foods Market",
    "University of Texas at Austin", "The University of Texas at Austin",
    "Texas Health and Human Services Commission", "Austin Community College",
    "St. David's HealthCare", "Ascension", "Charles Schwab", "USAA", "Bazaarvoice", "Visa",
    "Mastercard", "Adobe", "Intuit", "Workday", "ServiceNow", "Expedia Group", "Booking.com",
    "Zillow", "Shopify", "PwC", "KPMG", "McKinsey & Company", "Boston Consulting Group (BCG)",
    "Wells Fargo", "Bank of America", "Goldman Sachs", "Pfizer", "Eli Lilly and Company", "3M",
    "General Electric", "Samsung Austin Semiconductor", "Applied Materials", "Texas Instruments",
    "Silicon Labs", "Q2", "Bumble", "Kendra Scott", "Rackspace Technology", "SolarWinds",
    "National Instruments", "Infosys", "Tata Consultancy Services", "Wipro", "Cognizant",
    "Capgemini", "Ericsson", "SAP", "Zendesk", "HubSpot", "Twilio", "Okta", "Cloudflare", "Uber",
    "Lyft", "DoorDash", "Airbnb", "Netflix", "Huntington Ingalls Industries", "Randstad",
    "Robert Half", "TEKsystems", "Insight Global",
)
#: Small invented local employers (Austin, TX).
LOCAL_COMPANIES = (
    "Lone Star Data Partners LLC", "Barton Springs Analytics", "Congress Avenue Consulting Group",
    "Hill Country Health", "Pecan Street Labs", "Bluebonnet Software, Inc.", "Red River Ventures",
    "Zilker Logistics", "Eastside Coffee Roasters", "Capital City Tutoring", "Mueller Dental Studio",
    "Shoal Creek Realty", "Lady Bird Lake Outfitters",
)
#: What people write when there is no employer to match. These must never match a target.
PLACEHOLDERS = (
    "Self-employed", "Self Employed", "Stealth AI Startup", "Stealth Startup", "Freelance",
    "Freelancer", "Confidential", "Retired", "Open to Work", "Independent Consultant", "",
    "Various Clients",
)

#: (old company, old position, new company, new position): seen between the older and the
#: newer export. Includes a rename (Facebook -> Meta), a promotion at the same employer, and a
#: move *away* from a target.
JOB_CHANGES = (
    ("Dell Technologies", "Data Engineer", "Google", "Data Engineer"),
    ("Indeed", "Senior Data Analyst", "Stripe, Inc.", "Analytics Engineer"),
    ("Whole Foods Market", "BI Developer", "Amazon Web Services (AWS)", "Business Intelligence Engineer"),
    ("Accenture", "Technical Recruiter", "Deloitte", "Senior Talent Acquisition Partner"),
    ("Oracle", "Senior Software Engineer", "Snowflake", "Senior Software Engineer"),
    ("Self-employed", "Data Consultant", "Databricks", "Solutions Architect"),
    ("University of Texas at Austin", "Graduate Research Assistant", "Spotify", "Data Scientist"),
    ("H-E-B", "Engineering Manager, Data", "Walmart Global Tech", "Senior Engineering Manager, Data Platform"),
    ("Visa", "Recruiter", "Capital One", "Technical Recruiter"),
    ("Facebook", "Data Engineer", "Meta", "Data Engineer"),
    ("NVIDIA", "Senior Data Engineer", "Stealth AI Startup", "Founding Engineer"),
    ("Bazaarvoice", "Data Engineer", "Epic Systems", "Software Developer"),
    ("Rackspace Technology", "Talent Partner", "NVIDIA", "Technical Recruiter, Data & AI"),
    ("Cisco", "Data Engineer", "Cisco", "Senior Data Engineer"),
    ("Deloitte", "Consultant", "Dell Technologies", "Director, Data Engineering"),
    ("Charles Schwab", "Data Analyst", "Salesforce", "Senior Data Analyst"),
)


def filler_company(rng: random.Random) -> str:
    """A company for a contact who is not at a target: mostly other employers, some blanks."""
    roll = rng.random()
    if roll < 0.62:
        return rng.choice(OTHER_COMPANIES)
    if roll < 0.80:
        return rng.choice(LOCAL_COMPANIES)
    return rng.choice(PLACEHOLDERS)


# Invented company names for the benchmark, combined from parts (about 70,000 combinations).
_STEM_START = (
    "Nor", "Vel", "Quan", "Aeri", "Bright", "Cobalt", "Delta", "Ever", "Fern", "Gran", "Helio",
    "Iron", "Juni", "Kest", "Lumen", "Meri", "Nimb", "Orbi", "Pax", "Quill", "Rho", "Sable", "Tera",
    "Umbra", "Vanta", "Wren", "Xeno", "Yarro", "Zephy", "Alto", "Brava", "Cinder", "Dune", "Ember",
    "Fable", "Glen", "Harbor", "Indi", "Jade", "Kilo", "Lark", "Mosaic", "Nova", "Onyx", "Pine",
    "Quasar", "Ridge", "Solst", "Tidal", "Ultra", "Verd", "Willow", "Axi", "Brim", "Crest", "Drift",
    "Elm", "Flux", "Gale", "Halo",
)
_STEM_END = (
    "tek", "via", "nex", "ora", "ium", "ly", "field", "stone", "wave", "bridge", "path", "works",
    "gate", "point", "line", "scale", "forge", "mark", "core", "leaf", "io", "ix", "ara", "on",
    "ent", "ica", "wise", "hub", "loop", "stack", "yard", "mint", "spark", "port", "grid", "nest",
    "vale", "crest", "beam", "fort",
)
_KIND = (
    "Analytics", "Labs", "Health", "Logistics", "Capital", "Energy", "Systems", "Software", "Foods",
    "Robotics", "Bio", "Media", "Partners", "Consulting", "Financial", "Security", "Networks",
    "Materials", "Mobility", "Learning", "Retail", "Insurance", "Pharma", "Studios", "Cloud",
    "Data", "AI", "Solar", "Water", "Foundry",
)
LEGAL_SUFFIXES = ("Inc.", "LLC", "Ltd", "GmbH", "A/S", "plc", "S.A.", "B.V.", "AB", "Corp.",
                  "Pty Ltd", "Oy", "S.r.l.", "Co.")


def invented_companies(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented company names such as "Norvia Analytics" or "Emberloop"."""
    stems = len(_STEM_START) * len(_STEM_END)
    total = stems * (len(_KIND) + 1)
    names = []
    for index in rng.sample(range(total), count):
        stem_index, kind_index = divmod(index, len(_KIND) + 1)
        start, end = divmod(stem_index, len(_STEM_END))
        stem = _STEM_START[start] + _STEM_END[end]
        names.append(stem if kind_index == len(_KIND) else f"{stem} {_KIND[kind_index]}")
    return names


def written_variant(rng: random.Random, name: str) -> str:
    """How someone might write an invented company: as is, or with a legal suffix."""
    roll = rng.random()
    if roll < 0.7:
        return name
    if roll < 0.95:
        return f"{name} {rng.choice(LEGAL_SUFFIXES)}"
    return name.upper()
