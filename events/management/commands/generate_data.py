"""`python manage.py generate_data --events 10000 --speakers 5000 --seed 1`: a large,
realistic, made-up site for benchmarks and scale tests.

What it makes (added to what is there; existing rows are never changed):

- topics (about 30, reused when their slug exists) and links to the 17 SDGs;
- speakers with names in several scripts (Latin with accents such as "García Díaz",
  Chinese, Arabic, Cyrillic, Korean, Greek, Devanagari), honorifics for some, positions,
  organisations and biographies;
- organisations (reused when their name exists) and series (one per 25 events, each with
  2 to 6 editions);
- events spread over 15 years up to six months ahead of `--today`, in several IANA zones,
  in English, French and Spanish, mostly published, some cancelled, postponed or drafts,
  with a description, concept note, outcome (past ones), recording links;
- per event: its sessions (most one timed session; some workshops of 2 to 5 sessions on
  following days; some in-person forums of one to four days given as dates only; a few
  sessions with no announced end), its organisers and their roles, its speakers and
  roles, an agenda (times within the sessions, speakers named with their roles and
  speaking order), materials (metadata only: a stored name, size and language; no file
  is written).

Reproducible: the same --seed and --today give the same rows (titles, names, times, UIDs).
Every row goes in through bulk_create, in batches, inside one transaction. One function
per model (make_speakers, make_events, make_sessions, make_appearances, ...), each taking
the random generator and the rows made before it, so that a new model gets one more
function. bulk_create skips save(), so the generator sets what save() would: each
session's effective start and end (Session.span) and UID (the first session has the
event's), and each event's start and end (the span of its sessions, as
Event.update_span() gives it); at the end, which speakers are public
(Speaker.objects.refresh_public()) and each topic's last change
(Topic.objects.refresh_updated()).
"""

import datetime
import random
import time
import uuid
import zoneinfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.text import slugify

from events.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Event,
    EventOrganizer,
    EventSpeaker,
    Material,
    Organization,
    Series,
    Session,
    SpeakerRole,
    SustainableDevelopmentGoal,
    Topic,
)
from speakers.models import Speaker

