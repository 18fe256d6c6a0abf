"""`python manage.py load_demo`: load the first real webinar (UN DESA, 9 September 2021)
and two editions of a series held over several days, in person and online: the UN World
Data Forum in Bern (3-6 October 2021) and Hangzhou (24-27 April 2023), known by their dates.

Idempotent: rows that already exist are left as they are (staff edits are never
overwritten) unless --reset is given, which puts the demo values back.
"""

import datetime
import zoneinfo

from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Event,
    EventOrganizer,
    EventSpeaker,
    Organization,
    Series,
    Session,
    SustainableDevelopmentGoal,
    Topic,
)
from speakers.models import Speaker

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

TOPICS = [("digital-government", "Digital Government"), ("local-governance", "Local Governance")]

# Sustainable Development Goals the webinar serves (numbers; the goals are loaded by a
# migration): 11, sustainable cities and communities.
SDGS = [11]

# (honorific, full name, sort name, position, organisation, role), in the programme's order.
SPEAKERS = [
    (
        "Mr.",
        "Elliott Harris",
        "Harris, Elliott",
        "Assistant-Secretary-General and UN Chief Economist",
        "UN Department of Economic and Social Affairs (UN DESA)",
        EventSpeaker.Role.OPENING_REMARKS,
    ),
    (
        "Mr.",
        "Yong LU",
        "Lu, Yong",
        "Vice President",
        "Shanghai Data Exchange Center",
        EventSpeaker.Role.PRESENTER,
    ),
    (
        "Mr.",
        "Jing Yijia",
        "Jing Yijia",
        "President, Institute of Global Public Policy",
        "Fudan University",
        EventSpeaker.Role.PRESENTER,
    ),
    (
        "Mr.",
        "Deniz Susar",
        "Susar, Deniz",
        "Governance and Public Administration Officer",
        "UN DESA",
        EventSpeaker.Role.PRESENTER,
    ),
    (
        "Mr.",
        "Liu Yingfeng",
        "Liu Yingfeng",
        "Deputy-Director",
        "Shanghai Big Data Center",
        EventSpeaker.Role.PRESENTER,
    ),
    (
        "Mrs.",
        "Zhu Lin",
        "Zhu Lin",
        "Vice Director, Urban Perspective Data Hub",
        "School of Social and Public Administration, "
        "East China University of Science and Technology",
        EventSpeaker.Role.PRESENTER,
    ),
    (
        "Mr.",
        "Wang Xingquan",
        "Wang Xingquan",
        "Director, Research Center of Science and Technology Innovation",
        "Shanghai Academy of Social Sciences",
        EventSpeaker.Role.PRESENTER,
    ),
]

EVENT = {
    "slug": "smart-cities-urban-digital-transformation-2021",
    "title": (
        "Advancing SMART Cities and Urban Digital Transformation to achieve "
        "Sustainable Development Goals"
    ),
    "summary": (
        "A capacity-building webinar for national policymakers and local authorities on using "
        "digital technologies and SMART city approaches to deliver the 2030 Agenda."
    ),
    "description": (
        "Cities will decide much of the future of sustainable development. Urban growth brings "
        "hard problems, yet when it is guided by the principles of sustainable development it can "
        "also drive progress.\n\n"
        "Digital technologies now shape how people live and work, and they have given cities new "
        "ways to act on the 2030 Agenda for Sustainable Development. Used well, they help with a "
        "wide range of urban challenges, which is why they sit at the heart of what is called a "
        "SMART city.\n\n"
        "This webinar, held online on Zoom, brought together people who lead digital "
        "transformation in cities and governments with specialists who have done it."
    ),
    "concept_note": (
        "# Objectives\n\n"
        "The webinar set out to build the capacity of government decision-makers and local "
        "authorities who are in charge of digital transformation and SMART city programmes. It "
        "also sought to help countries, above all developing countries, least developed "
        "countries (LDCs), small island developing States (SIDS), landlocked developing "
        "countries (LLDCs) and economies in transition, take part in and gain from "
        "digitalization while managing its risks.\n\n"
        "# Participants\n\n"
        "Municipal officials responsible for digital transformation met experts and "
        "decision-makers from the private sector, civil society and academia, working on "
        "digital government, the digital economy, and science, technology and innovation (STI)."
    ),
    "outcome": (
        "The recommendations made during the webinar, together with the analysis of SMART "
        "technologies, are to inform a curriculum and toolkits for future capacity-building work."
    ),
    "start": datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NEW_YORK),
    "end": datetime.datetime(2021, 9, 9, 10, 30, tzinfo=NEW_YORK),
    "timezone": "America/New_York",
    "attendance_mode": Event.AttendanceMode.ONLINE,
    "platform": "Zoom",
    "languages": ["en"],
    # The seed names no recording or registration address: left empty, never invented.
    "recording_url": "",
    "registration_url": "",
    "status": Event.Status.SCHEDULED,
    "publication": Event.Publication.PUBLISHED,
}


