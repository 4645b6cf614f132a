"""Hand-written word lists for place recognition (language data, not code).

Everything here is small and general: postal and AP abbreviations of US states, common
aliases of countries, words that are also place names but are rarely meant as places in
news text, titles and first names that mark a person sharing a place's name, demonyms, and
the few region names that the installed gazetteers lack.
"""

from __future__ import annotations

__all__ = [
    "ADMIN1_ALIASES",
    "ADMIN1_POINTS",
    "CONNECTORS",
    "COUNTRY_ALIASES",
    "COUNTRY_CENTROIDS",
    "DEMONYMS",
    "DIRECTIONS",
    "DISEASE_HEADS",
    "FEATURE_AFTER",
    "FEATURE_BEFORE",
    "FIRST_NAMES",
    "MULTIWORD_STOP",
    "ORG_HEADS",
    "PERSON_TITLES",
    "REGIONS",
    "SPEECH_VERBS",
    "STATE_ABBREVIATIONS",
    "STOPWORDS",
    "STREET_WORDS",
    "US_STATES",
]

# Postal code -> state name (the 50 states, DC and Puerto Rico).
US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}

# AP-style (and common) abbreviations of US states, as written with their periods.
# Abbreviations made of one segment ("La.", "Ind.") are only read after "City, "; those
# with inner periods ("W.Va.", "N.Y.") are read anywhere.
STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO",
    "Conn.": "CT", "Del.": "DE", "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL",
    "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD",
    "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR",
    "Pa.": "PA", "Penn.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV",
    "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "P.R.": "PR",
}

# Aliases of countries that name lists miss (ISO2 -> names). Dotted forms are matched
# with their periods.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the States",
           "Соединённые Штаты", "США", "Сполучені Штати"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain", "United Kingdom", "Британия", "Великобритания",
           "Великобританія"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "KR": ("South Korea", "Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "NL": ("Holland", "The Netherlands"),
    "CZ": ("Czech Republic", "Czechia"),
    "RU": ("Russian Federation", "Россия", "Росія", "Российская Федерация", "РФ"),
    "UA": ("Україна", "Украина", "Ukraina"),
    "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "TW": ("Taiwan", "Republic of China"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories", "State of Palestine"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"),
    "MM": ("Burma", "Myanmar"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("Macedonia", "North Macedonia"),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "VN": ("Viet Nam",),
    "IR": ("Persia",),
    "BY": ("Belorussia", "Byelorussia", "Беларусь", "Білорусь"),
    "MD": ("Moldavia",),
    "LA": ("Laos",),
    "SY": ("Syria",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "PL": ("Польша", "Польща"),
    "DE": ("Германия", "Німеччина"),
    "FR": ("Франция", "Франція"),
}

# First-level divisions whose packaged point is plainly wrong (countrystatecity puts New York
# State on New York City): GeoNames' point for the division, keyed "CC-code".
ADMIN1_POINTS: dict[str, tuple[float, float]] = {
    "US-NY": (43.00035, -75.4999),  # geonameid 5128638
    "US-DC": (38.91706, -77.00025),  # 4138106
}

# Common short forms of first-level divisions: (country, name in countrystatecity) -> aliases.
ADMIN1_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("AU", "New South Wales"): ("NSW", "N.S.W."),
    ("AU", "Queensland"): ("Qld",),
    ("US", "District of Columbia"): ("Washington, D.C.", "Washington D.C.", "Washington DC"),
    ("CA", "British Columbia"): ("B.C.",),
    ("UA", "Kyiv"): ("Kyiv City",),
}

# Centroids of the GeoNames country features (lat, lon of the country's feature on
# geonames.org), where the packaged source (countrystatecity) is far from GeoNames' point.
# Only the United States is known to differ by more than 161 km (GeoNames: 39.76, -98.5; the
# package: 38, -97); GeoNames has moved other countries' points over the years, so no other
# value is overridden from memory.
COUNTRY_CENTROIDS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),  # geonameid 6252001
}