BATCH = 1000
YEARS = 15
#: (IANA zone, share of events).
ZONES = [
    ("America/New_York", 40),
    ("Europe/Zurich", 15),
    ("Africa/Nairobi", 8),
    ("Asia/Bangkok", 8),
    ("America/Santiago", 6),
    ("Asia/Beirut", 5),
    ("Pacific/Fiji", 4),
    ("Asia/Kolkata", 5),
    ("Africa/Dakar", 5),
    ("Asia/Shanghai", 4),
]
TOPICS = [
    "Digital Government",
    "Local Governance",
    "Public Institutions",
    "Statistics and Data",
    "Climate Action",
    "Financing for Development",
    "Small Island Developing States",
    "Least Developed Countries",
    "Gender Equality",
    "Youth",
    "Water and Sanitation",
    "Energy",
    "Urban Development",
    "Disaster Risk Reduction",
    "Health Systems",
    "Education",
    "Social Protection",
    "Trade and Investment",
    "Oceans",
    "Food Security",
    "Migration",
    "Indigenous Peoples",
    "Persons with Disabilities",
    "Ageing",
    "Forests",
    "Science, Technology and Innovation",
    "Tax Cooperation",
    "Public Procurement",
    "Open Data",
    "Cybersecurity",
]
#: Title patterns per language: {subject} and {place} are filled in.
TITLES = {
    "en": [
        "Advancing {subject} in {place}",
        "{subject}: lessons from {place}",
        "Capacity-building workshop on {subject}",
        "Building resilient {subject} for the 2030 Agenda",
        "Expert group meeting on {subject} in {place}",
        "{subject} after the pandemic: what works in {place}",
    ],
    "fr": [
        "Renforcer {subject} en {place}",
        "Atelier de renforcement des capacités : {subject}",
        "{subject} : expériences de {place}",
    ],
    "es": [
        "Fortalecer {subject} en {place}",
        "Taller regional sobre {subject} en {place}",
        "{subject}: lecciones de {place}",
    ],
}
SUBJECTS = {
    "en": [
        "digital public services",
        "e-government",
        "smart cities",
        "open government data",
        "local climate finance",
        "national statistical systems",
        "public sector innovation",
        "disaster-resilient infrastructure",
        "universal health coverage",
        "social protection floors",
    ],
    "fr": [
        "les services publics numériques",
        "la gouvernance locale",
        "la statistique publique",
        "la finance climatique",
        "l'administration électronique",
    ],
    "es": [
        "los servicios públicos digitales",
        "la gobernanza local",
        "la innovación pública",
        "la protección social",
        "la resiliencia urbana",
    ],
}
PLACES = {
    "en": [
        "Africa",
        "Asia and the Pacific",
        "small island developing States",
        "least developed countries",
        "Latin America",
        "the Caribbean",
        "the Arab region",
        "Central Asia",
    ],
    "fr": ["Afrique de l'Ouest", "Afrique centrale", "Haïti", "pays francophones"],
    "es": ["América Latina", "el Caribe", "Centroamérica", "los países andinos"],
}
LANGUAGE_SHARES = [("en", 75), ("fr", 12), ("es", 13)]
SUMMARY = {
    "en": "Officials and experts share how {subject} can serve people in {place}.",
    "fr": "Des responsables et des experts partagent leurs pratiques : {subject} en {place}.",
    "es": "Responsables y expertos comparten cómo {subject} puede servir en {place}.",
}
#: (given names, family names, how to write them): True for "Given Family", sorted as
#: "Family, Given"; else the separator of "FamilyGiven" (Chinese, Korean) or "Family Given"
#: (Vietnamese), which is also the sort key.
NAME_POOLS = [
    (
        ["María", "José", "Lucía", "Andrés", "Sofía", "Íñigo", "Begoña", "Raúl"],
        ["García Díaz", "Núñez", "Pérez Gómez", "Martínez", "Ibáñez", "Muñoz", "Hernández"],
        True,
    ),
    (
        ["François", "Hélène", "Zoé", "Jérôme", "Anaïs", "Cédric", "Léa"],
        ["Lefèvre", "Dubois", "Gérard", "Béranger", "Château", "Mercier"],
        True,
    ),
    (
        ["Søren", "Åsa", "Björn", "Øystein", "Märta", "Jürgen", "Zoë"],
        ["Ødegård", "Müller", "Åberg", "Schröder", "Lindqvist", "Kühn"],
        True,
    ),
    (
        ["Łukasz", "Zofia", "Tomáš", "Jiří", "Ştefan", "Çağlar", "Gülşen"],
        ["Wałęsa", "Nováková", "Öztürk", "Popescu", "Kovačević", "Şahin"],
        True,
    ),
    (
        ["Amina", "Kwame", "Ngozi", "Tendai", "Fatou", "Chidi", "Aïssatou"],
        ["Okonkwo", "Mensah", "Diallo", "Ndiaye", "Mutasa", "Traoré", "Kéita"],
        True,
    ),
    (
        ["Elliott", "Sarah", "Deniz", "Priya", "James", "Aroha", "Mele"],
        ["Harris", "Thompson", "Susar", "Sharma", "Taufa", "Ngata", "O'Brien"],
        True,
    ),
    (["小明", "丽", "伟", "芳", "静", "磊"], ["王", "李", "张", "刘", "陈"], ""),
    (["Văn An", "Thị Hương", "Minh Đức", "Quốc Thảo"], ["Nguyễn", "Trần", "Lê", "Phạm"], " "),
    (["민준", "서연", "지훈"], ["김", "이", "박"], ""),
    (
        ["محمد", "فاطمة", "أحمد", "ليلى", "يوسف"],
        ["العلي", "الحسن", "منصور", "الخطيب"],
        True,
    ),
    (
        ["Алексей", "Ольга", "Дмитрий", "Наталья", "Ирина"],
        ["Смирнов", "Иванова", "Кузнецов", "Попова"],
        True,
    ),
    (["Γιώργος", "Ελένη", "Νίκος"], ["Παπαδόπουλος", "Οικονόμου"], True),
    (["अनीता", "राहुल", "सुनीता"], ["शर्मा", "वर्मा", "गुप्ता"], True),
]
HONORIFICS = ["", "", "", "", "Mr.", "Ms.", "Dr", "Prof.", "H.E.", "Hon."]
JOB_TITLES = [
    "Minister of Digital Economy",
    "Director of E-Government",
    "Chief Statistician",
    "Programme Officer",
    "Senior Economist",
    "Mayor",
    "Professor of Public Administration",
    "Head of Innovation Unit",
    "Governance and Public Administration Officer",
    "Permanent Representative",
]
ORGANIZATIONS = [
    "UN Department of Economic and Social Affairs (UN DESA)",
    "UN-Habitat",
    "International Telecommunication Union (ITU)",
    "World Bank",
    "Ministère de la Transformation numérique, Sénégal",
    "Ministerio de Economía, Perú",
    "Fudan University",
    "Université Cheikh Anta Diop",
    "Pacific Islands Forum Secretariat",
    "Instituto Nacional de Estadística",
    "Shanghai Data Exchange Center",
    "Municipalité de Port-au-Prince",
    "Universidad de São Paulo",
    "Economic Commission for Africa",
]
AGENDA = [
    (AgendaItem.Kind.WELCOME_REMARKS, "Welcome remarks"),
    (AgendaItem.Kind.KEYNOTE, "Keynote address"),
    (AgendaItem.Kind.PRESENTATION, "Country experiences"),
    (AgendaItem.Kind.PANEL, "Panel discussion"),
    (AgendaItem.Kind.QUESTIONS, "Questions and answers"),
    (AgendaItem.Kind.CLOSING, "Closing remarks"),
]
#: An event's speakers: the first two have the first two roles, the others any of them.
ROLES = [
    SpeakerRole.OPENING_REMARKS,
    SpeakerRole.KEYNOTE,
    SpeakerRole.PRESENTER,
    SpeakerRole.PRESENTER,
    SpeakerRole.PANELLIST,
    SpeakerRole.PANELLIST,
    SpeakerRole.MODERATOR,
    SpeakerRole.CHAIR,
    SpeakerRole.DISCUSSANT,
    SpeakerRole.RAPPORTEUR,
    SpeakerRole.CLOSING_REMARKS,
]
#: The roles of an agenda item's speakers, by its kind: (first speaker's, the others').
ITEM_ROLES = {
    AgendaItem.Kind.WELCOME_REMARKS: (SpeakerRole.OPENING_REMARKS, SpeakerRole.OPENING_REMARKS),
    AgendaItem.Kind.KEYNOTE: (SpeakerRole.KEYNOTE, SpeakerRole.KEYNOTE),
    AgendaItem.Kind.PRESENTATION: (SpeakerRole.PRESENTER, SpeakerRole.PRESENTER),
    AgendaItem.Kind.PANEL: (SpeakerRole.MODERATOR, SpeakerRole.PANELLIST),
    AgendaItem.Kind.QUESTIONS: (SpeakerRole.MODERATOR, SpeakerRole.DISCUSSANT),
    AgendaItem.Kind.CLOSING: (SpeakerRole.CLOSING_REMARKS, SpeakerRole.RAPPORTEUR),
}
#: How an event is held: (shape, share of events, kinds of event it is given).
SHAPES = [
    ("timed", 80, [Event.Kind.WEBINAR] * 6 + [Event.Kind.SEMINAR, Event.Kind.LAUNCH]),
    ("workshop", 8, [Event.Kind.WORKSHOP, Event.Kind.TRAINING]),
    ("forum", 7, [Event.Kind.FORUM, Event.Kind.CONFERENCE, Event.Kind.EXPERT_GROUP_MEETING]),
    ("open-ended", 5, [Event.Kind.MEETING, Event.Kind.SIDE_EVENT, Event.Kind.WEBINAR]),
]
CITIES = [
    ("Geneva", "Switzerland"),
    ("New York", "United States"),
    ("Nairobi", "Kenya"),
    ("Bangkok", "Thailand"),
    ("Santiago", "Chile"),
    ("Beirut", "Lebanon"),
    ("Suva", "Fiji"),
    ("Dakar", "Senegal"),
]
SERIES_TITLES = [
    "{topic} webinar series",
    "Regional workshops on {topic}",
    "Annual forum on {topic}",
    "{topic}: a course in several parts",
]
ORGANIZER_ROLES = [
    (EventOrganizer.Role.CO_ORGANIZER, 50),
    (EventOrganizer.Role.PARTNER, 40),
    (EventOrganizer.Role.SPONSOR, 10),
]
MATERIAL_FORMATS = [("pdf", 60), ("pptx", 25), ("docx", 10), ("xlsx", 5)]
MATERIAL_LANGUAGES = [("en", 70), ("fr", 10), ("es", 10), ("ar", 4), ("ru", 3), ("zh-hans", 3)]


