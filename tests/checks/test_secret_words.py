"""SEC005, SEC006, SEC008: secrets and personal data written as words are found by their shape; identifiers, words
and the names the data declares are not (the faults at their YAML lines are test_checks.py's ONE_RULE_FAULTS)."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from playbook.checks.credentials import typed
from playbook.checks.named_people import named
from playbook.checks.secret_words import address_credentials, prose_credentials, tokens

# What the data writes and must keep writing: metric names, short commit ids, UUIDs (a placeholder and a real one),
# shell variables, request ids, timestamps, URLs with ordinary paths, camelCase and UPPER_CASE names, versions.
IDENTIFIERS = [
    "http_requests_total rose above the baseline",
    "rolled back to a3f9c21 (commit 4e1d0b7c9a2f)",
    "the id 00000000-0000-0000-0000-000000000000 stands for any note",
    "note 3f2a9c1e-7b4d-4e2a-9c1f-2b6d8e0a4c7f was written twice",
    'curl -fsS "$BASE_URL/api/notes?limit=50" -H "Authorization: Bearer $TOKEN"',
    "requestId req_1705228200000_abc123, at 2026-01-14T10:30:00.000Z",
    "https://api.openai.com/v1/models and https://app.example.com/api/v2/clinical-notes",
    "createClinicalNoteHandler threw; see DATABASE_CONNECTION_TIMEOUT",
    "ISO-8601, HTTP2, p95_vs_baseline, SEV-1, GPT-4o, v2.0.13",
    "sha-1 digests are written short: 9fceb02",
]


@pytest.mark.parametrize("text", IDENTIFIERS)
def test_identifiers_are_not_tokens(text):
    assert tokens(text, "") == []


def test_a_token_the_data_declares_as_an_identifier_is_one():
    digest = "f30380cb00751078f3cdfc2d39f92221cf74e0a659f23de866a327f5169f4e85"
    assert tokens(f"fingerprint {digest}", "") and tokens(f"fingerprint {digest}", f"sha256:{digest}") == []


_ALPHABETS = {
    "hex": "0123456789abcdef",
    "base32": string.ascii_uppercase + "234567",
    "base62": string.ascii_letters + string.digits,
}


@given(
    alphabet=st.sampled_from(sorted(_ALPHABETS)),
    data=st.data(),
    before=st.sampled_from(["key ", "see https://hooks.example.net/x/", "(", "`", 'token="']),
)
def test_any_random_token_of_16_characters_or_more_is_refused(alphabet, data, before):
    """A generated value of 16 characters or more that mixes letters and digits, wherever it stands in the text."""
    token = data.draw(st.text(alphabet=_ALPHABETS[alphabet], min_size=16, max_size=64))
    assume(any(c.isdigit() for c in token) and any(c.isalpha() for c in token))
    found = tokens(f"Restart it {before}{token} now.", "")
    assert [m.group(0) for m in found] == [token]


@pytest.mark.parametrize(
    "token",
    ["TyLlnkmkQRfTWjZTsUXaCDUOhbHkFVCR", "tFfRWqNkRuteIPxQcnuvVetgpQMZjFsr", "JVrmfKFYjPjuEmQMYiEGqGWoIYpfOiqu"],
)
def test_random_letters_of_both_cases_are_refused(token):
    """base52 with no digit (drawn by Python's random, seed 24): its case changes as often as chance makes it, where
    a camelCase name's changes are at its words."""
    assert tokens(f"value {token}", "")


PROSE_SECRETS = [
    "Break-glass: root@dramal.com / Sp1ndle#Rain",
    "login: ops-admin : Tern4-Wharf",
    "the Wi-Fi password is Kestrel!2040",
    "TOTP seed: NB2HI4DTHIXS6ZJ6",
    "PagerDuty integration key 9c0f3e2a7d1b",
    # a password where one is asked for: a capital inside its letters, a part naming it, a PIN's digits
    "pager app: oncall@dramal.com / EXAMPLE-pager-pw",
    "log in as admin/EXAMPLE-pw",
    "credentials: ops-admin / Fern-Harbour-Kilo",
    "pw: Kestrel-ops",
    "password: kiosk_pass",
    "kiosk PIN 4471",
    "pin: 4471",
    "the bridge passcode is 884112",
    # a login and a password with nothing naming them: a login, ` / `, a value of capitals, small letters and digits
    "Temporary DB admin for the fix is dba / EXAMPLE-Tmp-Adm1n-26",  # set 16 M22 (spent)
    "the export runs as ops / Kestrel-Blue-2026",
]
PROSE_WORDS = [
    # a slash between words, numbers, names and paths: no login and password
    "read/write, SEV-1/SEV-2, HTTP/1.1, 4xx / 5xx, see docs/Runbook2024Final",
    "GPT-4o / Claude-3-Opus, db / sqlite3, primary / secondary",
    "the password is rotated every quarter",
    "write the token as $TOKEN, the password as <password>",
    "page oncall@dramal.com: the primary answers",
    "the seed restores with the backup; Secret: TBD",
    "in the seed SEV-1 pages the manager; the token v2 is",
    "the signing key lives in the password manager",
    # PIN, pass and pw in their other senses, and two ways to reach someone side by side
    "pin the version to 1.4.2",
    "the pinned 2024 release",
    "Pin 2024 as the year of the audit",
    "the pager PIN is in the password manager",
    "passing 2048 requests",
    "the password-manager entry; password: rotated-quarterly",
    "oncall@dramal.com / #on-call, security@dramal.com / @security-lead",
    "sign in with SSO / Okta, log in as admin/operator",
    "call oncall@dramal.com / 4471 (the bridge's extension)",
]


@pytest.mark.parametrize("text", PROSE_SECRETS)
def test_a_credential_in_a_sentence_is_found(text):
    assert prose_credentials(text)


@pytest.mark.parametrize("text", PROSE_WORDS)
def test_sentences_about_credentials_are_not_credentials(text):
    assert prose_credentials(text) == []


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ('sshpass -p "Lum3n-Vale" ssh deploy@host', True),
        ("mysql -u ops -pC0rvid db", True),
        ('sshpass -p "$SSH_PASSWORD" ssh deploy@host', False),
        ("mysql -u ops -p db", False),  # asks for it
        ("psql -h db -p 5432", False),  # a port
        ('mkdir -p "/var/backups/notes"', False),
    ],
)
def test_password_options(code, found):
    assert bool(typed(code)) is found