UN_DESA = {
    "name": "UN Department of Economic and Social Affairs",
    "acronym": "UN DESA",
    "url": "https://www.un.org/en/desa",
}

SERIES = {
    "slug": "un-world-data-forum",
    "title": "UN World Data Forum",
    "description": (
        "A forum held every two years or so, mandated by the UN Statistical Commission, where "
        "producers and users of data (statistical offices, governments, civil society, the "
        "private sector, academia) meet to improve data for sustainable development."
    ),
}

# Editions of the series: the days are known, the hours of the whole forum are not
# announced as one span, so each is a date-only session (no invented 00:00-23:59).
FORUMS = [
    {
        "slug": "un-world-data-forum-2021-bern",
        "title": "UN World Data Forum 2021",
        "summary": (
            "The third UN World Data Forum, hosted by Switzerland in Bern and online: four "
            "days on data for the 2030 Agenda after the pandemic."
        ),
        "description": (
            "Held in Bern and on a virtual platform at the same time, the third forum was "
            "the first to take place in both ways. Its programme turned on what the COVID-19 "
            "pandemic showed about data: how to produce it quickly, how to share it while "
            "keeping trust, and how to leave no one out of it."
        ),
        "timezone": "Europe/Zurich",
        "dates": (datetime.date(2021, 10, 3), datetime.date(2021, 10, 6)),
        "address_locality": "Bern",
        "address_country": "Switzerland",
        "host": ("Swiss Federal Statistical Office", "FSO"),
        # Its sessions were recorded and published on the forum's own website.
        "recording_site": "the UN World Data Forum website",
    },
    {
        "slug": "un-world-data-forum-2023-hangzhou",
        "title": "UN World Data Forum 2023",
        "summary": (
            "The fourth UN World Data Forum, hosted by China in Hangzhou and online, on data "
            "for the second half of the 2030 Agenda."
        ),
        "description": (
            "The fourth forum met in Hangzhou, with sessions followed online as well. It "
            "looked at how data systems can keep up with the Sustainable Development Goals "
            "at the midpoint of the 2030 Agenda."
        ),
        "timezone": "Asia/Shanghai",
        "dates": (datetime.date(2023, 4, 24), datetime.date(2023, 4, 27)),
        "address_locality": "Hangzhou",
        "address_country": "China",
        "host": ("National Bureau of Statistics of China", "NBS"),
        "recording_site": "",
    },
]
# The same texts in the other UN languages (django-modeltranslation columns), organisation
# names in their official forms. Descriptions and the concept note stay English only: the
# pages show them marked lang="en" and say which languages the webinar is written in.
UN_DESA_TRANSLATIONS = {
    "name": {
        "ar": "إدارة الشؤون الاقتصادية والاجتماعية في الأمم المتحدة",
        "zh_hans": "联合国经济和社会事务部",
        "fr": "Département des affaires économiques et sociales de l'ONU",
        "ru": "Департамент ООН по экономическим и социальным вопросам",
        "es": "Departamento de Asuntos Económicos y Sociales de las Naciones Unidas",
    },
    "acronym": {
        "ar": "إدارة الشؤون الاقتصادية والاجتماعية",
        "zh_hans": "经社部",
        "fr": "DAES",
        "ru": "ДЭСВ",
        "es": "DAES",
    },
}
#: The speakers' organisation as the programme writes it, name and acronym together.
UN_DESA_WITH_ACRONYM = {
    "ar": "إدارة الشؤون الاقتصادية والاجتماعية بالأمم المتحدة",
    "zh_hans": "联合国经济和社会事务部（经社部）",
    "fr": "Département des affaires économiques et sociales de l'ONU (DAES)",
    "ru": "Департамент по экономическим и социальным вопросам ООН (ДЭСВ)",
    "es": "Departamento de Asuntos Económicos y Sociales de las Naciones Unidas (DAES)",
}
EVENT_TRANSLATIONS = {
    "title": {
        "ar": "النهوض بالمدن الذكية والتحول الرقمي الحضري لتحقيق أهداف التنمية المستدامة",
        "zh_hans": "推进智慧城市和城市数字化转型，实现可持续发展目标",
        "fr": "Faire progresser les villes intelligentes et la transformation numérique "
        "urbaine pour atteindre les objectifs de développement durable",
        "ru": "Развитие «умных» городов и цифровая трансформация городской среды для "
        "достижения целей в области устойчивого развития",
        "es": "Impulsar las ciudades inteligentes y la transformación digital urbana para "
        "alcanzar los Objetivos de Desarrollo Sostenible",
    },
    "summary": {
        "ar": "ندوة عبر الإنترنت لبناء القدرات موجّهة إلى واضعي السياسات الوطنيين والسلطات "
        "المحلية بشأن استخدام التكنولوجيات الرقمية ونُهج المدن الذكية لتنفيذ خطة عام 2030.",
        "zh_hans": "面向国家政策制定者和地方当局的能力建设网络研讨会，探讨如何利用数字技术"
        "和智慧城市方法落实《2030年议程》。",
        "fr": "Un webinaire de renforcement des capacités destiné aux décideurs nationaux et "
        "aux autorités locales, sur l'utilisation des technologies numériques et des approches "
        "de ville intelligente pour mettre en œuvre le Programme 2030.",
        "ru": "Вебинар по наращиванию потенциала для национальных директивных органов и "
        "местных органов власти о применении цифровых технологий и подходов «умного» города "
        "для осуществления Повестки дня на период до 2030 года.",
        "es": "Un seminario web de creación de capacidad para responsables de políticas "
        "nacionales y autoridades locales sobre el uso de las tecnologías digitales y los "
        "enfoques de ciudad inteligente para cumplir la Agenda 2030.",
    },
}
TOPIC_NAMES = {
    "digital-government": {
        "ar": "الحكومة الرقمية",
        "zh_hans": "数字政府",
        "fr": "Administration numérique",
        "ru": "Цифровое государственное управление",
        "es": "Gobierno digital",
    },
    "local-governance": {
        "ar": "الحوكمة المحلية",
        "zh_hans": "地方治理",
        "fr": "Gouvernance locale",
        "ru": "Местное управление",
        "es": "Gobernanza local",
    },
}
#: Organisations and job titles by their English text, where the official form is known.
SPEAKER_TRANSLATIONS = {
    "UN Department of Economic and Social Affairs (UN DESA)": UN_DESA_WITH_ACRONYM,
    "UN DESA": UN_DESA_TRANSLATIONS["acronym"],
    "Assistant-Secretary-General and UN Chief Economist": {
        "ar": "الأمين العام المساعد وكبير الاقتصاديين في الأمم المتحدة",
        "zh_hans": "助理秘书长兼联合国首席经济学家",
        "fr": "Sous-Secrétaire général et Économiste en chef de l'ONU",
        "ru": "помощник Генерального секретаря и главный экономист ООН",
        "es": "Subsecretario General y Economista Jefe de las Naciones Unidas",
    },
    "Shanghai Data Exchange Center": {"zh_hans": "上海数据交易中心"},
    "Fudan University": {
        "zh_hans": "复旦大学",
        "fr": "Université Fudan",
        "es": "Universidad Fudan",
    },
    "Shanghai Big Data Center": {"zh_hans": "上海市大数据中心"},
    "Shanghai Academy of Social Sciences": {"zh_hans": "上海社会科学院"},
    "School of Social and Public Administration, East China University of Science and Technology": {
        "zh_hans": "华东理工大学社会与公共管理学院"
    },
}
AGENDA_TITLES = {
    "Welcome remarks": {
        "ar": "كلمة ترحيبية",
        "zh_hans": "欢迎辞",
        "fr": "Allocution de bienvenue",
        "ru": "Приветственное слово",
        "es": "Palabras de bienvenida",
    },
    "Presentation": {
        "ar": "عرض",
        "zh_hans": "专题介绍",
        "fr": "Présentation",
        "ru": "Доклад",
        "es": "Presentación",
    },
}