# Regions and other named areas that the installed sources do not list: name -> (lat, lon,
# country or None, aliases). Approximate centres (to about 0.5 degree), hand-written from
# general geography; GeoNames ids are not known offline so they are None.
REGIONS: dict[str, tuple[float, float, str | None, tuple[str, ...]]] = {
    "Middle East": (29.0, 42.0, None, ("Mideast",)),
    "West Bank": (32.0, 35.25, "PS", ()),
    "Gaza Strip": (31.42, 34.36, "PS", ("Gaza",)),
    "Darfur": (13.0, 24.0, "SD", ()),
    "Balkans": (43.0, 20.0, None, ()),
    "Caribbean": (15.0, -73.0, None, ()),
    "Scandinavia": (62.0, 14.0, None, ()),
    "Latin America": (-4.0, -62.0, None, ()),
    "Central America": (13.5, -86.0, None, ()),
    "Southeast Asia": (5.0, 110.0, None, ("South-East Asia",)),
    "East Asia": (35.0, 115.0, None, ()),
    "South Asia": (22.0, 80.0, None, ()),
    "Central Asia": (43.0, 65.0, None, ()),
    "Sub-Saharan Africa": (0.0, 20.0, None, ()),
    "West Africa": (11.0, -3.0, None, ()),
    "East Africa": (0.0, 36.0, None, ()),
    "Horn of Africa": (8.0, 45.0, None, ()),
    "Persian Gulf": (27.0, 51.0, None, ()),
    "Siberia": (60.0, 105.0, "RU", ("Сибирь",)),
    "Kashmir": (34.0, 76.0, None, ()),
    "Kurdistan": (36.5, 44.0, None, ()),
    "Crimea": (45.0, 34.0, "UA", ("Крым", "Крим")),
    "Donbas": (48.0, 38.0, "UA", ("Donbass", "Донбасс", "Донбас")),
    "Midwest": (41.0, -90.0, "US", ()),
    "New England": (43.5, -71.5, "US", ()),
    "Appalachia": (38.0, -81.0, "US", ()),
    "Pacific Northwest": (46.0, -121.0, "US", ()),
    "England": (52.16045, -0.70312, "GB", ()),
    "Scotland": (56.5, -4.0, "GB", ()),
    "Wales": (52.5, -3.5, "GB", ()),
    "Northern Ireland": (54.6, -6.7, "GB", ()),
    "South Ossetia": (42.3, 44.0, "GE", ()),
    "Abkhazia": (43.0, 41.0, "GE", ()),
    "Pacific": (0.0, -160.0, None, ("Pacific Ocean",)),
    "Atlantic": (0.0, -30.0, None, ("Atlantic Ocean",)),
    "Mediterranean": (35.0, 18.0, None, ("Mediterranean Sea",)),
    "Arctic": (80.0, 0.0, None, ()),
    "Earth": (0.0, 0.0, None, ()),
    "Americas": (10.0, -80.0, None, ()),
    "Western Europe": (48.0, 5.0, None, ()),
    "Eastern Europe": (50.0, 30.0, None, ()),
    "Central Europe": (50.0, 15.0, None, ()),
    "Northern California": (39.0, -121.5, "US", ()),
    "Southern California": (34.0, -117.5, "US", ()),
    "Indian Ocean": (-20.0, 80.0, None, ()),
    "Black Sea": (43.0, 35.0, None, ()),
    "Red Sea": (20.0, 38.5, None, ()),
    "Caspian Sea": (41.5, 50.5, None, ()),
    "Baltic Sea": (58.0, 20.0, None, ()),
    "North Sea": (56.0, 3.0, None, ()),
    "South China Sea": (12.0, 113.0, None, ()),
    "Gulf of Mexico": (25.0, -90.0, None, ()),
    "Caribbean Sea": (15.0, -75.0, None, ()),
    "Dead Sea": (31.5, 35.5, None, ()),
    "Mindanao": (8.0, 125.0, "PH", ()),
    "Luzon": (16.0, 121.0, "PH", ()),
    "Java": (-7.5, 110.0, "ID", ()),
    "Sumatra": (0.0, 102.0, "ID", ()),
    "Borneo": (1.0, 114.0, None, ()),
    "Sinai": (29.5, 33.8, "EG", ("Sinai Peninsula",)),
    "Golan Heights": (33.0, 35.8, None, ()),
    "Caucasus": (42.5, 44.0, None, ()),
    "Himalayas": (28.0, 84.0, None, ()),
    "Sahara": (23.0, 13.0, None, ()),
    "Sahel": (14.0, 5.0, None, ()),
    "Great Lakes": (45.0, -84.0, None, ()),
}