KNOWN = frozenset({"Dr", "Amal", "Clinical", "Vercel", "Grafana", "Backend", "Team"})


@pytest.mark.parametrize(
    "text",
    [
        "Open the Vercel Dashboard and Roll Back The Deployment",
        "Dr Amal – Clinical OS",
        "Ask the Backend Team on Monday, in January",
        "the patient cannot open the note",
        "Post-mortem due within five business days",
        # a title's inflected words (the list lacks "timeouts", "retried") and a chemical symbol ("In" is Indium)
        "Consent Forms Timeouts In One Region",
        "Uploads Retried Twice Sent Duplicates",
        # initials before a word of the language: no name ("A. Check" of a list, "the user. Then")
        "the patient A. Check of the form",
        "sign out the user. Then retry",
        "the DOB field is empty",
        "a birth year alone is no date of birth (born in 1971)",
        # a record's word before a word of the language or a declared name; initials before a word: no name
        "the release notes of Vercel's deploy, the results from Grafana, the history of Backend Team",
        "Check the records for Errors; the U.S. Department; plan A. Then",
        "the Team's notes",
        # a work word beside title-cased words that are the language's (a name the language writes needs a surname)
        "a colleague will Page Duty; the employee list in Status Page",
        "the suspect Check Script; the Backend Team's contractor",
        # spoken of as he or she, but at a sentence's start (a heading's words), or no given name: no name
        "if he does not answer: Page the secondary",
        "she reads the Status Page before the Backend Team",
    ],
)
def test_words_and_declared_names_are_no_person(text):
    assert named(text, KNOWN) == []


@pytest.mark.parametrize(
    "text",
    [
        "escalated by Priya Raman at 10:20",
        "Ask Dr. Okonkwo-Lindqvist for the chart",
        "patient Brannigan could not sign in",
        "seen with Grafana Pyroscope",  # a product the data does not declare: declared, it passes
        "DOB: 02/09/1975",
        # initials say a name, even one the word list knows
        "note save for patient R. Castellanos failing",
        "Patient J. Smith called",
        "ask Dr J.K. Okafor",
        # a birth date in its other forms: an ordinal day, a month first, a bracket or = before it
        "born on the 2nd of May 1971",
        "DOB: May 2nd, 1971",
        "(D.O.B. 02.05.1971)",
        "date of birth 2 Sept. 1971",
        "birthday = 1971/05/02",
        # a name beside a patient's record (a proper name the list knows is one there), or after initials anywhere
        "first noticed on the chemotherapy notes of J. Alvarez, Riverside Clinic",
        "the prescription for Okafor did not print",
        "Alvarez's chart would not load",
        "the discharge letter for Maria was sent twice",
        "the scans of patient Brannigan",
        "a complaint from M. Castellanos",
        # a colleague, or a suspect, by a given name of Faker's tables and any word after it (set 16 M19, spent)
        "last time it was the ex-employee Jordan Example, badge 4471, from home",
        "Ask Jordan Example, our contractor",
        "the suspect, Nadia Sample, had access",
        # spoken of as he or she: a given name and a capitalised word after it inside a sentence, though both be
        # words too (set 24's M19, spent)
        "No monitoring (Tom Example skipped the load test again, noted for his review)",
        "the fix waits until Will Page is back: she owns it",
    ],
)
def test_a_person_or_a_birth_date_is_found(text):
    assert named(text, KNOWN)


