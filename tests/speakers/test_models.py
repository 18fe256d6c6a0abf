import pytest

from speakers.models import Speaker


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zhu Lin", "zhu-lin"),
        ("王小明", "王小明"),
        ("محمد عبد الله", "محمد-عبد-الله"),
        ("???", "speaker"),
    ],
)
def test_speaker_slug_works_in_any_script(make_speaker, name, slug):
    assert make_speaker(full_name=name).slug == slug


def test_speaker_slugs_never_collide(make_speaker):
    slugs = [make_speaker(full_name="王小明").slug for _ in range(3)]
    assert slugs == ["王小明", "王小明-2", "王小明-3"]


def test_speaker_sort_name_defaults_to_full_name(make_speaker):
    assert make_speaker(full_name="Liu Yingfeng").sort_name == "Liu Yingfeng"


def test_speakers_order_by_sort_name_not_first_word(make_speaker):
    harris = make_speaker(full_name="Elliott Harris", sort_name="Harris, Elliott")
    jing = make_speaker(full_name="Jing Yijia")
    susar = make_speaker(full_name="Deniz Susar", sort_name="Susar, Deniz")
    assert list(Speaker.objects.all()) == [harris, jing, susar]


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Elliott Harris", "EH"),
        ("王小明", "王"),
        ("Zhu Lin", "ZL"),
        # Joining and caseless scripts get one initial: two Arabic letters would join
        # into a word ("ما", "what").
        ("محمد عبد الله", "م"),
        ("דוד לוי", "ד"),
        ("김 민준", "김"),
        # A whole character as read: a conjunct, a vowel sign, a decomposed accent.
        ("क्षमा शर्मा", "क्ष"),
        ("सीता", "सी"),
        ("E\u0301mile Zola", "ÉZ"),
        # Thai vowels written before the consonant are not initials.
        ("เกษม สุข", "ก"),
        ("Анна Петрова", "АП"),
        ("élodie ßeta", "Éß"),
        ("'Aisha (Ali)", "AA"),
        ("  ", "?"),
        ("— ...", "?"),
    ],
)
def test_speaker_initials_in_the_names_script(name, initials):
    assert Speaker(full_name=name).initials == initials


def test_speaker_display_name_and_affiliation():
    speaker = Speaker(
        full_name="Yong LU",
        honorific="Mr.",
        job_title="Vice President",
        organization="Shanghai Data Exchange Center",
    )
    assert speaker.display_name == "Mr. Yong LU"
    assert speaker.affiliation == "Vice President, Shanghai Data Exchange Center"
