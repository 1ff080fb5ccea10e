"""SEC004: a credential-named field holding a literal value in a runnable block is an error at its line, in every
form a command gives a field (JSON body, form field, header, option, environment assignment); a placeholder, or a
request sent as a test identity on a reserved domain, never is."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.checks.credentials import typed

# (form, command with {name} and {value}): each places the value on the command's second line
FORMS = [
    ("JSON field", """curl -s -X POST "$BASE_URL/api/auth/signin" \\\n  -d '{{"user":"amal","{name}":"{value}"}}'"""),
    ("JSON field", """curl -s "$URL" \\\n  --data '{{ "user": "amal", "{name}" : "{value}" }}'"""),
    ("form field", """curl -s "$URL" \\\n  -d 'user=amal&{name}={value}'"""),
    ("query", """curl -s \\\n  "$URL/api/login?user=amal&{name}={value}\""""),
    ("header", """curl -s "$URL/api?user=amal" \\\n  -H "{name}: {value}\""""),
    ("option", """vercel env pull \\\n  --{name} {value}"""),
    ("option=", """vercel env pull \\\n  --{name}={value}"""),
    ("env", """echo start\n{name}={value} ./run.sh"""),
    ("export", """echo start\nexport {name}="{value}\""""),
]
NAMES = ["password", "passwd", "DB_PASSWORD", "secret", "clientSecret", "client_secret", "api_key", "X-Api-Key",
         "apiKey", "token", "X-Auth-Token", "private_key", "pass", "credentials"]  # fmt: skip
# A literal value: never a mask the checker reads as a placeholder on purpose (xxx, XXXX, TBD, REDACTED).
LITERAL = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9!._~+/=@#-]{0,23}\Z").filter(
    lambda v: v not in ("TBD", "REDACTED") and not re.fullmatch(r"x{3,}|X{3,}", v)
)
PLACEHOLDERS = ["$PASSWORD", "${API_KEY}", "$(cat /run/secrets/token)", "<password>", "{{ secret }}", "***", "xxxx"]


def _found(code: str) -> list[tuple[int, str]]:
    return [(c.line, c.value) for c in typed(code)]


@settings(max_examples=150, deadline=None)
@given(form=st.sampled_from(FORMS), name=st.sampled_from(NAMES), value=LITERAL)
def test_a_literal_credential_is_found_at_its_line_in_every_form(form, name, value):
    code = form[1].format(name=name, value=value)
    assert _found(code) == [(2, value)], code


@settings(max_examples=100, deadline=None)
@given(form=st.sampled_from(FORMS), name=st.sampled_from(NAMES), value=st.sampled_from(PLACEHOLDERS))
def test_a_placeholder_is_never_a_finding(form, name, value):
    assert _found(form[1].format(name=name, value=value)) == []


@settings(max_examples=100, deadline=None)
@given(
    form=st.sampled_from(FORMS[:5]),
    name=st.sampled_from(NAMES),
    value=LITERAL,
    domain=st.sampled_from(["example.com", "example.org", "clinic.test", "mail.example.net"]),
)
def test_a_test_identity_may_carry_a_literal_password(form, name, value, domain):
    code = form[1].format(name=name, value=value).replace("amal", f"test@{domain}")
    assert _found(code) == []
    # the same request as a real account's is found: the identity, not the form, excused it
    assert _found(code.replace(f"test@{domain}", "amal.benali@dramal.com")) == [(2, value)]


# a literal written into a command that reads a password on its standard input: a password, whatever its name
STDIN = [
    "echo start\necho '{value}' | sudo -S systemctl restart postgresql",
    "echo start\nprintf '%s' '{value}' | docker login -u deploy --password-stdin registry.dramal.com",
    'echo start\nsudo -S true <<< "{value}"',
    "echo start\necho {value} | chpasswd",
]


@settings(max_examples=100, deadline=None)
@given(form=st.sampled_from(STDIN), value=LITERAL)
def test_a_literal_piped_into_a_password_reader_is_found_at_its_line(form, value):
    assert _found(form.format(value=value)) == [(2, value)]


@pytest.mark.parametrize("form", STDIN)
@pytest.mark.parametrize("value", ["$SUDO_PASSWORD", "${REGISTRY_TOKEN}", "$(cat /run/secrets/pw)"])
def test_a_placeholder_piped_into_a_password_reader_passes(form, value):
    assert _found(form.format(value=value)) == []


@pytest.mark.parametrize(
    "code",
    [
        "printf 'false' | vercel env add FEATURE_AI_ENABLED production",  # a value, into no password reader
        """curl -s "$URL" -d '{"model":"gpt-4o","max_tokens":100,"author":"x"}'""",  # not credential names
        """curl -s -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/notes\"""",
        """jq -r '.context.ip' "$LOG_FILE" | sort | uniq -c""",
        """grep -c bypass=on "$LOG_FILE\"""",
        'curl -s -o /dev/null -w "%{http_code}" "$BASE_URL/api/health"',
    ],
)
def test_what_is_no_credential_passes(code):
    assert _found(code) == []
