"""SEC013: a runnable block that prints a secret at run time (xtrace, an environment dump, a verbose request, a secret
handed to a command that shows it) is an error at that command's line; a quiet request, a length, a set test pass."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.disclosed import disclosures
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
LOGS = "procedures/log-access.yaml"
CALL = '# Call the AI endpoint and print "refused" (true when AI is down or disabled)'
PROVIDER = 'curl -s -o /dev/null -w "%{http_code}\\n"'
QUERY = "# Query logs by requestId"
FAULTS = [
    # set -x before the request that sends $TOKEN: the Authorization header is echoed, expanded
    ("SEC013", AI, CALL, "set -x  # show each command as it runs\n          " + CALL, "set -x  # show each"),
    ("SEC013", AI, CALL, "set -euxo pipefail\n          " + CALL, "set -euxo pipefail"),
    ("SEC013", AI, CALL, "set -o xtrace\n          " + CALL, "set -o xtrace"),
    # an environment dump, in a block that sends no secret itself: the responder's shell holds them
    ("SEC013", LOGS, QUERY, "env | sort\n\n          " + QUERY, "env | sort"),
    ("SEC013", LOGS, QUERY, "printenv\n          " + QUERY, "printenv"),
    ("SEC013", LOGS, QUERY, "declare -p | grep -v BASH\n          " + QUERY, "declare -p"),
    ("SEC013", LOGS, QUERY, "cat /proc/self/environ | tr '\\0' '\\n'\n          " + QUERY, "/proc/self/environ"),
    # a file that holds credentials printed, a Kubernetes secret's values printed
    ("SEC013", LOGS, QUERY, "cat ../.env | grep -c DATABASE_URL\n          " + QUERY, "cat ../.env"),
    ("SEC013", LOGS, QUERY, "kubectl get secret clinical-os -o yaml\n          " + QUERY, "kubectl get secret"),
    # a verbose request: curl -v and --trace print the request headers
    ("SEC013", AI, PROVIDER, PROVIDER.replace("-s ", "-sv "), "curl -sv -o"),
    ("SEC013", AI, PROVIDER, PROVIDER.replace("-s ", "-s --trace-ascii - "), "--trace-ascii"),
    # the secret handed to a command that shows it, directly or through a variable assigned from it
    ("SEC013", AI, CALL, 'echo "using token $TOKEN"\n          ' + CALL, "using token"),
    (
        "SEC013",
        AI,
        CALL,
        'AUTH="Authorization: Bearer $TOKEN"\n          printf \'%s\\n\' "$AUTH"\n          ' + CALL,
        "printf '%s",
    ),
    # watch's title shows the command it runs, with the token expanded
    (
        "SEC013",
        AI,
        CALL,
        "watch -n 5 \"curl -s -H 'Authorization: Bearer $TOKEN' $BASE_URL/api/health\"\n          " + CALL,
        "watch -n 5",
    ),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4][:20] for f in FAULTS])
def test_a_printed_secret_is_found_at_its_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = {n for n, line in enumerate(text, 1) if marker in line}
    assert lines and {p.file for p in found} == {f"data/{file}"}, [p.format() for p in found]
    assert lines & {p.line for p in found}, ([p.format() for p in found], sorted(lines))


SECRETS = {"TOKEN", "OPENAI_API_KEY"}
NEAR_MISSES = [
    'set -euo pipefail\ncurl -s -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/x"',  # no x, no v
    'set -x\ncurl -s "$BASE_URL/api/health"',  # tracing a block that sends no secret
    'curl -v "$BASE_URL/api/health"',  # a verbose request without a secret
    'curl -sfo out.json -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/x"',  # -o takes "out.json", no v
    "env TZ=UTC date",  # env running a command
    "printenv HOME",
    "export PAGER=cat",
    'echo "token length: ${#TOKEN}"',  # its length, not its value
    'echo "${TOKEN:+set}"',
    '[ -n "$TOKEN" ] || echo "set TOKEN first"',
    "watch -t -n 5 \"curl -s -H 'Authorization: Bearer $TOKEN' $BASE_URL/api/x\"",  # no title
    "bash -c \"curl -s -H 'Authorization: Bearer $TOKEN' $BASE_URL/api/x\"",
    'wget -q --header "Authorization: Bearer $TOKEN" "$BASE_URL/api/x"',
    'AUTH=$(printf "Bearer %s" "$TOKEN")\ncurl -s -H "Authorization: $AUTH" "$BASE_URL/api/x"',  # captured
    'printf "Authorization: Bearer %s" "$TOKEN" | curl -s -H @- "$BASE_URL/api/x"',  # piped into the request
    "cat .env.example",  # a template of the file, no value in it
    "kubectl get secrets",  # their names only
    'head -5 "$LOG_FILE"',
    "ps -ef",  # every process, no environment
    "docker exec clinical-os ls",
    "node -e 'console.log(process.env.NODE_ENV)'",
]


@pytest.mark.parametrize("code", NEAR_MISSES)
def test_a_quiet_block_passes(code):
    assert disclosures(code, SECRETS) == []


@pytest.mark.parametrize(
    "code",
    [
        "sudo sh -x -c 'curl -s -H \"Authorization: Bearer $TOKEN\" x'",
        'wget -d --header "Authorization: Bearer $TOKEN" x',
        'http -v GET x "Authorization: Bearer $TOKEN"',
        'cat <<< "$OPENAI_API_KEY"',
        'bash -c "echo $TOKEN"',
        "set",
        'echo "$TOKEN" | cat',  # piped into a command that shows it
        'echo "$TOKEN" | curl -v -H @- x',  # into a verbose request
        "ps eww",  # BSD ps with e shows each process's environment
        "docker exec clinical-os env",
        "kubectl exec deploy/clinical-os -- printenv",
        "python3 -c 'import os; print(os.environ)'",
        "node -e 'console.log(process.env)'",
        "heroku config",
        "jq -n --arg t \"$TOKEN\" '$t'",
    ],
)
def test_other_ways_of_printing_a_secret_are_found(code):
    assert disclosures(code, SECRETS)