def pick(rng, weighted):
    """One value of [(value, weight), ...]."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def slugs_in_use(model):
    return set(model.objects.values_list("slug", flat=True))


def unique(base, taken, max_length):
    """`base` cut to max_length, with "-2", "-3"... until not in `taken` (then added)."""
    base = base[:max_length].strip("-")
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


def make_uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def make_topics(rng):
    """The TOPICS as Topic rows, reusing those whose slug exists. Returns a list."""
    existing = {t.slug: t for t in Topic.objects.all()}
    new = []
    for name in TOPICS:
        slug = slugify(name)
        if slug not in existing and not Topic.objects.filter(name=name).exists():
            new.append(Topic(name=name, slug=slug, description=f"Webinars on {name.lower()}."))
    Topic.objects.bulk_create(new, batch_size=BATCH)
    return list(Topic.objects.filter(slug__in=[slugify(n) for n in TOPICS]).order_by("slug"))


def speaker_name(rng):
    """(full name, sort name)."""
    given, family, order = rng.choice(NAME_POOLS)
    first, last = rng.choice(given), rng.choice(family)
    if order is True:
        if rng.random() < 0.4:  # a second given name: "María Lucía García Díaz"
            first = f"{first} {rng.choice([g for g in given if g != first])}"
        return f"{first} {last}", f"{last}, {first}"
    return f"{last}{order}{first}", f"{last}{order}{first}"


def make_speakers(rng, count):
    """`count` speakers; returns them with their primary keys."""
    taken = slugs_in_use(Speaker)
    speakers = []
    for _ in range(count):
        full_name, sort_name = speaker_name(rng)
        organization = rng.choice(ORGANIZATIONS)
        speakers.append(
            Speaker(
                full_name=full_name,
                sort_name=sort_name,
                slug=unique(slugify(full_name, allow_unicode=True) or "speaker", taken, 80),
                honorific=rng.choice(HONORIFICS),
                job_title=rng.choice(JOB_TITLES),
                organization=organization,
                bio=f"{full_name} works at {organization} on public sector reform.",
            )
        )
    return Speaker.objects.bulk_create(speakers, batch_size=BATCH)


def event_text(rng):
    """(language, title, summary)."""
    language = pick(rng, LANGUAGE_SHARES)
    subject, place = rng.choice(SUBJECTS[language]), rng.choice(PLACES[language])
    title = rng.choice(TITLES[language]).format(subject=subject, place=place)
    title = title[0].upper() + title[1:]
    return language, title, SUMMARY[language].format(subject=subject, place=place)


def make_organizations():
    """The ORGANIZATIONS as Organization rows ("Name (ACRONYM)" gives the acronym), reusing
    those whose name exists. Returns them all, in the order of ORGANIZATIONS."""
    wanted = {}
    for text in ORGANIZATIONS:
        name, _, acronym = text.partition(" (")
        wanted[name] = acronym.rstrip(")")
    existing = set(Organization.objects.filter(name__in=wanted).values_list("name", flat=True))
    Organization.objects.bulk_create(
        [Organization(name=n, acronym=a) for n, a in wanted.items() if n not in existing],
        batch_size=BATCH,
    )
    by_name = Organization.objects.in_bulk(list(wanted), field_name="name")
    return [by_name[name] for name in wanted]


def make_series(rng, count, topics):
    """`count` series named after topics; returns them with their primary keys."""
    taken = slugs_in_use(Series)
    rows = []
    for _ in range(count):
        topic = rng.choice(topics)
        title = rng.choice(SERIES_TITLES).format(topic=topic.name)
        rows.append(
            Series(
                title=title,
                slug=unique(slugify(title, allow_unicode=True), taken, 120),
                description=f"Editions of the {title.lower()}, for government officials.",
                uid=make_uuid(rng),
            )
        )
    return Series.objects.bulk_create(rows, batch_size=BATCH)


def plan_sessions(rng, shape, day, zone):
    """The sessions (unsaved Session rows, no event yet) of an event of `shape` (see
    SHAPES) first held on `day` (a date) in `zone` (a ZoneInfo), with effective_start
    and effective_end set as Session.save() sets them."""
    at = datetime.time(rng.randrange(7, 17), rng.choice([0, 30]))
    sessions = []
    if shape == "forum":  # the days are known, the hours are not: dates only
        days = rng.randint(0, 3)
        sessions.append(
            Session(start_date=day, end_date=day + datetime.timedelta(days=days) if days else None)
        )
    elif shape == "workshop":  # the same hours on following (or every other) days
        gap = rng.choice([1, 1, 2, 7])
        minutes = rng.choice([120, 150, 180])
        for n in range(rng.randint(2, 5)):
            local = datetime.datetime.combine(day + datetime.timedelta(days=gap * n), at, zone)
            start = local.astimezone(datetime.UTC)
            sessions.append(
                Session(
                    title=f"Day {n + 1}" if gap == 1 else f"Part {n + 1}",
                    start=start,
                    end=start + datetime.timedelta(minutes=minutes),
                )
            )
    else:
        start = datetime.datetime.combine(day, at, zone).astimezone(datetime.UTC)
        minutes = rng.choice([60, 90, 120, 150, 180])
        end = None if shape == "open-ended" else start + datetime.timedelta(minutes=minutes)
        sessions.append(Session(start=start, end=end))
    for session in sessions:
        session.effective_start, session.effective_end = session.span(zone)
    return sessions


def make_events(rng, count, today, series):
    """`count` events first held between YEARS years before `today` (a date) and six
    months after it, in the SHAPES (their sessions are planned here, on
    `event.planned_sessions`, and stored by make_sessions); 2 to 6 editions of each of
    `series`. start and end are the span of the sessions. Returns them with pks."""
    first = datetime.datetime.combine(today, datetime.time(), datetime.UTC) - datetime.timedelta(
        days=365 * YEARS - 182
    )
    span_days = 365 * YEARS
    taken = slugs_in_use(Event)
    now = timezone.now()
    editions = [s for s in series for _ in range(rng.randint(2, 6))][:count]
    editions += [None] * (count - len(editions))
    rng.shuffle(editions)
    shapes = [(shape, share) for shape, share, _kinds in SHAPES]
    kinds = {shape: kinds for shape, _share, kinds in SHAPES}
    events = []
    for edition in editions:
        zone = zoneinfo.ZoneInfo(pick(rng, ZONES))
        day = (first + datetime.timedelta(days=rng.randrange(span_days))).date()
        shape = pick(rng, shapes)
        sessions = plan_sessions(rng, shape, day, zone)
        start = min(s.effective_start for s in sessions)
        end = max(s.effective_end for s in sessions)
        language, title, summary = event_text(rng)
        past = end < now
        status = pick(
            rng,
            [
                (Event.Status.SCHEDULED, 92),
                (Event.Status.CANCELLED, 4),
                (Event.Status.POSTPONED, 2),
                (Event.Status.RESCHEDULED, 2),
            ],
        )
        if shape == "forum":
            mode = rng.choice([Event.AttendanceMode.OFFLINE, Event.AttendanceMode.MIXED])
        else:
            mode = Event.AttendanceMode.ONLINE
        city, country = rng.choice(CITIES) if mode != Event.AttendanceMode.ONLINE else ("", "")
        slug_base = slugify(f"{title} {day.year}", allow_unicode=True)
        event = Event(
            title=title,
            slug=unique(slug_base, taken, 120),
            kind=rng.choice(kinds[shape]),
            series=edition,
            summary=summary,
            description=f"{summary}\n\n**Language:** {language}.",
            start=start,
            end=end,
            timezone=zone.key,
            attendance_mode=mode,
            platform=""
            if mode == Event.AttendanceMode.OFFLINE
            else rng.choice(["Zoom", "Webex", "Microsoft Teams", "UN Web TV"]),
            venue="Conference Centre" if city else "",
            address_locality=city,
            address_country=country,
            registration_url="" if past else "https://example.org/register",
            recording_url=(
                f"https://example.org/recordings/{rng.randrange(10**8)}"
                if past and rng.random() < 0.7
                else ""
            ),
            concept_note=f"## Objectives\n\n{summary}\n\n## Audience\n\nGovernment officials.",
            outcome="Participants agreed on next steps." if past else "",
            status=status,
            publication=(
                Event.Publication.PUBLISHED if rng.random() < 0.95 else Event.Publication.DRAFT
            ),
            uid=make_uuid(rng),
            sequence=rng.choice([0, 0, 0, 1, 2]),
        )
        event.planned_sessions = sessions
        events.append(event)
    created = Event.objects.bulk_create(events, batch_size=BATCH)
    # Announced three weeks before the start (the feeds sort by it), last edited a week
    # after it (or now, for those to come): one UPDATE per batch rather than one per row.
    week = datetime.timedelta(days=7)
    for batch in range(0, len(created), BATCH):
        Event.objects.filter(pk__in=[e.pk for e in created[batch : batch + BATCH]]).update(
            created=F("start") - 3 * week, updated=Least(F("start") + week, Value(now))
        )
    return created


def make_sessions(rng, events):
    """Store the sessions make_events planned: the first with its event's UID (as
    Session.save() gives it), the others a UID of their own."""
    rows = []
    for event in events:
        for n, session in enumerate(event.planned_sessions):
            session.event_id = event.pk
            session.uid = event.uid if n == 0 else make_uuid(rng)
            rows.append(session)
    Session.objects.bulk_create(rows, batch_size=BATCH)


def make_organizers(rng, events, organizations):
    """One organiser per event (mostly one of the first four organisations), and zero to
    three other organisations as co-organisers, partners or sponsors."""
    rows = []
    for event in events:
        lead = rng.choice(organizations[:4])
        rows.append(EventOrganizer(event_id=event.pk, organization=lead, position=0))
        others = [o for o in organizations if o != lead]
        for position, other in enumerate(rng.sample(others, rng.choice([0, 0, 1, 1, 2, 3]))):
            rows.append(
                EventOrganizer(
                    event_id=event.pk,
                    organization=other,
                    role=pick(rng, ORGANIZER_ROLES),
                    position=position + 1,
                )
            )
    EventOrganizer.objects.bulk_create(rows, batch_size=BATCH)


def make_topic_links(rng, events, topics):
    """One to three topics per event."""
    through = Event.topics.through
    rows = [
        through(event_id=event.pk, topic_id=topic.pk)
        for event in events
        for topic in rng.sample(topics, rng.randint(1, 3))
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)


def make_sdg_links(rng, events):
    """Zero to three goals per event."""
    goals = list(SustainableDevelopmentGoal.objects.order_by("number"))
    through = Event.sdgs.through
    rows = [
        through(event_id=event.pk, sustainabledevelopmentgoal_id=goal.pk)
        for event in events
        for goal in rng.sample(goals, rng.randint(0, 3))
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)


def make_appearances(rng, events, speakers):
    """Two to eight speakers per event, some speakers more often than most (as on a real
    site: with 5,000 speakers the busiest appears about 75 times, most once to five times).
    Returns {event pk: [EventSpeaker, ...]} in programme order."""
    weights = [1 / (n + 200) for n in range(len(speakers))]
    rows, by_event = [], {}
    for event in events:
        wanted, chosen = min(rng.randint(2, 8), len(speakers)), []
        while len(chosen) < wanted:
            speaker = rng.choices(speakers, weights)[0]
            if speaker not in chosen:
                chosen.append(speaker)
        for position, speaker in enumerate(chosen):
            role = ROLES[min(position, len(ROLES) - 1)] if position < 2 else rng.choice(ROLES)
            row = EventSpeaker(event_id=event.pk, speaker=speaker, role=role, position=position)
            rows.append(row)
            by_event.setdefault(event.pk, []).append(row)
    EventSpeaker.objects.bulk_create(rows, batch_size=BATCH)
    return by_event


def working_hours(session, zone):
    """(start, end) in UTC that a session's agenda fills: a timed session's own times (two
    hours when the end was not announced), 9:00 to 17:00 on the first day of a date-only
    one."""
    if session.start_date is not None:
        day = session.start_date
        return tuple(
            datetime.datetime.combine(day, datetime.time(hour), zone).astimezone(datetime.UTC)
            for hour in (9, 17)
        )
    return session.start, session.end or session.start + datetime.timedelta(hours=2)


def make_agenda(rng, events, appearances):
    """Three or more agenda items per event, within its sessions (opening remarks in the
    first, closing in the last, one to four items in each). Returns [(AgendaItem, [speaker,
    ...]), ...]: the speakers each item names, drawn from the event's."""
    items, speakers_of = [], []
    for event in events:
        zone = zoneinfo.ZoneInfo(event.timezone)
        sessions = event.planned_sessions
        people = [a.speaker for a in appearances.get(event.pk, [])]
        position = 0
        for n, session in enumerate(sessions):
            most = 4 if len(sessions) == 1 else 2
            kinds = rng.sample(AGENDA[1:-1], rng.randint(1, most))
            if n == 0:
                kinds = AGENDA[:1] + kinds
            if n == len(sessions) - 1:
                kinds = kinds + AGENDA[-1:]
            first, last = working_hours(session, zone)
            slot = (last - first) / len(kinds)
            for index, (kind, title) in enumerate(kinds):
                items.append(
                    AgendaItem(
                        event_id=event.pk,
                        position=position,
                        start=first + slot * index,
                        end=first + slot * (index + 1),
                        title=title,
                        kind=kind,
                        description="" if rng.random() < 0.6 else f"{title}, then discussion.",
                    )
                )
                speakers_of.append(rng.sample(people, min(len(people), rng.randint(0, 3))))
                position += 1
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    return list(zip(items, speakers_of, strict=True))