def _translated(field, texts):
    """{"<field>_<language>": text} for the texts of one field by language."""
    return {f"{field}_{language}": text for language, text in texts.items()}


#: The series, its editions and their places in the other UN languages, by English text.
FORUM_TRANSLATIONS = {
    "UN World Data Forum": {
        "ar": "منتدى الأمم المتحدة العالمي للبيانات",
        "zh_hans": "联合国世界数据论坛",
        "fr": "Forum mondial des Nations Unies sur les données",
        "ru": "Всемирный форум ООН по данным",
        "es": "Foro Mundial de las Naciones Unidas sobre los Datos",
    },
    "UN World Data Forum 2021": {
        "ar": "منتدى الأمم المتحدة العالمي للبيانات 2021",
        "zh_hans": "2021年联合国世界数据论坛",
        "fr": "Forum mondial des Nations Unies sur les données 2021",
        "ru": "Всемирный форум ООН по данным 2021 года",
        "es": "Foro Mundial de las Naciones Unidas sobre los Datos 2021",
    },
    "UN World Data Forum 2023": {
        "ar": "منتدى الأمم المتحدة العالمي للبيانات 2023",
        "zh_hans": "2023年联合国世界数据论坛",
        "fr": "Forum mondial des Nations Unies sur les données 2023",
        "ru": "Всемирный форум ООН по данным 2023 года",
        "es": "Foro Mundial de las Naciones Unidas sobre los Datos 2023",
    },
    "Bern": {"ar": "برن", "zh_hans": "伯尔尼", "fr": "Berne", "ru": "Берн", "es": "Berna"},
    "Switzerland": {
        "ar": "سويسرا",
        "zh_hans": "瑞士",
        "fr": "Suisse",
        "ru": "Швейцария",
        "es": "Suiza",
    },
    "Hangzhou": {
        "ar": "هانغتشو",
        "zh_hans": "杭州",
        "fr": "Hangzhou",
        "ru": "Ханчжоу",
        "es": "Hangzhou",
    },
    "China": {"ar": "الصين", "zh_hans": "中国", "fr": "Chine", "ru": "Китай", "es": "China"},
    "National Bureau of Statistics of China": {"zh_hans": "国家统计局"},
    "Swiss Federal Statistical Office": {
        "fr": "Office fédéral de la statistique",
        "zh_hans": "瑞士联邦统计局",
    },
}