# Capitalised words that are also entries of the gazetteer but in news almost always mean
# something else (months, days, common nouns, given names used alone, organisations' heads).
# Compared case-insensitively; a place in the "City, State" pattern is kept regardless.
STOPWORDS: frozenset[str] = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "you", "i", "me", "my", "our", "your", "their", "his", "her", "of", "in", "on", "at", "by", "for", "to", "from", "with", "as", "and", "or", "but", "not", "no", "yes", "if", "so", "all", "any", "some", "many", "most", "more", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight", "yesterday", "tomorrow", "spring", "summer", "autumn", "fall", "winter", "christmas", "easter", "police", "sheriff", "fire", "court", "city", "county", "state", "states", "town", "village", "university", "college", "school", "church", "hospital", "center", "centre", "street", "avenue", "road", "park", "lake", "river", "mount", "hill", "valley", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "downtown", "uptown", "new", "old", "great", "little", "big", "good", "best", "hope", "faith", "grace", "joy", "unity", "liberty", "independence", "union", "victory", "success", "progress", "commerce", "industry", "enterprise", "friendship", "harmony", "concord", "plenty", "republic", "kingdom", "empire", "federal", "national", "international", "government", "congress", "senate", "house", "president", "governor", "mayor", "minister", "chief", "officer", "judge", "general", "major", "captain", "colonel", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "saint", "st", "american", "british", "english", "french", "german", "russian", "ukrainian", "chinese", "european", "african", "asian", "news", "times", "post", "herald", "tribune", "journal", "gazette", "daily", "weekly", "press", "star", "sun", "globe", "mobile", "reading", "bath", "nice", "orange", "jersey", "mission", "surprise", "hoover", "obama", "bush", "kennedy", "crystal", "ruby", "pearl", "golden", "silver", "home", "office", "beach", "bay", "harbor", "harbour", "port", "island", "islands", "forest", "canyon", "ridge", "falls", "springs", "heights", "gardens", "station", "airport", "bridge", "about", "after", "before", "during", "since", "until", "while", "where", "when", "what", "who", "why", "how", "there", "here", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "next", "man", "woman", "men", "women", "people", "person", "family", "child", "children", "boy", "girl", "said", "says", "told", "asked", "added", "noted", "also", "however", "still", "even", "just", "only", "health", "energy", "power", "water", "oil", "gas", "gold", "space", "moon", "mars", "venus", "council", "public", "interior", "academy", "bank", "hall", "metro", "area", "business", "superior", "democrat", "republican", "independent", "nov", "dec", "jan", "feb", "aug", "sept", "oct", "gulf", "green", "white", "black", "brown", "lane", "court", "square", "plaza", "mall", "market", "tower", "towers", "temple", "chapel", "cemetery", "northwest", "northeast", "southwest", "southeast", "midtown", "titan", "dodge", "ford", "chevrolet", "story", "page", "section", "photo", "video", "update", "breaking", "drug", "tank", "human", "care", "colony", "hurricane", "duke", "elementary", "memorial", "veterans", "lot", "parkway", "loop", "art", "labor", "labour", "clean", "toyota", "bronco", "duma", "none", "arab"]
)

