"""Titles as people write them on LinkedIn, read as occupation, function, level and flags."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.plan import titles
from outreach.plan.titles import (
    FUNCTIONS,
    LEVEL_VALUE,
    UNKNOWN,
    read_title,
    related_function,
    same_role,
)

# (position as written, role, function, level name, recruiter)
TITLES = [
    # --- product: "manager" in a product manager's title is the occupation, not a level
    ("Product Manager", "product manager", "product", "mid", False),
    ("Senior Product Manager", "product manager", "product", "senior", False),
    ("Sr. Product Manager", "product manager", "product", "senior", False),
    ("Sr Product Manager, Payments", "product manager", "product", "senior", False),
    ("Associate Product Manager", "product manager", "product", "junior", False),
    ("APM", "product manager", "product", "junior", False),
    ("Group Product Manager", "product manager", "product", "lead", False),
    ("Principal Product Manager", "product manager", "product", "lead", False),
    ("Lead Product Manager - Growth", "product manager", "product", "lead", False),
    ("Product Lead", "product manager", "product", "lead", False),
    ("Technical Product Manager II", "product manager", "product", "mid", False),
    ("Director of Product Management", "product manager", "product", "director", False),
    ("Senior Director, Product Management", "product manager", "product", "director", False),
    ("Head of Product", "", "product", "director", False),
    ("VP of Product", "", "product", "vp", False),
    ("Chief Product Officer", "", "product", "executive", False),
    ("CPO", "", "product", "executive", False),
    ("Product Owner", "product owner", "product", "mid", False),
    ("Senior Product Owner | SAFe | Scrum", "product owner", "product", "senior", False),
    ("🚀 Product Manager | Ex-Google | Mentor", "product manager", "product", "mid", False),
    ("PM @ Stripe", "product manager", "product", "mid", False),
    ("Sr. PM | Ex-Amazon, Ex-Microsoft", "product manager", "product", "senior", False),
    ("Product Manager at Spotify", "product manager", "product", "mid", False),
    ("Product Manager · Payments · Open to work", "product manager", "product", "mid", False),
    ("Produktmanager", "product manager", "product", "mid", False),
    ("Senior Produktmanagerin", "product manager", "product", "senior", False),
    ("Chef de produit", "product manager", "product", "mid", False),
    ("Gerente de Produto", "product manager", "product", "mid", False),
    ("Productmanager", "product manager", "product", "mid", False),
    # --- not product managers, whatever the word "product" says
    ("Product Designer", "product designer", "design", "mid", False),
    ("Senior Product Designer", "product designer", "design", "senior", False),
    ("Product Analyst", "product analyst", "data", "mid", False),
    ("Product Marketing Manager", "product marketing manager", "marketing", "mid", False),
    ("Senior Manager, Product Marketing", "product marketing manager", "marketing", "manager", False),
    # --- engineering
    ("Software Engineer", "software engineer", "engineering", "mid", False),
    ("Senior Software Engineer", "software engineer", "engineering", "senior", False),
    ("Sr. Software Engineer @ Google", "software engineer", "engineering", "senior", False),
    ("SWE @ Meta", "software engineer", "engineering", "mid", False),
    ("SDE II", "software engineer", "engineering", "mid", False),
    ("Software Development Engineer", "software engineer", "engineering", "mid", False),
    ("Software Engineer III", "software engineer", "engineering", "senior", False),
    ("Staff Software Engineer", "software engineer", "engineering", "lead", False),
    ("Principal Engineer", "engineer", "engineering", "lead", False),
    ("Junior Developer", "software engineer", "engineering", "junior", False),
    ("Jr. Software Engineer", "software engineer", "engineering", "junior", False),
    ("Full Stack Developer | React | Node.js", "software engineer", "engineering", "mid", False),
    ("Backend Engineer - Payments", "software engineer", "engineering", "mid", False),
    ("Frontend Engineer", "software engineer", "engineering", "mid", False),
    ("iOS Engineer", "software engineer", "engineering", "mid", False),
    ("Software Engineering Intern", "software engineer", "engineering", "intern", False),
    ("Software Engineer Intern @ Shopify", "software engineer", "engineering", "intern", False),
    ("Tech Lead", "", "engineering", "lead", False),
    ("Engineering Manager", "engineering manager", "engineering", "manager", False),
    ("Senior Engineering Manager", "engineering manager", "engineering", "manager", False),
    ("EM @ Datadog", "engineering manager", "engineering", "manager", False),
    ("Director of Engineering", "", "engineering", "director", False),
    ("Head of Engineering", "", "engineering", "director", False),
    ("VP Engineering", "", "engineering", "vp", False),
    ("SVP, Engineering", "", "engineering", "vp", False),
    ("CTO", "", "engineering", "executive", False),
    ("Co-Founder & CTO", "", "engineering", "founder", False),
    ("DevOps Engineer", "devops engineer", "engineering", "mid", False),
    ("Site Reliability Engineer", "site reliability engineer", "engineering", "mid", False),
    ("Senior SRE", "site reliability engineer", "engineering", "senior", False),
    ("QA Engineer", "qa engineer", "engineering", "mid", False),
    ("Solutions Architect", "solutions architect", "engineering", "mid", False),
    ("Technical Program Manager", "technical program manager", "engineering", "mid", False),
    ("Senior TPM", "technical program manager", "engineering", "senior", False),
    ("Softwareentwickler", "software engineer", "engineering", "mid", False),
    ("Senior Softwareentwicklerin", "software engineer", "engineering", "senior", False),
    ("Webentwickler", "software engineer", "engineering", "mid", False),
    ("Ingénieur logiciel", "software engineer", "engineering", "mid", False),
    ("Développeur Full Stack", "software engineer", "engineering", "mid", False),
    ("Développeuse web chez Doctolib", "software engineer", "engineering", "mid", False),
    ("Desarrollador de Software", "software engineer", "engineering", "mid", False),
    ("Desenvolvedor Full Stack em Nubank", "software engineer", "engineering", "mid", False),
    ("Desenvolvedora Front-end Sênior", "software engineer", "engineering", "senior", False),
    ("Ingeniero de Software Senior", "software engineer", "engineering", "senior", False),
    ("Engenheiro de Software", "software engineer", "engineering", "mid", False),
    ("Softwareontwikkelaar", "software engineer", "engineering", "mid", False),
    ("Sviluppatore Software", "software engineer", "engineering", "mid", False),
    # --- data
    ("Data Analyst", "data analyst", "data", "mid", False),
    ("Senior Data Analyst", "data analyst", "data", "senior", False),
    ("Junior Data Analyst", "data analyst", "data", "junior", False),
    ("BI Analyst", "data analyst", "data", "mid", False),
    ("Analytics Manager", "data analyst", "data", "manager", False),
    ("Analista de Datos", "data analyst", "data", "mid", False),
    ("Analista de Dados Sênior", "data analyst", "data", "senior", False),
    ("Datenanalyst", "data analyst", "data", "mid", False),
    ("Business Analyst", "business analyst", "data", "mid", False),
    ("Data Scientist", "data scientist", "data", "mid", False),
    ("Lead Data Scientist", "data scientist", "data", "lead", False),
    ("Data Engineer", "data engineer", "data", "mid", False),
    ("Machine Learning Engineer", "machine learning engineer", "data", "mid", False),
    ("Senior ML Engineer", "machine learning engineer", "data", "senior", False),
    ("Head of Data", "", "data", "director", False),
    ("Director, Data & Analytics", "", "data", "director", False),
    # --- design
    ("UX Designer", "ux designer", "design", "mid", False),
    ("UX/UI Designer", "ux designer", "design", "mid", False),
    ("Senior UX Researcher", "ux researcher", "design", "senior", False),
    ("Graphic Designer", "graphic designer", "design", "mid", False),
    ("Design Lead", "", "design", "lead", False),
    ("Head of Design", "", "design", "director", False),
    ("Creative Director", "", "design", "director", False),
    # --- marketing and sales
    ("Marketing Manager", "marketing manager", "marketing", "manager", False),
    ("Senior Marketing Manager", "marketing manager", "marketing", "manager", False),
    ("Growth Marketing Lead", "", "marketing", "lead", False),
    ("Head of Growth", "", "marketing", "director", False),
    ("CMO", "", "marketing", "executive", False),
    ("Social Media Manager", "social media manager", "marketing", "mid", False),
    ("Community Manager", "community manager", "marketing", "mid", False),
    ("Responsable Marketing", "marketing manager", "marketing", "manager", False),
    ("Responsabile Marketing", "marketing manager", "marketing", "manager", False),
    ("Account Executive", "account executive", "sales", "mid", False),
    ("Senior Account Executive", "account executive", "sales", "senior", False),
    ("Enterprise AE", "account executive", "sales", "mid", False),
    ("Account Manager", "account manager", "sales", "mid", False),
    ("Key Account Manager", "account manager", "sales", "mid", False),
    ("SDR", "sales development representative", "sales", "mid", False),
    ("BDR @ HubSpot", "sales development representative", "sales", "mid", False),
    ("Customer Success Manager", "customer success manager", "sales", "mid", False),
    ("Sales Manager", "sales manager", "sales", "manager", False),
    ("Regional Sales Director", "", "sales", "director", False),
    ("VP of Sales", "", "sales", "vp", False),
    ("Gerente de Ventas", "sales manager", "sales", "manager", False),
    ("Leiter Vertrieb", "", "sales", "director", False),
    ("Jefe de Ventas", "", "sales", "director", False),
    # --- finance, legal, research
    ("Financial Analyst", "financial analyst", "finance", "mid", False),
    ("Staff Accountant", "accountant", "finance", "mid", False),
    ("CFO", "", "finance", "executive", False),
    ("Associate, Investment Banking", "investment banker", "finance", "mid", False),
    ("Associate", "", "other", "mid", False),
    ("Senior Associate", "", "other", "senior", False),
    ("AVP", "", "other", "senior", False),
    ("Assistant Vice President", "", "other", "senior", False),
    ("Vice President", "", "other", "vp", False),
    ("Portfolio Manager", "portfolio manager", "finance", "mid", False),
    ("Partner", "", "other", "director", False),
    ("Partner at McKinsey & Company", "", "other", "director", False),
    ("Managing Partner", "", "executive", "executive", False),
    ("Associate Attorney", "lawyer", "legal", "mid", False),
    ("General Counsel", "lawyer", "legal", "director", False),
    ("Rechtsanwältin", "lawyer", "legal", "mid", False),
    ("Avocate", "lawyer", "legal", "mid", False),
    ("Research Scientist", "research scientist", "research", "mid", False),
    ("PhD Candidate", "researcher", "research", "intern", False),
    ("Assistant Professor", "professor", "research", "mid", False),
    # --- operations and projects
    ("Project Manager", "project manager", "operations", "mid", False),
    ("Senior Project Manager", "project manager", "operations", "senior", False),
    ("IT Project Manager | PMP", "project manager", "operations", "mid", False),
    ("Chef de projet", "project manager", "operations", "mid", False),
    ("Cheffe de projet digital", "project manager", "operations", "mid", False),
    ("Projektleiter", "project manager", "operations", "mid", False),
    ("Projektmanagerin", "project manager", "operations", "mid", False),
    ("Gerente de Proyectos", "project manager", "operations", "mid", False),
    ("Jefe de Proyecto", "project manager", "operations", "mid", False),
    ("Projectleider", "project manager", "operations", "mid", False),
    ("Program Manager", "program manager", "operations", "mid", False),
    ("Scrum Master", "scrum master", "operations", "mid", False),
    ("Operations Manager", "operations manager", "operations", "manager", False),
    ("Warehouse Operations Manager", "operations manager", "operations", "manager", False),
    ("Office Manager", "office manager", "operations", "mid", False),
    ("Chief of Staff", "chief of staff", "operations", "lead", False),
    ("Chief of Staff to the CEO", "chief of staff", "operations", "lead", False),
    ("Executive Assistant to the CEO", "executive assistant", "operations", "mid", False),
    ("COO", "", "operations", "executive", False),
    ("Supply Chain Manager", "operations manager", "operations", "manager", False),
    ("Management Consultant", "consultant", "operations", "mid", False),
    ("Senior Consultant | Strategy & Transformation", "consultant", "operations", "senior", False),
    # --- executives, founders and owners: "owner" alone is no founder
    ("CEO", "", "executive", "executive", False),
    ("Chief Executive Officer", "", "executive", "executive", False),
    ("President", "", "executive", "executive", False),
    ("Founder", "", "executive", "founder", False),
    ("Co-founder", "", "executive", "founder", False),
    ("Cofounder & CEO", "", "executive", "founder", False),
    ("CEO & Founder", "", "executive", "founder", False),
    ("Founder & CEO @ Acme | Forbes 30 Under 30", "", "executive", "founder", False),
    ("CEO/Founder", "", "executive", "founder", False),
    ("Business Owner", "", "executive", "founder", False),
    ("Owner & Founder", "", "executive", "founder", False),
    ("Owner, Acme Bakery", "", "executive", "founder", False),
    ("Owner", "", "executive", "founder", False),
    ("Managing Director", "", "other", "director", False),
    ("General Manager", "", "other", "director", False),
    ("GM, EMEA", "", "other", "director", False),
    ("Board Member", "", "executive", "executive", False),
    ("Chairman of the Board", "", "executive", "executive", False),
    ("Geschäftsführer", "", "executive", "executive", False),
    ("Geschäftsführerin", "", "executive", "executive", False),
    ("Gründer & Geschäftsführer", "", "executive", "founder", False),
    ("Inhaber", "", "executive", "founder", False),
    ("Directeur Général", "", "executive", "executive", False),
    ("PDG", "", "executive", "executive", False),
    ("Fondatrice", "", "executive", "founder", False),
    ("Cofundador y CEO", "", "executive", "founder", False),
    ("Sócio Fundador", "", "executive", "founder", False),
    ("Amministratore Delegato", "", "executive", "executive", False),
    ("Eigenaar", "", "executive", "founder", False),
    ("Oprichter", "", "executive", "founder", False),
    ("Directeur Marketing", "", "marketing", "director", False),
    ("Directrice des ressources humaines", "", "hr", "director", False),
    ("Diretor de Tecnologia", "", "engineering", "director", False),
    ("Hoofd Marketing", "", "marketing", "director", False),
    ("Leiterin Personal", "", "hr", "director", False),
    ("Bereichsleiter", "", "other", "director", False),
    ("Teamleiter", "", "other", "lead", False),
    # --- recruiters (and the HR that does not hire)
    ("Recruiter", "recruiter", "hr", "mid", True),
    ("Technical Recruiter", "recruiter", "hr", "mid", True),
    ("Senior Technical Recruiter @ Amazon", "recruiter", "hr", "senior", True),
    ("Talent Acquisition Partner", "recruiter", "hr", "mid", True),
    ("Talent Acquisition Specialist", "recruiter", "hr", "mid", True),
    ("Senior Manager, Talent Acquisition", "recruiter", "hr", "manager", True),
    ("Head of Talent Acquisition", "recruiter", "hr", "director", True),
    ("Talent Partner", "recruiter", "hr", "mid", True),
    ("Sourcer", "recruiter", "hr", "mid", True),
    ("Technical Sourcer", "recruiter", "hr", "mid", True),
    ("Headhunter", "recruiter", "hr", "mid", True),
    ("Recruitment Consultant", "recruiter", "hr", "mid", True),
    ("Executive Search Consultant", "recruiter", "hr", "mid", True),
    ("Recruiting Coordinator", "recruiter", "hr", "mid", True),
    ("University Recruiter", "recruiter", "hr", "mid", True),
    ("TA Lead", "recruiter", "hr", "lead", True),
    ("Chargée de recrutement", "recruiter", "hr", "mid", True),
    ("Recrutadora", "recruiter", "hr", "mid", True),
    ("Reclutadora IT", "recruiter", "hr", "mid", True),
    ("Personalberater", "recruiter", "hr", "mid", True),
    ("We're hiring! | Technical Recruiter", "recruiter", "hr", "mid", True),
    ("People Partner", "hr business partner", "hr", "mid", False),
    ("HR Business Partner", "hr business partner", "hr", "mid", False),
    ("Senior HRBP", "hr business partner", "hr", "senior", False),
    ("HR Manager", "hr manager", "hr", "manager", False),
    ("Head of People", "", "hr", "director", False),
    ("Talent Development Manager", "hr", "hr", "manager", False),
    # --- headlines: flags and noise around the title
    ("Hiring! | Engineering Manager", "engineering manager", "engineering", "manager", False),
    ("We're hiring 🚀 | VP Engineering @ Acme", "", "engineering", "vp", False),
    ("#OpenToWork | Data Analyst | SQL · Python · Tableau", "data analyst", "data", "mid", False),
    ("Open to work - Project Manager", "project manager", "operations", "mid", False),
    ("Ex-Googler | Product Manager", "product manager", "product", "mid", False),
    ("Former Software Engineer — now Product Manager", "product manager", "product", "mid", False),
    ("Mentor | Angel Investor | Founder @ Acme", "", "executive", "founder", False),
    ("✨ Senior Product Designer ✨", "product designer", "design", "senior", False),
    ("Data Scientist 📊 | Machine Learning | AI", "data scientist", "data", "mid", False),
    ("Software Engineer / Open Source Maintainer", "software engineer", "engineering", "mid", False),
    ("Hiring Manager", "", "other", "manager", False),
    ("Intern", "", "other", "intern", False),
    ("Marketing Intern", "", "marketing", "intern", False),
    ("Werkstudent Data Analytics", "data analyst", "data", "intern", False),
    ("Stagiaire développeur", "software engineer", "engineering", "intern", False),
    ("Estagiária de Dados", "", "data", "intern", False),
    ("Computer Science Student", "", "other", "intern", False),
    ("MBA Student, Wharton", "", "other", "intern", False),
    ("Student Success Manager", "", "other", "manager", False),
    ("Project Coordinator", "project coordinator", "operations", "mid", False),
    ("Coordenadora de Marketing", "", "marketing", "lead", False),
    ("Teamleiterin Softwareentwicklung", "software engineer", "engineering", "lead", False),
    ("Graduate Software Engineer", "software engineer", "engineering", "junior", False),
    ("Entry Level Data Analyst", "data analyst", "data", "junior", False),
]


@pytest.mark.parametrize(("position", "role", "function", "level", "recruiter"), TITLES,
                         ids=[row[0] for row in TITLES])
def test_a_title_reads_as_people_mean_it(position, role, function, level, recruiter):
    title = read_title(position)
    assert (title.role, title.function, title.level_name, title.recruiter) == (
        role, function, level, recruiter)


def test_the_table_is_large_and_has_no_repeats():
    assert len(TITLES) >= 150
    assert len({row[0] for row in TITLES}) == len(TITLES)


@pytest.mark.parametrize(("position", "manages"), [
    ("Engineering Manager", True),
    ("Head of Product", True),
    ("Director of Engineering", True),
    ("VP Sales", True),
    ("Founder", True),
    ("Hiring Manager", True),
    ("Product Manager", False),
    ("Senior Product Manager", False),
    ("Group Product Manager", False),
    ("Project Manager", False),
    ("Program Manager", False),
    ("Account Manager", False),
    ("Office Manager", False),
    ("Tech Lead", False),
    ("Staff Software Engineer", False),
    ("Chief of Staff", False),
])
def test_who_manages_people(position, manages):
    assert read_title(position).manages is manages


def test_levels_order_as_seniority():
    levels = [read_title(t).level for t in (
        "Software Engineering Intern", "Junior Developer", "Software Engineer",
        "Senior Software Engineer", "Staff Software Engineer", "Principal Engineer",
        "Director of Engineering", "Senior Director of Engineering", "VP Engineering",
        "SVP Engineering", "CTO")]
    assert levels == sorted(levels)
    assert read_title("Product Owner").level == LEVEL_VALUE["mid"] < read_title("CEO").level
    assert all(0 <= read_title(t).level <= 1 for t, *_ in TITLES)


@pytest.mark.parametrize("position", ["", "   ", "🚀🚀", "Open to work", "---", "Looking for new opportunities"])
def test_a_title_that_says_nothing_is_unknown(position):
    assert read_title(position) == UNKNOWN


@pytest.mark.parametrize(("position", "wanted", "same", "related"), [
    # the user wants to be a product manager
    ("Senior Product Manager", "Product Manager", True, True),
    ("Sr. PM @ Stripe", "Product Manager", True, True),
    ("Produktmanagerin", "Product Manager", True, True),
    ("Director of Product Management", "Product Manager", True, True),
    ("Product Designer", "Product Manager", False, True),
    ("Head of Product", "Product Manager", False, True),
    ("Product Owner", "Product Manager", False, True),
    ("Product Analyst", "Product Manager", False, False),
    ("Product Marketing Manager", "Product Manager", False, False),
    ("Operations Manager", "Product Manager", False, False),
    ("Warehouse Operations Manager", "Product Manager", False, False),
    ("Project Manager", "Product Manager", False, False),
    ("Software Engineer", "Product Manager", False, False),
    ("CEO", "Product Manager", False, False),
    # a data analyst
    ("Senior Data Analyst", "Data Analyst", True, True),
    ("Analista de Datos", "Data Analyst", True, True),
    ("BI Analyst", "Data Analyst", True, True),
    ("Data Scientist", "Data Analyst", False, True),
    ("Product Analyst", "Data Analyst", False, True),
    ("Financial Analyst", "Data Analyst", False, False),
    ("Software Engineer", "Data Analyst", False, False),
    # a software engineer
    ("Sr. SWE", "Software Engineer", True, True),
    ("Softwareentwickler", "Software Engineer", True, True),
    ("Desenvolvedor Full Stack", "Software Engineer", True, True),
    ("Backend Engineer", "Software Engineer", True, True),
    ("Engineering Manager", "Software Engineer", False, True),
    ("VP Engineering", "Software Engineer", False, True),
    ("Data Engineer", "Software Engineer", False, False),
    ("Sales Engineer", "Software Engineer", False, False),
    ("Product Manager", "Software Engineer", False, False),
    # a project manager
    ("Senior Project Manager", "Project Manager", True, True),
    ("Chef de projet", "Project Manager", True, True),
    ("Projektleiter", "Project Manager", True, True),
    ("Program Manager", "Project Manager", False, True),
    ("Product Manager", "Project Manager", False, False),
    ("Technical Program Manager", "Project Manager", False, False),
])
def test_peers_share_the_role_not_a_word(position, wanted, same, related):
    title = read_title(position)
    assert same_role(title, wanted) is same
    assert related_function(title, wanted) is related


def test_a_wanted_role_that_names_no_occupation_has_no_peers():
    assert not same_role(read_title("Founder"), "Founder")
    assert not related_function(read_title("CEO"), "CEO")


@given(st.text(max_size=120))
def test_any_text_reads_as_a_title(text):
    title = read_title(text)
    assert title.function in FUNCTIONS and title.level_name in LEVEL_VALUE
    assert 0 <= title.level <= 1
    assert not title.recruiter or title.role == "recruiter"


@given(st.lists(st.sampled_from([row[0] for row in TITLES]), min_size=2, max_size=3),
       st.sampled_from([" | ", " · ", " @ ", " - ", " 🚀 ", " — "]))
def test_a_headline_reads_as_its_first_title(parts, separator):
    assert read_title(separator.join(parts)) == read_title(parts[0])


def test_the_word_table_is_written_as_titles_read():
    import tomllib  # Python 3.11+

    data = tomllib.loads(resources.files("outreach").joinpath("data", "titles.toml").read_text("utf-8"))
    phrases = [p for table in data["roles"].values() for p in table] + list(data["levels"])
    unplain = [p for p in phrases if " ".join(titles._words(p.lstrip("*"))) != p.lstrip("*")]
    assert not unplain, "write phrases lower case, unaccented, one space apart"
    assert len(phrases) == len(set(phrases)), "a phrase is either an occupation or a level, once"
    roles = {role for table in data["roles"].values() for role in table.values()}
    assert set(data["people_managers"]["roles"]) <= roles
    assert set(data["roles"]) <= set(FUNCTIONS)