def _upsert(model, lookup, values, reset):
    """Create the row if missing; with `reset`, also put back any value that differs.

    Returns (obj, changed) where changed is True if anything was written.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    if not reset:
        return obj, False
    stale = {k: v for k, v in values.items() if getattr(obj, k) != v}
    for key, value in stale.items():
        setattr(obj, key, value)
    if stale:
        obj.save()
    return obj, bool(stale)


class Command(BaseCommand):
    help = (
        "Load the SMART Cities webinar of 9 September 2021 and the UN World Data Forum "
        "series (safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Put back demo values that staff have changed."
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        slugs = [EVENT["slug"], *(forum["slug"] for forum in FORUMS)]
        if Event.objects.filter(slug__in=slugs).count() == len(slugs) and not reset:
            self.stdout.write("The demo events are already loaded; nothing changed.")
            return
        written = 0
        event_values = {k: v for k, v in EVENT.items() if k != "slug"}
        for field, texts in EVENT_TRANSLATIONS.items():
            event_values.update(_translated(field, texts))
        event, changed = _upsert(Event, {"slug": EVENT["slug"]}, event_values, reset)
        written += changed
        desa, changed = _upsert(
            Organization,
            {"name": UN_DESA["name"]},
            {
                **{k: UN_DESA[k] for k in ("acronym", "url")},
                **_translated("name", UN_DESA_TRANSLATIONS["name"]),
                **_translated("acronym", UN_DESA_TRANSLATIONS["acronym"]),
            },
            reset,
        )
        written += changed
        _, changed = _upsert(
            EventOrganizer,
            {"event": event, "organization": desa, "role": EventOrganizer.Role.ORGANIZER},
            {"position": 0},
            reset,
        )
        written += changed
        written += self.load_forums(desa, reset)
        for slug, name in TOPICS:
            topic, changed = _upsert(
                Topic,
                {"slug": slug},
                {"name": name, **_translated("name", TOPIC_NAMES[slug])},
                reset,
            )
            written += changed
            if not event.topics.filter(pk=topic.pk).exists():
                event.topics.add(topic)
                written += 1
        for goal in SustainableDevelopmentGoal.objects.filter(number__in=SDGS):
            if not event.sdgs.filter(pk=goal.pk).exists():
                event.sdgs.add(goal)
                written += 1

        for position, row in enumerate(SPEAKERS, start=1):
            honorific, name, sort_name, job_title, organization, role = row
            speaker, changed = _upsert(
                Speaker,
                {"full_name": name},
                {
                    "honorific": honorific,
                    "sort_name": sort_name,
                    "job_title": job_title,
                    "organization": organization,
                    **_translated("job_title", SPEAKER_TRANSLATIONS.get(job_title, {})),
                    **_translated("organization", SPEAKER_TRANSLATIONS.get(organization, {})),
                },
                reset,
            )
            written += changed
            _, changed = _upsert(
                EventSpeaker,
                {"event": event, "speaker": speaker, "role": role},
                {"position": position},
                reset,
            )
            written += changed
            if role == EventSpeaker.Role.OPENING_REMARKS:
                title, kind = "Welcome remarks", AgendaItem.Kind.WELCOME_REMARKS
            else:
                title = "Presentation"
                kind = AgendaItem.Kind.PRESENTATION
            item, changed = _upsert(
                AgendaItem,
                {"event": event, "position": position},
                {"title": title, "kind": kind, **_translated("title", AGENDA_TITLES[title])},
                reset,
            )
            written += changed
            _, changed = _upsert(
                AgendaItemSpeaker,
                {"item": item, "speaker": speaker},
                {"role": role, "position": 0},
                reset,
            )
            written += changed

        self.stdout.write(f"Loaded the demo events ({written} rows written).")

    def load_forums(self, desa, reset):
        """The series and its two editions; returns the number of rows written."""
        written = 0
        series, changed = _upsert(
            Series,
            {"slug": SERIES["slug"]},
            {
                **{k: v for k, v in SERIES.items() if k != "slug"},
                **_translated("title", FORUM_TRANSLATIONS[SERIES["title"]]),
            },
            reset,
        )
        written += changed
        for forum in FORUMS:
            values = {
                "title": forum["title"],
                "summary": forum["summary"],
                "description": forum["description"],
                "kind": Event.Kind.FORUM,
                "series": series,
                "timezone": forum["timezone"],
                "attendance_mode": Event.AttendanceMode.MIXED,
                "address_locality": forum["address_locality"],
                "address_country": forum["address_country"],
                "recording_site": forum["recording_site"],
                "status": Event.Status.SCHEDULED,
                "publication": Event.Publication.PUBLISHED,
            }
            for field in ("title", "address_locality", "address_country"):
                values.update(_translated(field, FORUM_TRANSLATIONS[forum[field]]))
            event, changed = _upsert(Event, {"slug": forum["slug"]}, values, reset)
            written += changed
            first, last = forum["dates"]
            session = event.sessions.first()
            if session is None:
                Session.objects.create(event=event, start_date=first, end_date=last)
                written += 1
            elif reset and (session.start_date, session.end_date) != (first, last):
                session.start, session.end = None, None
                session.start_date, session.end_date = first, last
                session.save()
                written += 1
            name, acronym = forum["host"]
            host, changed = _upsert(
                Organization,
                {"name": name},
                {"acronym": acronym, **_translated("name", FORUM_TRANSLATIONS[name])},
                reset,
            )
            written += changed
            for position, (organization, role) in enumerate(
                [(host, EventOrganizer.Role.ORGANIZER), (desa, EventOrganizer.Role.CO_ORGANIZER)]
            ):
                _, changed = _upsert(
                    EventOrganizer,
                    {"event": event, "organization": organization, "role": role},
                    {"position": position},
                    reset,
                )
                written += changed
        return written
