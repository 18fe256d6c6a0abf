"""`python manage.py load_demo`: load the first real webinar (UN DESA, 9 September 2021).

Idempotent: rows that already exist are left as they are (staff edits are never
overwritten) unless --reset is given, which puts the demo values back.
"""

import datetime
import zoneinfo

from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import AgendaItem, Event, EventSpeaker, SustainableDevelopmentGoal, Topic
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
        EventSpeaker.Role.WELCOME_REMARKS,
    ),
    (
        "Mr.",
        "Yong LU",
        "Lu, Yong",
        "Vice President",
        "Shanghai Data Exchange Center",
        EventSpeaker.Role.PRESENTATION,
    ),
    (
        "Mr.",
        "Jing Yijia",
        "Jing Yijia",
        "President, Institute of Global Public Policy",
        "Fudan University",
        EventSpeaker.Role.PRESENTATION,
    ),
    (
        "Mr.",
        "Deniz Susar",
        "Susar, Deniz",
        "Governance and Public Administration Officer",
        "UN DESA",
        EventSpeaker.Role.PRESENTATION,
    ),
    (
        "Mr.",
        "Liu Yingfeng",
        "Liu Yingfeng",
        "Deputy-Director",
        "Shanghai Big Data Center",
        EventSpeaker.Role.PRESENTATION,
    ),
    (
        "Mrs.",
        "Zhu Lin",
        "Zhu Lin",
        "Vice Director, Urban Perspective Data Hub",
        "School of Social and Public Administration, "
        "East China University of Science and Technology",
        EventSpeaker.Role.PRESENTATION,
    ),
    (
        "Mr.",
        "Wang Xingquan",
        "Wang Xingquan",
        "Director, Research Center of Science and Technology Innovation",
        "Shanghai Academy of Social Sciences",
        EventSpeaker.Role.PRESENTATION,
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
    "organizer": "UN Department of Economic and Social Affairs (UN DESA)",
    "attendance_mode": Event.AttendanceMode.ONLINE,
    "platform": "Zoom",
    "languages": ["en"],
    # The seed names no recording or registration address: left empty, never invented.
    "recording_url": "",
    "registration_url": "",
    "status": Event.Status.SCHEDULED,
    "publication": Event.Publication.PUBLISHED,
}


# The same texts in the other UN languages (django-modeltranslation columns), organisation
# names in their official forms. Descriptions and the concept note stay English only: the
# pages show them marked lang="en" and say which languages the webinar is written in.
UN_DESA = {
    "ar": "إدارة الشؤون الاقتصادية والاجتماعية",
    "zh_hans": "经社部",
    "fr": "DAES",
    "ru": "ДЭСВ",
    "es": "DAES",
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
    "organizer": {
        "ar": "إدارة الشؤون الاقتصادية والاجتماعية بالأمم المتحدة",
        "zh_hans": "联合国经济和社会事务部（经社部）",
        "fr": "Département des affaires économiques et sociales de l'ONU (DAES)",
        "ru": "Департамент по экономическим и социальным вопросам ООН (ДЭСВ)",
        "es": "Departamento de Asuntos Económicos y Sociales de las Naciones Unidas (DAES)",
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
    "UN Department of Economic and Social Affairs (UN DESA)": EVENT_TRANSLATIONS["organizer"],
    "UN DESA": UN_DESA,
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
    help = "Load the SMART Cities webinar of 9 September 2021 (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Put back demo values that staff have changed."
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        if Event.objects.filter(slug=EVENT["slug"]).exists() and not reset:
            self.stdout.write("The demo webinar is already loaded; nothing changed.")
            return
        written = 0
        event_values = {k: v for k, v in EVENT.items() if k != "slug"}
        for field, texts in EVENT_TRANSLATIONS.items():
            event_values.update(_translated(field, texts))
        event, changed = _upsert(Event, {"slug": EVENT["slug"]}, event_values, reset)
        written += changed
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
            if role == EventSpeaker.Role.WELCOME_REMARKS:
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
            if not item.speakers.filter(pk=speaker.pk).exists():
                item.speakers.add(speaker)
                written += 1

        self.stdout.write(f"Loaded the demo webinar “{event.title}” ({written} rows written).")
