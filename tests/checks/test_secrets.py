"""SEC001: a secret pasted into the data or a page is an error at its line; a placeholder never is."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

STEP = "        code: df -h"
PASTED = [
    ("vercel token flag", "vercel rollback --token vrc_8fK2mQ9xLp3RtY7wZb1NcV4d"),
    ("bearer header", 'curl -H "Authorization: Bearer 8fK2mQ9xLp3RtY7wZb1NcV4dQ9xLp3" "$BASE_URL/api"'),
    ("jwt", "echo eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123456ghiJKLmno"),
    ("aws key", "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"),
]


@pytest.mark.parametrize(("what", "code"), PASTED, ids=[p[0] for p in PASTED])
def test_a_pasted_secret_is_an_error_at_its_yaml_line(data_copy, what, code):
    sc = data_copy / "scenarios" / "database-down.yaml"
    edit(sc, STEP, f"        code: |-\n          {code}")
    found = [p for p in check(load_catalog(data_copy), ["SEC001"])]
    line = next(n for n, text in enumerate(sc.read_text().splitlines(), 1) if code in text)
    assert [(p.file, p.line, p.level) for p in found] == [("data/scenarios/database-down.yaml", line, "error")]


def test_a_secret_in_prose_is_found_too(data_copy):
    edit(data_copy / "contacts.yaml", "person: Rotating", "person: Rotating (api_key=sk9fK2mQ9xLp3RtY7wZb1N)", 1)
    (found,) = check(load_catalog(data_copy), ["SEC001"])
    assert found.file == "data/contacts.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("dashboard.yaml", "role: APM + monitoring}", 'role: "APM (key ghp_Zq8X2mB7nR4tV9wK3yH6jL1pD5sF0aC8eG2u)"}'),
        (
            "catalog.yaml",
            "encoding: JSON Lines, one object per line",
            'encoding: "JSON Lines, ghp_Zq8X2mB7nR4tV9wK3yH6jL1pD5sF0aC8eG2u"',
        ),
    ],
)
def test_a_secret_in_a_quoted_value_is_found_at_its_line(data_copy, file, old, new):
    """detect-secrets' YAML reading can name a line past a quoted flow value, or past the file's end."""
    edit(data_copy / file, old, new)
    line = next(n for n, text in enumerate((data_copy / file).read_text().splitlines(), 1) if "ghp_" in text)
    assert [(p.file, p.line) for p in check(load_catalog(data_copy), ["SEC001"])] == [(f"data/{file}", line)]


@pytest.mark.parametrize(
    "code",
    [
        'curl -H "Authorization: Bearer $TOKEN" "$BASE_URL/api"',
        'vercel rollback --token "${VERCEL_TOKEN}"',
        "echo token: TBD",
    ],
)
def test_placeholders_are_the_way_to_write_a_secret(data_copy, code):
    edit(data_copy / "scenarios" / "database-down.yaml", STEP, f"        code: |-\n          {code}")
    assert check(load_catalog(data_copy), ["SEC001"]) == []


def test_a_key_written_in_groups_is_an_error_and_an_id_is_not(data_copy):
    """A 1Password Secret Key in a placeholder's meaning (set 26's M19); near miss: an upper-case UUID, all hex."""
    meta = data_copy / "meta.yaml"
    key = "A3-Q7LM2X-V9RTB4-NW8CZ1-KD3FH-J6YP0-EXAMP"
    edit(meta, "Never paste it into a document.", f"Never paste it into a document (vault Secret Key {key}).")
    found = check(load_catalog(data_copy), ["SEC001"])
    assert [(p.file, p.line) for p in found] == [("data/meta.yaml", line_of(meta, key))]
    edit(meta, key, "3F2504E0-4F89-11D3-9A0C-0305E82C3301")
    assert check(load_catalog(data_copy), ["SEC001"]) == []


def test_a_large_scan_split_over_processes_finds_what_one_process_finds(tmp_path):
    """From PARALLEL_FROM files on, the scan runs in one process per core: the same findings, at the same lines."""
    from playbook.checks.secrets import PARALLEL_FROM, _scan, scan

    files = []
    for n in range(PARALLEL_FROM + 6):
        f = tmp_path / f"s{n:03}.yaml"
        secret = f"  code: {PASTED[n % len(PASTED)][1]}\n" if n % 9 == 4 else ""
        f.write_text(f"id: s{n}\nsteps:\n  - title: Step {n}\n{secret}    text: df -h\n", encoding="utf-8")
        files.append(f)
    alone = _scan(files)
    assert len({f for f, _, _ in alone}) == sum(1 for n in range(len(files)) if n % 9 == 4)
    assert scan(files) == alone


# Credentials that detect-secrets' own detectors miss (each value distinct: a value is reported once a file).
CREDENTIALS = [
    'curl -u admin:Wint3r-2026-Clin "$BASE_URL/api/metrics"',
    'curl -s --user ops:Sprin9-2026-Clin "$BASE_URL/api/metrics"',
    'curl -H "Authorization: Basic b3BzOkF1dHVtbi0yMDI2" "$BASE_URL/api/metrics"',
    "curl -s https://ops:Summ3r2026x@app.example.com/api/metrics",
    "DB_PASSWORD=hunter2 npx prisma studio",
    'export API_SECRET="s3cr3t-value"',
    # a password in a client's own format or flag
    'echo "db.dramal.internal:5432:clinical:clinical_rw:Pg-rw-2026a" >> ~/.pgpass',
    "10.0.4.12:*:*:replicator:Repl-2026-b",
    "mysql -u root -pMy-2026-c clinical",
    "mysqldump -h db -u backup -p'Dump-2026-d' clinical > dump.sql",
    "sshpass -p Ssh-2026-e ssh deploy@app",
    "redis-cli -h cache -a Redis-2026-f ping",
    "mongosh -u admin -p Mongo-2026-g clinical",
    "sqlcmd -S db -U sa -P Sql-2026-h",
    "ldapsearch -x -D cn=admin -w Ldap-2026-i -b dc=dramal",
    "docker login -u deploy -p Dock-2026-j registry.dramal.com",
    "smbclient //fs/share -U admin%Smb-2026-k",
    "openssl pkcs12 -in cert.p12 -passin pass:Ossl-2026-l",
    "htpasswd -b /etc/nginx/.htpasswd admin Htp-2026-m",
    "echo 'admin:Chp-2026-n' | chpasswd",
    "psql --password=Pg-26-o",
    "keytool -list -keystore ks.jks -storepass Ks-2026-p",
    "sqlplus system/Orcl-2026-q@PROD",
    "wget --http-password=Wg-2026-r https://files.dramal.com/export.csv",
    "MYSQL_PWD=My-2026-s mysql -u root clinical",
]
# What the same lines look like written with placeholders: never a finding.
WITH_PLACEHOLDERS = [
    'curl -u "$ADMIN_USER:$ADMIN_PASSWORD" "$BASE_URL/api/metrics"',
    'curl -u "admin:${ADMIN_PASSWORD}" "$BASE_URL/api/metrics"',
    'curl -u admin:<password> "$BASE_URL/api/metrics"',
    'curl -H "Authorization: Basic $BASIC_AUTH" "$BASE_URL/api/metrics"',
    'curl -s "https://ops:${OPS_PASSWORD}@app.example.com/api/metrics"',
    'DB_PASSWORD="$DB_PASSWORD" npx prisma studio',
    "DB_PASSWORD=<password> npx prisma studio",
    "date -u +%Y-%m-%dT%H:%M:%SZ",
    'echo "db.dramal.internal:5432:clinical:clinical_rw:$PGPASS" >> ~/.pgpass',
    "mysql -u root -p clinical",
    'mysql -u root -p"$MYSQL_PASSWORD" clinical',
    'sshpass -p "$SSH_PASSWORD" ssh deploy@app',
    'redis-cli -a "$REDIS_PASSWORD" ping',
    "docker login -u deploy --password-stdin registry.dramal.com",
    'smbclient //fs/share -U "admin%$SMB_PASSWORD"',
    "openssl pkcs12 -in cert.p12 -passin env:P12_PASSWORD",
    "echo at 10:20:30:40 on fe80:0:0:0:0:0:0:1 and aa:bb:cc:dd:ee:ff",
    'keytool -list -keystore ks.jks -storepass "$KS_PASS"',
    'cd "$OLDPWD" && npx vercel --bypass-cache true',
]


def test_credentials_beyond_the_defaults_are_errors_at_their_lines_and_placeholders_are_not(data_copy):
    sc = data_copy / "scenarios" / "database-down.yaml"
    body = "".join(f"          {line}\n" for line in CREDENTIALS + WITH_PLACEHOLDERS)
    edit(sc, STEP + "\n", f"        code: |-\n{body}")
    text = sc.read_text(encoding="utf-8").splitlines()
    want = [text.index(f"          {line}") + 1 for line in CREDENTIALS]
    found = check(load_catalog(data_copy), ["SEC001"])
    assert sorted(p.line for p in found) == want, [p.format() for p in found]
    assert {(p.file, p.level) for p in found} == {("data/scenarios/database-down.yaml", "error")}


def test_a_phone_number_is_allowed_in_a_contacts_phone_field_only(data_copy):
    """SEC002: a mobile number typed into an escalation trigger or a step's text is reported at its line; the
    same kind of number in a contact's `phone` field is where it belongs (fiction ranges: +44 7700 900xxx,
    +1 202 555 01xx)."""
    edit(
        data_copy / "oncall.yaml", "trigger: The incident persists", "trigger: The incident persists (+44 7700 900123)"
    )
    edit(data_copy / "scenarios" / "database-down.yaml", "Free up space.", "Free up space, or call (202) 555-0143.")
    # a national form of a country the data names nowhere (the holidays are US): a trunk 0 reads it as GB's
    edit(data_copy / "dashboard.yaml", "role: All-in-one monitoring}", 'role: "All-in-one (mobile 07700 900512)"}')
    edit(
        data_copy / "contacts.yaml",
        "email: cto@dramal.com, phone: TBD",
        'email: cto@dramal.com, phone: "+1 202 555 0142"',
    )
    found = check(load_catalog(data_copy), ["SEC002"])

    def at(file: str, needle: str) -> tuple[str, int, int]:
        lines = (data_copy / file).read_text(encoding="utf-8").splitlines()
        n = next(i for i, line in enumerate(lines, 1) if needle in line)
        return f"data/{file}", n, lines[n - 1].index(needle) + 1

    assert sorted((p.file, p.line, p.col) for p in found) == [
        at("dashboard.yaml", "07700 900512"),
        at("oncall.yaml", "+44 7700 900123"),
        at("scenarios/database-down.yaml", "(202) 555-0143"),
    ], [p.format() for p in found]
    assert all(p.rule == "SEC002" and "0142" not in p.message and "7700" not in p.message for p in found)


@pytest.mark.parametrize(
    ("file", "old", "new", "address"),
    [
        ("contacts.yaml", "email: cto@dramal.com", "email: y.haddad@outlook.com", "y.haddad@outlook.com"),
        ("severities.yaml", "wording: Partial outage,", "wording: Partial outage (ask jo.doe@gmail.com),", "jo.doe@"),
    ],
)
def test_an_address_off_the_mail_domain_is_an_error_at_it(data_copy, catalog, file, old, new, address):
    assert check(catalog, ["SEC003"]) == []  # the real data: role mailboxes, and test@example.com in an example
    edit(data_copy / file, old, new)
    lines = (data_copy / file).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if address in text)
    found = check(load_catalog(data_copy), ["SEC003"])
    assert [(p.file, p.line, p.col) for p in found] == [(f"data/{file}", line, lines[line - 1].index(address) + 1)]


@pytest.mark.parametrize("address", ["oncall@status.dramal.com", "nurse@clinic.test", "a@example.org", "b@x.example"])
def test_a_subdomain_or_a_reserved_example_domain_passes(data_copy, address):
    edit(data_copy / "severities.yaml", "wording: Partial outage,", f"wording: Partial outage (ask {address}),")
    assert check(load_catalog(data_copy), ["SEC003"]) == []


def test_a_mail_domain_no_role_mailbox_is_on_is_the_one_error(data_copy):
    """The organisation's domain retyped (dramal.com → dramal-clinic.org): the error is at mail_domain, once, not at
    every role mailbox, router sender and example that stays on the domain mail really goes to."""
    meta = data_copy / "meta.yaml"
    edit(meta, "mail_domain: dramal.com", "mail_domain: dramal-clinic.org")
    found = check(load_catalog(data_copy), ["SEC003"])
    assert [(p.file, p.line, p.rule) for p in found] == [("data/meta.yaml", line_of(meta, "mail_domain:"), "SEC003")]
    assert "dramal.com" in found[0].hint


def test_a_mail_domain_that_holds_the_mailboxes_as_subdomains_passes(data_copy):
    edit(data_copy / "contacts.yaml", "email: cto@dramal.com", "email: cto@staff.dramal.com")
    assert check(load_catalog(data_copy), ["SEC003"]) == []