def test_a_missing_word_list_is_said_not_passed_over(catalog, monkeypatch, tmp_path):
    """Without the word list no name can be told from a word: SEC008 says so (an error where tools are required)."""
    from playbook.checks import named_people
    from playbook.checks.engine import run_checks

    monkeypatch.setattr(named_people, "WORDS", tmp_path / "no-words")
    named_people._dictionary.cache_clear()
    try:
        found = run_checks(catalog, ["SEC008"], tools_required=True)
    finally:
        monkeypatch.undo()
        named_people._dictionary.cache_clear()
    assert [(p.file, p.line, p.level, "no-words" in p.message) for p in found] == [
        ("data/contacts.yaml", 1, "error", True)
    ]


def test_a_token_is_found_in_a_field_of_every_kind_at_its_line(data_copy):
    """Prose, an example (a timeline row), a quote, code, a contact's value and a mapping key of an example: one
    finding at each edited line, and none elsewhere (the real data has none)."""
    from conftest import edit
    from playbook.data.load import load_catalog
    from playbook.site.checking import check

    token = "Hq4Zt8Wm2Rx6Vb9Ln3Kc"
    edits = [
        ("oncall.yaml", "trigger: The incident persists", f"trigger: The incident persists {token}"),
        ("incident.yaml", '["10:10", Investigation started]', f'["10:10", Investigation started {token}]'),
        ("decisions.yaml", "    seed: 'Step 5 says", f"    seed: '{token} Step 5 says"),
        ("scenarios/database-down.yaml", "        code: df -h", f"        code: df -h /{token}"),
        ("contacts.yaml", "person: Rotating, email: oncall@dramal.com", f"person: {token}, email: oncall@dramal.com"),
        ("catalog.yaml", "userId: user_456,", f"{token}: user_456,"),
    ]
    for file, old, new in edits:
        edit(data_copy / file, old, new)
    found = {(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC005"])}
    want = set()
    for file, _, new in edits:
        lines = (data_copy / file).read_text(encoding="utf-8").splitlines()
        want.add((f"data/{file}", next(n for n, line in enumerate(lines, 1) if new.strip() in line)))
    assert found == want


@pytest.mark.parametrize(
    "text",
    [
        "open https://store.example.net/x.tar?sv=1&sig=k9Xr2%2FA then",
        "postgres://app:hunter2x@db/clinical",
        "https://ghp_R7tXk2Lm9QwZ@github.com/dramal/playbook",
        'curl "https://api.example.net/v1?api_key=abc123"',
        "https://app.example.net/cb#access_token=ya29.a0Af&state=1",
    ],
)
def test_an_address_carrying_a_credential_is_found(text):
    assert address_credentials(text)


@pytest.mark.parametrize(
    "text",
    [
        "ssh://git@github.com/dramal/playbook.git",  # a user, no secret
        "postgres://app:$DB_PASSWORD@db/clinical",  # a placeholder stands for one
        "see https://vercel.com/dramal?token=$VERCEL_TOKEN.",
        "https://vercel.com/dramal/clinical-os?teamId=team_dramal&token_ttl=3600&monkey=1",
        "https://playbook.dramal.com/scenarios/#tokens",
    ],
)
def test_an_address_without_a_credential_passes(text):
    assert address_credentials(text) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "value"),
    [
        (  # a shared login and its password in a trigger, as the pager app's in a channel's purpose
            "oncall.yaml",
            "trigger: The incident is CRITICAL",
            'trigger: "The incident is CRITICAL (bridge: ops@dramal.com / EXAMPLE-bridge-pass)"',
            "EXAMPLE-bridge-pass",
        ),
        (  # a user/pass after a word of signing in, in a timeline row
            "incident.yaml",
            '["10:10", Investigation started]',
            '["10:10", "Investigation started (log in as admin/EXAMPLE-pw)"]',
            "admin/EXAMPLE-pw",
        ),
        (  # a kiosk's PIN beside a tool
            "dashboard.yaml",
            "{name: Grafana, role: Visualization}",
            '{name: Grafana, role: "Visualization (kiosk PIN 4471)"}',
            "PIN 4471",
        ),
        (  # a pw label in a step's text
            "scenarios/database-down.yaml",
            "text: If disk is full → Free up space.",
            'text: "If disk is full → Free up space (host pw: Kestrel-ops)."',
            "Kestrel-ops",
        ),
    ],
)
def test_a_password_where_one_is_asked_for_is_found_at_its_line(data_copy, file, old, new, value):
    from conftest import edit
    from playbook.data.load import load_catalog
    from playbook.site.checking import check

    edit(data_copy / file, old, new)
    lines = (data_copy / file).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if value in text)
    assert [(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC006"])] == [(f"data/{file}", line)]