def make_agenda_speakers(agenda):
    """The speakers of each agenda item (`agenda` as make_agenda returns it), in speaking
    order, with the role the item's kind gives (a panel: its moderator, then panellists)."""
    rows = []
    for item, people in agenda:
        lead, rest = ITEM_ROLES[item.kind]
        for position, speaker in enumerate(people):
            rows.append(
                AgendaItemSpeaker(
                    item_id=item.pk,
                    speaker_id=speaker.pk,
                    role=lead if position == 0 else rest,
                    position=position,
                )
            )
    AgendaItemSpeaker.objects.bulk_create(rows, batch_size=BATCH)


def make_materials(rng, events, appearances):
    """Zero to four documents per event: stored names, sizes and languages only (no file
    is written), some presented by one of its speakers, some links elsewhere."""
    rows = []
    for event in events:
        people = [a.speaker for a in appearances.get(event.pk, [])]
        for position in range(rng.randint(0, 4)):
            kind = rng.choice(Material.Kind.values)
            language = pick(rng, MATERIAL_LANGUAGES)
            extension = pick(rng, MATERIAL_FORMATS)
            title = f"{Material.Kind(kind).label} {position + 1}"
            is_link = rng.random() < 0.2
            rows.append(
                Material(
                    event_id=event.pk,
                    title=title,
                    kind=kind,
                    language=language,
                    file=""
                    if is_link
                    else f"events/materials/{make_uuid(rng).hex}/{slugify(title)}-{language}"
                    f".{extension}",
                    file_size=None if is_link else rng.randrange(40_000, 12_000_000),
                    url=f"https://example.org/documents/{rng.randrange(10**8)}.pdf"
                    if is_link
                    else "",
                    speaker=rng.choice(people) if people and rng.random() < 0.5 else None,
                    position=position,
                )
            )
    Material.objects.bulk_create(rows, batch_size=BATCH)