# Words before a capitalised name that make it a person ("Gov. Georgia Smith", "Mr. Lincoln").
PERSON_TITLES: frozenset[str] = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "reverend", "father", "pastor", "rabbi", "imam", "bishop", "gov", "governor", "sen", "senator", "rep", "representative", "president", "vice", "pres", "premier", "chancellor", "minister", "secretary", "ambassador", "mayor", "judge", "justice", "sheriff", "deputy", "officer", "detective", "sgt", "sergeant", "lt", "lieutenant", "capt", "captain", "col", "colonel", "gen", "general", "maj", "major", "cpl", "corporal", "pvt", "private", "adm", "admiral", "cmdr", "commander", "chief", "coach", "trooper", "agent", "attorney", "lawyer", "prosecutor", "dean", "professor", "principal", "superintendent", "commissioner", "councilman", "councilwoman", "alderman", "chairman", "chairwoman", "director", "spokesman", "spokeswoman", "king", "queen", "prince", "princess", "pope", "saint", "mrs.", "jr", "sr", "brother", "sister", "uncle", "aunt", "leader", "sens", "reps", "marshal", "const", "constable", "supt", "insp", "inspector", "det", "cpt", "ofc", "dep", "spokesperson", "ald", "atty", "господин", "госпожа", "президент", "министр", "губернатор", "мэр", "генерал"]
)

