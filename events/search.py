"""Finding webinars by words, whatever their accents and case ("Garcia Diaz" finds
"García Díaz", "TELEMEDICINE" finds "telemedicine").

Two paths, chosen by the database an EventQuerySet runs on (EventQuerySet.search()):

- PostgreSQL: full-text search. Event.search_vector is a tsvector kept up to date by
  triggers (SEARCH_SQL, installed by a migration): the title with weight A, the speakers'
  names and organisations B, the summary C, each through `unaccent` and the 'simple'
  configuration (lower case, no stemming: the site's text and names come in six
  languages), with a GIN index. A query matches events that have every word as a word
  prefix ("cit" finds "cities"), ranked by ts_rank.
  Words in a script written without spaces (Chinese, Japanese, Thai ...) are matched as
  substrings instead (is_unspaced()), in every language's column.
- SQLite (the embedded default): each word must occur, as a substring, in the title, the
  summary or a speaker's name or organisation, compared through search_key() (registered
  as the SQL function events_search_key on every SQLite connection). No ranking.
"""

import functools
import operator
import re
import unicodedata

from django.db.models import Func, TextField
from django.db.models.lookups import Contains

from common.languages import language_columns

#: What counts as a word of a query: letters and digits (any script), so that nothing a
#: visitor types can be read as tsquery syntax.
WORD = re.compile(r"[^\W_]+")


#: Scripts written without spaces between words (Chinese, Japanese, Korean, Thai, Lao,
#: Khmer, Myanmar): PostgreSQL's parser takes a whole run of them as one word, so "城市"
#: would never match "水与城市" as a word prefix; such words are matched as substrings.
UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def is_unspaced(word):
    """True if `word` (str) holds a letter of a script written without spaces."""
    return UNSPACED.search(word) is not None


#: Letters that Unicode does not decompose into a base letter and a mark, spelt as
#: PostgreSQL's unaccent spells them.
LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def search_key(text):
    """`text` (str or None) without accents and in case-folded form, for comparing:
    "García Díaz" -> "garcia diaz", "Łukasz Ødegård" -> "lukasz odegard", "Straße" ->
    "strasse". None stays None."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.translate(LETTERS))


def query_words(text):
    """The words of a visitor's query (list of str, in order): letters and digits only,
    accents kept (the database removes them on PostgreSQL)."""
    return WORD.findall(unicodedata.normalize("NFC", text))


class SearchKey(Func):
    """search_key() of an expression, in SQL (SQLite only: see register_sqlite_functions)."""

    function = "events_search_key"
    output_field = TextField()


def contains_in_any_language(path, key):
    """A condition (SQLite): search_key() of any language's column of the translated field
    `path` ("title", "speaker__organization") contains `key` (a search_key() result)."""
    return functools.reduce(
        operator.or_, (Contains(SearchKey(column), key) for column in language_columns(path))
    )


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: give each new SQLite connection events_search_key()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "events_search_key", 1, search_key, deterministic=True
        )