def generate(*, events, speakers, seed, today=None):
    """Add `events` events and `speakers` speakers made from `seed` (int) around `today`
    (a date; default: today in UTC). Returns {model name: rows added}."""
    rng = random.Random(seed)
    today = today or timezone.now().date()
    with transaction.atomic():
        topics = make_topics(rng)
        organizations = make_organizations()
        people = make_speakers(rng, speakers)
        series = make_series(rng, events // 25, topics)
        made = make_events(rng, events, today, series)
        make_sessions(rng, made)
        make_organizers(rng, made, organizations)
        make_topic_links(rng, made, topics)
        make_sdg_links(rng, made)
        appearances = make_appearances(rng, made, people) if people else {}
        make_agenda_speakers(make_agenda(rng, made, appearances))
        make_materials(rng, made, appearances)
        # What the signals keep for single saves, for every row bulk_create wrote.
        Speaker.objects.refresh_public()
        Topic.objects.refresh_updated()
    return {"events": len(made), "speakers": len(people), "series": len(series)}


class Command(BaseCommand):
    help = "Add a large made-up set of webinars and speakers (for benchmarks and scale tests)."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--speakers", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The date the 15 years end at (plus six months to come), YYYY-MM-DD; "
            "default: today. Give it to get the same rows on another day.",
        )

    def handle(self, *args, events, speakers, seed, today, **options):
        if events < 0 or speakers < 0 or (events and not speakers):
            raise CommandError("Give --events and --speakers of 0 or more (speakers ≥ 1).")
        started = time.perf_counter()
        made = generate(events=events, speakers=speakers, seed=seed, today=today)
        # Planner statistics for the rows just written: until autovacuum reaches them,
        # PostgreSQL plans as if the tables were nearly empty (an estimate of 1 row), and a
        # topic's list took 73 ms instead of 5 ms at 10,000 webinars (docs/benchmarks.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Added {made['events']} events ({made['series']} series) and "
            f"{made['speakers']} speakers "
            f"in {time.perf_counter() - started:.1f} s."
        )