# Common given names (English-speaking news): a given name right before a place name makes
# the pair a person ("Paris Hilton" is excluded differently: a place before a surname).
FIRST_NAMES: frozenset[str] = frozenset(
    ["james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "lisa", "nancy", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "carol", "amanda", "dorothy", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "angela", "shirley", "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha", "katherine", "christine", "debra", "rachel", "carolyn", "janet", "catherine", "maria", "heather", "diane", "ruth", "julie", "olivia", "joyce", "virginia", "victoria", "kelly", "lauren", "christina", "joan", "evelyn", "judith", "megan", "andrea", "cheryl", "hannah", "jacqueline", "martha", "gloria", "teresa", "ann", "sara", "madison", "frances", "kathryn", "janice", "jean", "abigail", "alice", "judy", "sophia", "grace", "denise", "amber", "doris", "marilyn", "danielle", "beverly", "isabella", "theresa", "diana", "natalie", "brittany", "charlotte", "marie", "kayla", "alexis", "lori", "tom", "tim", "jim", "bob", "bill", "mike", "dave", "steve", "chris", "dan", "ben", "sam", "matt", "nick", "tony", "rick", "ron", "ken", "jeff", "jerome", "earl", "lee", "ray", "jimmy", "johnny", "tommy", "danny", "eddie", "frankie", "sally", "molly", "polly", "jenny", "vladimir", "dmitry", "sergei", "sergey", "alexei", "alexey", "ivan", "nikolai", "mikhail", "boris", "yuri", "oleg", "viktor", "volodymyr", "petro", "yulia", "olena", "andriy", "wilson", "taylor", "davis", "harper", "trent", "glenn", "dale", "seth", "jay", "judah", "chad", "milton", "mason", "clinton", "craig", "todd", "troy", "shane", "chad", "brad", "derek", "travis", "marcus", "curtis", "leon", "glen", "neil", "dean", "stuart", "rodney", "tracy", "wendy", "tina", "dawn", "holly", "crystal", "april", "june", "kristina", "kristin", "kristen", "breonna", "hailey", "haley", "kaitlyn", "brittney", "courtney", "whitney", "lindsay", "lindsey", "shelby", "shelbi", "zoe", "tamara"]
)


# Lower-case words allowed inside a multi-word place name ("Isle of Man", "Rio de Janeiro").
CONNECTORS: frozenset[str] = frozenset(
    ["of", "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les", "du", "des", "el", "al", "am", "an", "der", "den", "the", "on", "upon", "and", "y", "en", "sur", "sous", "au", "aux", "s", "d"]
)

# Words after a name that make it a street, not a place ("Wichita Street", "Memphis St.").
STREET_WORDS: frozenset[str] = frozenset(
    ["street", "st", "road", "rd", "avenue", "ave", "drive", "dr", "lane", "ln", "boulevard", "blvd", "parkway", "pkwy", "way", "court", "ct", "highway", "hwy", "pike", "place", "pl", "circle", "terrace", "trail", "alley", "roads", "streets", "avenues"]
)

# Verbs of speech: a bare name right before or after one is a person ("Baker said").
SPEECH_VERBS: frozenset[str] = frozenset(
    ["said", "says", "told", "added", "asked", "explained", "noted", "stated", "wrote", "recalled", "argued", "replied", "admitted"]
)

# Natural features named after a neighbouring place: the span covers the feature word and
# the point is the namesake's ("Salinas Valley", "Neches River", "Lake Opechee", "Mount Hood").
FEATURE_AFTER: frozenset[str] = frozenset(
    ["River", "Valley", "Creek", "Lake", "Bay", "Island", "Islands", "Mountains", "Mountain", "Canyon", "Harbor", "Harbour", "Delta", "Peninsula"])
FEATURE_BEFORE: frozenset[str] = frozenset(["Lake", "Mount", "Mt", "River"])

# Directions that make part of a large area's name ("Northern Europe", "East Java").
DIRECTIONS: frozenset[str] = frozenset(
    ["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower"])

# Multi-word names that are almost never places in news.
MULTIWORD_STOP: frozenset[str] = frozenset({"white house", "the city", "city hall", "main street"})

# Capitalised words after a place that make the span the start of an organisation's name
# rather than a place ("New York Times", "China Daily", "Houston Rockets").
ORG_HEADS: frozenset[str] = frozenset(
    ["post", "times", "herald", "tribune", "journal", "gazette", "globe", "star", "news", "press", "daily", "agency", "company", "corp", "corporation", "inc", "ltd", "llc", "airlines", "airways", "rockets", "lakers", "bulls", "celtics", "knicks", "giants", "jets", "eagles", "braves", "falcons", "bengals", "browns", "steelers", "cowboys", "redskins", "yankees", "mets", "red", "sox", "cubs", "reds", "tigers", "royals", "twins", "mariners"]
)

# Words (any case) after a place that make it the name of a disease ("Marburg virus",
# "Reston ebolavirus", "Rift Valley fever").
DISEASE_HEADS: frozenset[str] = frozenset(["virus", "ebolavirus", "fever", "flu", "disease", "strain"])

# Demonyms and adjectives of places -> ISO2 country code (or US state code prefixed "US-").
# Not places in newsdesk's own output (the seed's "German", "Russian" are actors), but some
# gold sets (LGL) annotate them as toponyms; ``GeoOptions.demonyms`` switches them on.
DEMONYMS: dict[str, str] = {
    "American": "US", "Americans": "US", "British": "GB", "Briton": "GB", "Britons": "GB",
    "English": "GB", "Scottish": "GB", "Welsh": "GB", "Irish": "IE", "French": "FR",
    "German": "DE", "Germans": "DE", "Italian": "IT", "Italians": "IT", "Spanish": "ES",
    "Portuguese": "PT", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT",
    "Swedish": "SE", "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Polish": "PL",
    "Czech": "CZ", "Slovak": "SK", "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG",
    "Greek": "GR", "Turkish": "TR", "Turk": "TR", "Turks": "TR", "Serbian": "RS", "Serb": "RS",
    "Serbs": "RS", "Croatian": "HR", "Bosnian": "BA", "Albanian": "AL", "Kosovar": "XK",
    "Russian": "RU", "Russians": "RU", "Ukrainian": "UA", "Ukrainians": "UA",
    "Belarusian": "BY", "Georgian": "GE", "Georgians": "GE", "Armenian": "AM",
    "Armenians": "AM", "Azerbaijani": "AZ", "Azeri": "AZ", "Kazakh": "KZ", "Uzbek": "UZ",
    "Chinese": "CN", "Japanese": "JP", "Korean": "KR", "Koreans": "KR", "Vietnamese": "VN",
    "Thai": "TH", "Indonesian": "ID", "Malaysian": "MY", "Filipino": "PH", "Filipinos": "PH",
    "Philippine": "PH", "Indian": "IN", "Indians": "IN", "Pakistani": "PK", "Pakistanis": "PK",
    "Afghan": "AF", "Afghans": "AF", "Bangladeshi": "BD", "Sri Lankan": "LK",
    "Sri Lankans": "LK", "Nepalese": "NP", "Nepali": "NP", "Iranian": "IR", "Iranians": "IR",
    "Iraqi": "IQ", "Iraqis": "IQ", "Syrian": "SY", "Syrians": "SY", "Lebanese": "LB",
    "Jordanian": "JO", "Israeli": "IL", "Israelis": "IL", "Palestinian": "PS",
    "Palestinians": "PS", "Egyptian": "EG", "Egyptians": "EG", "Saudi": "SA", "Saudis": "SA",
    "Yemeni": "YE", "Emirati": "AE", "Qatari": "QA", "Kuwaiti": "KW", "Libyan": "LY",
    "Libyans": "LY", "Tunisian": "TN", "Algerian": "DZ", "Moroccan": "MA", "Sudanese": "SD",
    "Ethiopian": "ET", "Eritrean": "ER", "Somali": "SO", "Somalis": "SO", "Kenyan": "KE",
    "Kenyans": "KE", "Ugandan": "UG", "Tanzanian": "TZ", "Rwandan": "RW", "Congolese": "CD",
    "Nigerian": "NG", "Nigerians": "NG", "Ghanaian": "GH", "Senegalese": "SN",
    "Malian": "ML", "Zimbabwean": "ZW", "Zimbabweans": "ZW", "Angolan": "AO",
    "Mozambican": "MZ", "South African": "ZA", "South Africans": "ZA", "Canadian": "CA",
    "Canadians": "CA", "Mexican": "MX", "Mexicans": "MX", "Cuban": "CU", "Cubans": "CU",
    "Haitian": "HT", "Haitians": "HT", "Dominican": "DO", "Colombian": "CO",
    "Venezuelan": "VE", "Peruvian": "PE", "Chilean": "CL", "Argentine": "AR",
    "Argentinian": "AR", "Brazilian": "BR", "Brazilians": "BR", "Bolivian": "BO",
    "Ecuadorian": "EC", "Australian": "AU", "Australians": "AU", "New Zealander": "NZ",
    "Kiwi": "NZ", "Taiwanese": "TW", "Tibetan": "CN", "Kurdish": "IQ",
    "South Ossetian": "GE", "Abkhaz": "GE", "Chechen": "RU", "Texan": "US-TX",
    "Chechens": "RU", "Cypriot": "CY", "Cypriots": "CY", "Sinhalese": "LK",
    "Czechs": "CZ", "Ossetian": "GE", "Ossetians": "GE", "South Ossetians": "GE", "Swedes": "SE",
    "Danes": "DK", "Norwegians": "NO", "Finns": "FI", "Poles": "PL", "Hungarians": "HU",
    "Romanians": "RO", "Bulgarians": "BG", "Greeks": "GR", "Croats": "HR", "Bosnians": "BA",
    "Albanians": "AL", "Jordanians": "JO", "Yemenis": "YE", "Somalian": "SO", "Ethiopians": "ET",
    "Rwandans": "RW", "Ugandans": "UG", "Colombians": "CO", "Venezuelans": "VE",
    "Peruvians": "PE", "Chileans": "CL", "Argentines": "AR", "Ecuadorians": "EC",
    "Scots": "GB", "Irishman": "IE", "Frenchman": "FR",
    "Minnesotan": "US-MN", "Minnesotans": "US-MN", "Ohioan": "US-OH", "Ohioans": "US-OH",
    "Kentuckian": "US-KY", "Kentuckians": "US-KY", "Tennessean": "US-TN", "Tennesseans": "US-TN",
    "Virginian": "US-VA", "Virginians": "US-VA", "Hoosier": "US-IN", "Hoosiers": "US-IN",
    "Iowan": "US-IA", "Iowans": "US-IA", "Nebraskan": "US-NE", "Nebraskans": "US-NE",
    "Kansan": "US-KS", "Kansans": "US-KS", "Oklahoman": "US-OK", "Oklahomans": "US-OK",
    "Alaskan": "US-AK", "Hawaiian": "US-HI", "Oregonian": "US-OR", "Coloradan": "US-CO",
    "New Yorker": "US-NY", "New Yorkers": "US-NY", "Californians": "US-CA", "Floridians": "US-FL",
    "Texans": "US-TX", "Californian": "US-CA", "Floridian": "US-FL", "Georgian-American": "US",
}
