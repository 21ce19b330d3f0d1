"""Every kind of bad input (issue 3, the participation model of issue 12, the hostile and careless
input of issue 17) has a fixture under tests/fixtures/invalid/ and the exact report it gets
(tests/unit/test_invalid_data.py checks each; tests/build/test_hostile_build.py checks that the
build refuses them alike): a change that makes a message worse, or lets a case through, fails.

Each fixture is checked in a small data set: the real schema, cities and topics, the valid
record tests/fixtures/valid/example.yml, and the fixture (a network record, or the whole
cities.yml or topics.yml).
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

from support import DATA, valid_verdict

FIXTURES = Path(__file__).with_name("fixtures")
INVALID = FIXTURES / "invalid"
EXAMPLE = FIXTURES / "valid" / "example.yml"
# Dates are checked as of this day, so that "as of 2031" stays in the future for this test.
TODAY = datetime.date(2026, 11, 25)

# What validate ends with when a fixture only warns: the example record and the fixture are valid.
VALID_WITH_EXAMPLE = valid_verdict(2)

WARNINGS_ONLY = {
    "networks/url-http.yml",
    "networks/same-name.yml",
    "networks/same-name-normalised.yml",
    "networks/missing-schema-line.yml",
}

EXPECTED = {
    "cities/country-no.yml": [
        'data/cities.yml:12:3: oslo.country: NO was read as false (a yes/no value), not as text. Write it in quotes: "NO".',
        "1 problem in 1 file.",
    ],
    "cities/duplicate-city.yml": [
        "data/cities.yml:9:1: essen: is written twice, on lines 3 and 9. Keep one of them: YAML would silently use only the last.",
        "1 problem in 1 file.",
    ],
    "networks/Beispielnetz.yml": [
        "data/networks/Beispielnetz.yml: the file name is the record's id and must use lowercase letters, digits and hyphens only. Rename the file to beispielnetz.yml.",
        "1 problem in 1 file.",
    ],
    "networks/alias-bomb.yml": [
        "data/networks/alias-bomb.yml:56:11: Anchors and aliases (&name, *name) are not allowed in records; write the value out.",
        "1 problem in 1 file.",
    ],
    "networks/bad-indentation.yml": [
        "data/networks/bad-indentation.yml:26:4: YAML syntax error: this line is indented differently from the fields around it. Indent each field like the others of its group (two spaces per level).",
        "1 problem in 1 file.",
    ],
    "networks/bare-date.yml": [
        'data/networks/bare-date.yml:55:1: last_reviewed: 2026-11-20 was read as a calendar date, not as text. Write it in quotes: "2026-11-20".',
        "1 problem in 1 file.",
    ],
    "networks/byte-order-mark.yml": [
        "data/networks/byte-order-mark.yml:1:1: the file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.",
        "1 problem in 1 file.",
    ],
    "networks/deep-nesting.yml": [
        "data/networks/deep-nesting.yml:48:32: The data is nested more than 24 levels deep; records need only a few levels.",
        "1 problem in 1 file.",
    ],
    "networks/duplicate-key.yml": [
        "data/networks/duplicate-key.yml:43:1: scope: is written twice, on lines 19 and 43. Keep one of them: YAML would silently use only the last.",
        "1 problem in 1 file.",
    ],
    "networks/empty-text.yml": [
        "data/networks/empty-text.yml:22:16: joining.who.text.de: is empty. Write the German text.",
        "data/networks/empty-text.yml:32:3: summary.de: is empty. Write the German text.",
        "2 problems in 1 file.",
    ],
    "networks/example.yaml": [
        "data/networks/example.yaml: gives the same id 'example' as data/networks/example.yml: one network, one record. Merge the two files into example.yml.",
        "1 problem in 1 file.",
    ],
    "networks/founded-3000.yml": [
        "data/networks/founded-3000.yml:15:3: founded.date: '3000' lies in the future. Facts are recorded once they have happened: check the year.",
        "1 problem in 1 file.",
    ],
    "networks/future-date.yml": [
        "data/networks/future-date.yml:29:5: members[0].as_of: '2031' lies in the future. Facts are recorded once they have happened: check the year.",
        "1 problem in 1 file.",
    ],
    "networks/id-field.yml": [
        "data/networks/id-field.yml:3:1: id: records have no `id` field: the file name is the id (here 'id-field'). Remove this line. If 'beispielnetz' is the id you meant, rename the file to beispielnetz.yml.",
        "1 problem in 1 file.",
    ],
    "networks/impossible-date.yml": [
        "data/networks/impossible-date.yml:47:5: participants[0].since: '2001-02-30' is not a real calendar date. Check the month and the day.",
        "1 problem in 1 file.",
    ],
    "networks/markup-in-name.yml": [
        "data/networks/markup-in-name.yml:7:3: short_name.de: must not contain < or >. Write plain text: markup is not allowed in names and titles.",
        "data/networks/markup-in-name.yml:47:12: participants[0].role.de: must not contain { or } (Markdown attribute lists). Write plain text: markup is not allowed in names and titles.",
        "2 problems in 1 file.",
    ],
    "networks/missing-field.yml": [
        "data/networks/missing-field.yml:3:1: summary: this required field is missing. Add it.",
        "1 problem in 1 file.",
    ],
    "networks/missing-language.yml": [
        "data/networks/missing-language.yml:34:1: description.en: this required field is missing. Add it.",
        "1 problem in 1 file.",
    ],
    "networks/missing-schema-line.yml": [
        "data/networks/missing-schema-line.yml:1:1: warning: the first line should be the schema comment, so that editors check the file as you type. Add this line at the top: # yaml-language-server: $schema=../schema/network.schema.json",
        VALID_WITH_EXAMPLE,
    ],
    "networks/not-utf8.yml": [
        "data/networks/not-utf8.yml:2:67: the file is not valid UTF-8 text. Save it with UTF-8 encoding.",
        "1 problem in 1 file.",
    ],
    "networks/python-tag.yml": [
        "data/networks/python-tag.yml:18:10: website: the tag !!python/object/apply:os.system is not allowed. Remove it.",
        "1 problem in 1 file.",
    ],
    "networks/same-name.yml": [
        "data/networks/same-name.yml:4:3: warning: name.de: data/networks/example.yml (line 4) has the same name. If both describe one network, merge the two files; otherwise name the networks apart.",
        "data/networks/same-name.yml:7:3: warning: short_name.de: data/networks/example.yml (line 7) has the same short name. If both describe one network, merge the two files; otherwise name the networks apart.",
        VALID_WITH_EXAMPLE,
    ],
    "networks/several-problems.yml": [
        "data/networks/several-problems.yml:19:1: scope: 'local' is not allowed here. Use one of: global, european, transatlantic, national.",
        "data/networks/several-problems.yml:45:5: participants[0].city: the city 'leipzsch' is not in data/cities.yml. Did you mean 'leipzig'? Add the city there first, or fix the id.",
        "data/networks/several-problems.yml:47:5: participants[0].since: '2030' lies in the future. Facts are recorded once they have happened: check the year.",
        "3 problems in 1 file.",
    ],
    "networks/tab-indentation.yml": [
        "data/networks/tab-indentation.yml:11:1: YAML syntax error: a tab character; indent with spaces only.",
        "1 problem in 1 file.",
    ],
    "networks/unclosed-bracket.yml": [
        "data/networks/unclosed-bracket.yml:43:9: YAML syntax error: the bracket [ that starts here is not closed. Add the closing ] after the last entry.",
        "1 problem in 1 file.",
    ],
    "networks/unclosed-quote.yml": [
        'data/networks/unclosed-quote.yml:12:10: YAML syntax error: the quote " that starts here is not closed on its line. Add the closing " at the end of the value.',
        "1 problem in 1 file.",
    ],
    "networks/unknown-city.yml": [
        "data/networks/unknown-city.yml:45:5: participants[0].city: the city 'esen' is not in data/cities.yml. Did you mean 'essen'? Add the city there first, or fix the id.",
        "1 problem in 1 file.",
    ],
    "networks/unknown-key.yml": [
        "data/networks/unknown-key.yml:18:1: websit: unknown field. Did you mean `website`? Allowed here: abbreviation, description, founded, history, joining, last_reviewed, members, name, offices, participants, partners, relations, scope, seat, short_name, sources, status, summary, topics, type, website.",
        "1 problem in 1 file.",
    ],
    "networks/unknown-topic.yml": [
        "data/networks/unknown-topic.yml:43:10: topics[0]: the topic 'knowledge-exchnage' is not in data/topics.yml. Did you mean 'knowledge-exchange'? Or add the topic there first.",
        "1 problem in 1 file.",
    ],
    "networks/unquoted-year.yml": [
        'data/networks/unquoted-year.yml:15:3: founded.date: 1998 was read as the number 1998, not as text. Write it in quotes: "1998".',
        "1 problem in 1 file.",
    ],
    "networks/url-data.yml": [
        "data/networks/url-data.yml:53:5: sources[0].url: data: addresses are not allowed. Give the https:// address of a web page.",
        "1 problem in 1 file.",
    ],
    "networks/url-http.yml": [
        "data/networks/url-http.yml:53:5: warning: sources[0].url: uses http://, not https://. Use the https:// address if the site has one.",
        VALID_WITH_EXAMPLE,
    ],
    "networks/url-javascript.yml": [
        "data/networks/url-javascript.yml:18:1: website: javascript: addresses are not allowed. Give the https:// address of a web page.",
        "1 problem in 1 file.",
    ],
    "networks/url-malformed.yml": [
        "data/networks/url-malformed.yml:18:1: website: the address names the host 'www.example..org', which is not a web site's name. Copy the address from the browser's address bar.",
        "data/networks/url-malformed.yml:53:5: sources[0].url: the address contains a space or line break, which web addresses cannot hold. Copy the address from the browser's address bar.",
        "2 problems in 1 file.",
    ],
    "networks/url-relative.yml": [
        "data/networks/url-relative.yml:18:1: website: the address lacks its beginning. Write it in full: https://www.example.org/about",
        "data/networks/url-relative.yml:53:5: sources[0].url: is not a complete web address. Write the full address starting with https://, such as https://www.example.org/page.",
        "2 problems in 1 file.",
    ],
    "networks/version-number.yml": [
        'data/networks/version-number.yml:51:5: sources[0].title: 1.10 was read as the number 1.1, not as text. Write it in quotes: "1.10".',
        "1 problem in 1 file.",
    ],
    "networks/wrong-type.yml": [
        "data/networks/wrong-type.yml:26:1: members: expected a list (lines starting with -), found a number.",
        "1 problem in 1 file.",
    ],
    "networks/yes-no-on-off.yml": [
        'data/networks/yes-no-on-off.yml:9:16: abbreviation.de: ON was read as true (a yes/no value), not as text. Write it in quotes: "ON".',
        'data/networks/yes-no-on-off.yml:9:24: abbreviation.en: ON was read as true (a yes/no value), not as text. Write it in quotes: "ON".',
        "2 problems in 1 file.",
    ],
    "topics/markup-in-label.yml": [
        "data/topics.yml:4:3: knowledge-exchange.de: must not contain < or >. Write plain text: markup is not allowed in names and titles.",
        "data/topics.yml:8:3: municipal-cooperation.en: must not contain { or } (Markdown attribute lists). Write plain text: markup is not allowed in names and titles.",
        "2 problems in 1 file.",
    ],
    # The data model of issue 12: kinds of participation, periods, joining, relations, the registry.
    "cities/without-kind.yml": [
        "data/cities.yml:10:1: bochum: a German entry needs its kind: add `kind:` with one of kreisfreie-stadt, kreisangehoerige-stadt, gemeinde, kreis, staedteregion. The pages say what it is, and Kreise and Gemeinden are told apart from cities.",
        "1 problem in 1 file.",
    ],
    "cities/wrong-district.yml": [
        "data/cities.yml:15:3: hattingen.district: 'essen' is a kreisfreie-stadt, not a Kreis or Städteregion. Give the id of the Kreis or Städteregion the municipality belongs to.",
        "1 problem in 1 file.",
    ],
    "networks/active-without-joining.yml": [
        "data/networks/active-without-joining.yml:3:1: joining: an active network's page says how to join: add a `joining:` block (who may join, the steps, the fee; not-published where the network publishes nothing). If it takes no members any more, set the status to dormant or closed.",
        "1 problem in 1 file.",
    ],
    "networks/closed-without-until.yml": [
        'data/networks/closed-without-until.yml:41:5: participants[0].until: the network closed on 2020-03 (status.since), so this has ended: add `until:`, at the latest "2020-03"; if the end is only inferred from the closing, say so in `note`.',
        "1 problem in 1 file.",
    ],
    "networks/fee-without-source.yml": [
        "data/networks/fee-without-source.yml:24:3: joining.fee.source: this required field is missing. A fee is shown only with its source: add `source:` with the id of the page that publishes it, or write `fee: not-published` if the network publishes none.",
        "1 problem in 1 file.",
    ],
    "networks/joining-on-closed.yml": [
        "data/networks/joining-on-closed.yml:22:1: joining: a closed network takes no members, so `joining` does not apply. Remove it; say in `status.successor` what took the network's place (or `network: none`), and describe how joining worked in the description, in the past tense.",
        "1 problem in 1 file.",
    ],
    "networks/low-confidence-without-note.yml": [
        'data/networks/low-confidence-without-note.yml:45:5: participants[0].note: the confidence is low: say why in `note:`, in German and English, such as „nur auf einer älteren Seite genannt, nicht bestätigt“ / "named only on an older page, not confirmed". The page shows these words, not a badge.',
        "1 problem in 1 file.",
    ],
    "networks/person-on-member.yml": [
        "data/networks/person-on-member.yml:47:5: participants[0].person: `person` belongs to kind representation only (a person from the municipality holds a seat for a German body). For a person in an office of the network, use an entry under `offices:`; otherwise remove this line.",
        "1 problem in 1 file.",
    ],
    "networks/relation-unknown.yml": [
        "data/networks/relation-unknown.yml:45:5: relations[0].network: the network 'exmaple' is not in data/networks/. Did you mean 'example'? Add its record first, or fix the id (the file name without .yml).",
        "1 problem in 1 file.",
    ],
    "networks/representation-without-person.yml": [
        "data/networks/representation-without-person.yml:45:5: participants[0].person: a representation names the person who holds the seat: add `person:`. (The municipality is not a member through this; it is the person's home town.)",
        "1 problem in 1 file.",
    ],
    "networks/since-before-founding.yml": [
        "data/networks/since-before-founding.yml:47:5: participants[0].since: starts before the network was founded (since 1990, founded.date 1998). Check both dates.",
        "1 problem in 1 file.",
    ],
    "networks/successor-missing.yml": [
        "data/networks/successor-missing.yml:10:1: status.successor: a closed network's page says what took its place: add `successor:` under `status:`, with `network:` (the id of the record that took over, and `text:` and `source:` on how) or `network: none` if nothing did.",
        "1 problem in 1 file.",
    ],
    "networks/unknown-kind.yml": [
        "data/networks/unknown-kind.yml:46:5: participants[0].kind: 'membr' is not allowed here. Did you mean 'member'? Use one of: member, founding-member, associate, observer, signatory, title-holder, office-host, representation.",
        "1 problem in 1 file.",
    ],
    "networks/until-after-closing.yml": [
        "data/networks/until-after-closing.yml:44:5: participants[0].until: ends after the network closed (until 2021, status.since 2020-03). Correct the date, or the network's closing date.",
        "1 problem in 1 file.",
    ],
    "networks/until-before-since.yml": [
        "data/networks/until-before-since.yml:48:5: participants[0].until: ends before it starts (since 2001, until 1999). Check both dates.",
        "1 problem in 1 file.",
    ],
    "networks/wikipedia-mirror.yml": [
        "data/networks/wikipedia-mirror.yml:53:5: sources[0].url: de.wiki.li copies Wikipedia's articles; it is not a source. Cite the article on wikipedia.org itself (such as https://de.wikipedia.org/wiki/...), or better the page the article cites.",
        "1 problem in 1 file.",
    ],
    # Issue 17: text and numbers that are not what they seem.
    "networks/lone-surrogate.yml": [
        "data/networks/lone-surrogate.yml:7:7: short_name.de: holds U+D800, half of a character pair (a lone surrogate), which cannot be stored as text. Remove it. It is written as an escape (\\ud800) in the quoted text that starts here.",
        "1 problem in 1 file.",
    ],
    "networks/control-characters.yml": [
        "data/networks/control-characters.yml:7:7: short_name.de: holds the control character U+001B (ESC), which is not text and is not shown. Remove it. It is written as an escape (\\e) in the quoted text that starts here.",
        "data/networks/control-characters.yml:38:26: description.de: holds the control character U+0009 (TAB), which is not text and is not shown. Remove it.",
        "2 problems in 1 file.",
    ],
    "networks/bidi-override.yml": [
        "data/networks/bidi-override.yml:8:7: short_name.en: holds U+2067 (RIGHT-TO-LEFT ISOLATE), an invisible character that changes the direction in which the text around it is shown, so that it reads as something else. Remove it. It is written as an escape (\\u2067) in the quoted text that starts here.",
        "data/networks/bidi-override.yml:18:34: website: holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character that changes the direction in which the text around it is shown, so that it reads as something else. Remove it.",
        "2 problems in 1 file.",
    ],
    "networks/invisible-characters.yml": [
        "data/networks/invisible-characters.yml:7:7: short_name.de: holds U+200B (ZERO WIDTH SPACE), an invisible character (it often comes along with text copied from a web page). Remove it. It is written as an escape (\\u200b) in the quoted text that starts here.",
        "data/networks/invisible-characters.yml:36:24: description.de: holds U+00AD (SOFT HYPHEN), an invisible character (it often comes along with text copied from a web page). Remove it.",
        "2 problems in 1 file.",
    ],
    "networks/literal-control-character.yml": [
        "data/networks/literal-control-character.yml:51:20: holds the control character U+007F (DEL), which is not text and is not shown. Remove it.",
        "1 problem in 1 file.",
    ],
    "networks/count-octal.yml": [
        'data/networks/count-octal.yml:27:12: members[0].count: 0150 was read as the octal number 104, not as 150. Write 150 without the leading zero, or "0150" in quotes if it is text.',
        "1 problem in 1 file.",
    ],
    "networks/count-sexagesimal.yml": [
        'data/networks/count-sexagesimal.yml:27:12: members[0].count: 1:30 was read as the number 90 (YAML counts in sixties, as in a time). Write the number in digits only, or "1:30" in quotes if it is text.',
        "1 problem in 1 file.",
    ],
    "networks/count-float.yml": [
        "data/networks/count-float.yml:27:5: members[0].count: 150.0 is written as a decimal number; write a whole number here: 150.",
        "1 problem in 1 file.",
    ],
    "cities/nan-coordinates.yml": [
        "data/cities.yml:15:22: bochum.coordinates.lat: .nan is not a number that can be shown or published. Write a number in digits, such as 51.23.",
        "1 problem in 1 file.",
    ],
    "cities/id-newline.yml": [
        "data/cities.yml:10:1: neustadt\\n: holds a line break; a key (the name before the colon) is one line. Remove it. It is written as an escape (\\n) in the quoted text that starts here.",
        "data/cities.yml:23:3: berlin.wikidata: 'Q64\\n' is not valid: it must be a Wikidata item id such as Q365.",
        "2 problems in 1 file.",
    ],
    "networks/url-uppercase-scheme.yml": [
        "data/networks/url-uppercase-scheme.yml:18:1: website: write the beginning of the address in lowercase letters: https://www.example.org/",
        "1 problem in 1 file.",
    ],
    "networks/stray-carriage-return.yml": [
        "data/networks/stray-carriage-return.yml:42:13: a carriage return (CR) without a line feed, which most programs do not show. Remove it.",
        "1 problem in 1 file.",
    ],
    "networks/old-mac-line-endings.yml": [
        "data/networks/old-mac-line-endings.yml: the lines of this file end in CR alone (old Mac line endings), which most programs do not show as line breaks. Save it with LF (Unix) or CRLF (Windows) line endings.",
        "1 problem in 1 file.",
    ],
    # Issue 17: ids the site needs for itself.
    "cities/city-id-not-an-id.yml": [
        "data/cities.yml:10:1: Bad Honnef: the id 'Bad Honnef' must be made of lowercase letters, digits and hyphens, such as `koeln` or `city-directors`.",
        "1 problem in 1 file.",
    ],
    "networks/index.yml": [
        "data/networks/index.yml: the id 'index' is reserved: it is the name of the overview of all networks (netzwerke/), which a record of this id would replace. Choose another id and rename the file.",
        "1 problem in 1 file.",
    ],
    "cities/reserved-id.yml": [
        "data/cities.yml:10:1: index: the id 'index' is reserved: it is the name of the list of all cities (staedte/), which a record of this id would replace. Choose another id, and use it in the records.",
        "data/cities.yml:17:1: data: the id 'data' is reserved: it is the folder of the open data files (data/). Choose another id, and use it in the records.",
        "2 problems in 1 file.",
    ],
    # Issue 17: facts that contradict each other, one place entered twice.
    "networks/dormant-before-founded.yml": [
        "data/networks/dormant-before-founded.yml:12:3: status.since: 1990 lies before the network was founded (2008, founded.date). Check both dates; what came before the founding belongs in `history`.",
        "1 problem in 1 file.",
    ],
    "networks/member-before-founded.yml": [
        "data/networks/member-before-founded.yml:47:5: participants[0].since: starts before the network was founded (since 1950, founded.date 2008). Check both dates.",
        "1 problem in 1 file.",
    ],
    "networks/same-name-normalised.yml": [
        "data/networks/same-name-normalised.yml:4:3: warning: name.de: data/networks/example.yml (line 4) has the same name. If both describe one network, merge the two files; otherwise name the networks apart.",
        "data/networks/same-name-normalised.yml:7:3: warning: short_name.de: data/networks/example.yml (line 7) has the same short name. If both describe one network, merge the two files; otherwise name the networks apart.",
        VALID_WITH_EXAMPLE,
    ],
    "cities/same-city-three-times.yml": [
        "data/cities.yml:24:3: cologne.wikidata: Q365 is also the Wikidata item of 'koeln' (line 11): one place, one entry. Remove this entry and use the id 'koeln' in the records.",
        "data/cities.yml:26:3: koeln-stadt.name: 'koeln' (line 11) has the same name, in the same state (DE-NW). If both are one city, keep one entry; otherwise name them apart, e.g. with the district in brackets.",
        "2 problems in 1 file.",
    ],
    "cities/swapped-coordinates.yml": [
        "data/cities.yml:15:3: bochum.coordinates: lat 7.22, lon 51.48 lies outside Germany (latitude 47.2 to 55.1, longitude 5.8 to 15.1). Latitude and longitude seem swapped. Take the coordinates from the city's Wikidata item.",
        "1 problem in 1 file.",
    ],
}


_LINK = "is a symbolic link. Data files are read only from data/ itself: put the file here in place of the link."
OUTSIDE_RECORD = FIXTURES / "filesystem" / "outside-record.yml"  # invalid; its values must never be printed
# A file name that would start a GitHub Actions command on a line of its own if printed raw.
FORGING_NAME = "a\n::error file=uclg.yml::forged.yml"

# What the file system can hold and git cannot (portably): links, a pipe, a folder named like a
# record, a file name with a line break. Each is made by its function in a data set from make_data,
# with the exact report it gets (tests/unit/test_invalid_data.py).
FILESYSTEM = {
    "link to a record outside data/": (
        lambda data: os.symlink(OUTSIDE_RECORD, data / "networks/outside.yml"),
        [f"data/networks/outside.yml: {_LINK}", "1 problem in 1 file."],
    ),
    "link to /dev/zero": (
        lambda data: os.symlink("/dev/zero", data / "networks/zero.yml"),
        [f"data/networks/zero.yml: {_LINK}", "1 problem in 1 file."],
    ),
    "link in place of the city registry": (
        lambda data: (
            os.replace(data / "cities.yml", data / "real-cities.yml"),
            os.symlink("real-cities.yml", data / "cities.yml"),
        ),
        [f"data/cities.yml: {_LINK}", "1 problem in 1 file."],
    ),
    "link to a folder": (
        lambda data: os.symlink(FIXTURES / "valid", data / "geo"),
        [
            "data/geo: is a symbolic link to a folder. Data is read only from data/ itself: put the folder here instead.",
            "1 problem in 1 file.",
        ],
    ),
    "a pipe named like a record": (
        lambda data: os.mkfifo(data / "networks/pipe.yml"),
        [
            "data/networks/pipe.yml: is not a plain file (a pipe, a device or a socket). Data files are plain text files.",
            "1 problem in 1 file.",
        ],
    ),
    "a folder named like a record": (
        lambda data: (data / "networks/folder.yml").mkdir(),
        [
            "data/networks/folder.yml: is a folder, not a file. Each record is one YAML file: move the folder out of data/.",
            "1 problem in 1 file.",
        ],
    ),
    "a file name with a line break": (
        lambda data: shutil.copy(INVALID / "networks/same-name.yml", data / "networks" / FORGING_NAME),
        [
            "data/networks/a\\n::error file=uclg.yml::forged.yml: the file name is the record's id and must use lowercase letters, digits and hyphens only. Rename the file to a-error-file-uclg-yml-forged.yml.",
            "data/networks/a\\n::error file=uclg.yml::forged.yml:4:3: warning: name.de: data/networks/example.yml (line 4) has the same name. If both describe one network, merge the two files; otherwise name the networks apart.",
            "data/networks/a\\n::error file=uclg.yml::forged.yml:7:3: warning: short_name.de: data/networks/example.yml (line 7) has the same short name. If both describe one network, merge the two files; otherwise name the networks apart.",
            "1 problem in 1 file.",
        ],
    ),
}


_LIMIT_ADVICE = (
    "The limits are in scripts/citynet/read.py; raise them only after measuring with "
    "`python3 scripts/dev.py benchmark --limits`."
)


def _records(data: Path, count: int) -> None:
    for index in range(count):
        (data / f"networks/copy-{index:05d}.yml").write_bytes(EXAMPLE.read_bytes())


def _sparse_records(data: Path, count: int, size: int) -> None:
    for index in range(count):
        with (data / f"networks/large-{index:02d}.yml").open("wb") as handle:
            handle.truncate(size)  # sparse: counted by its size, never written out


def _registry_size(data: Path) -> int:
    """The entries of the copied real registry (it grows with the data)."""
    text = (data / "cities.yml").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line and not line.startswith((" ", "#")) and line.endswith(":"))


def _cities(data: Path, count: int) -> None:
    entries = "".join(
        f'city-{i:05d}:\n  name: Stadt {i}\n  country: "DE"\n  state: DE-NW\n  kind: gemeinde\n'
        f"  coordinates: {{lat: 51.2, lon: 7.1}}\n"
        f"  wikidata: Q{100000 + i}\n"
        for i in range(count)
    )
    with (data / "cities.yml").open("a", encoding="utf-8") as handle:
        handle.write(entries)


# Bounded work: the limits of citynet/read.py, each exceeded by the smallest step (10,000 records
# are measured by the benchmark: `dev.py benchmark --limits`).
LIMITS = {
    "one record more than MAX_NETWORKS": (
        lambda data: _records(data, 300),
        [
            f"data/networks: holds 301 files; the site is built for at most 300 network records (each is a page in every language). Nothing was read. {_LIMIT_ADVICE}",
            "1 problem in 1 file.",
        ],
    ),
    "more bytes than MAX_DATA_BYTES": (
        lambda data: _sparse_records(data, 53, 190_000),
        [
            f"data: the records and registries add up to {{total}} bytes; one check reads at most 10,000,000 (which takes a few seconds). Nothing was read. {_LIMIT_ADVICE}",
            "1 problem in 1 file.",
        ],
    ),
    "more cities than MAX_CITIES": (
        lambda data: _cities(data, 3001 - _registry_size(data)),
        [
            f"data/cities.yml: lists 3,001 cities; the site is built for at most 3,000 (each city is a page in every language). {_LIMIT_ADVICE}",
            "1 problem in 1 file.",
        ],
    ),
}


def fixture_files() -> list[str]:
    return sorted(p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*") if p.is_file())


def make_data(tmp_path: Path, *fixtures: str) -> Path:
    """A data folder: the real schema, cities and topics, the example record, and the fixtures."""
    data = tmp_path / "data"
    (data / "networks").mkdir(parents=True)
    shutil.copytree(DATA / "schema", data / "schema")
    shutil.copy(DATA / "cities.yml", data / "cities.yml")
    shutil.copy(DATA / "topics.yml", data / "topics.yml")
    shutil.copy(EXAMPLE, data / "networks" / "example.yml")
    for name in fixtures:
        kind, file_name = name.split("/")
        shutil.copy(INVALID / name, data / "networks" / file_name if kind == "networks" else data / f"{kind}.yml")
    return data
