"""A detect-secrets plugin for what its own detectors miss in runbook commands: tokens typed on a command line.

detect-secrets loads this file by path (its way of adding a detector); it imports nothing of the playbook.
A value written as a placeholder (`$TOKEN`, `${TOKEN}`, `<password>`) is never a finding.
"""

import re

from detect_secrets.plugins.base import RegexBasedDetector

_VALUE = r"""["']?(?!\$)([A-Za-z0-9._~+/=-]{12,})"""
# A literal value: not an expansion ($X, ${X}, $(…)), not a <placeholder>, not masked (***, xxx, …).
_LITERAL = r"""(?![$<{%*…]|\.\.\.|x{3,}\b|X{3,}\b|TBD\b|REDACTED\b)"""


# A header's credential: six characters or more, a digit among them (a word, "header", is prose, not a key)
_TOKEN = r"""(?=[^\s"'`\\,;]*\d)([^\s"'`\\,;]{6,})"""


class CommandLineSecretDetector(RegexBasedDetector):
    """A token, password or API key typed as the value of a flag, an Authorization header or an assignment."""

    secret_type = "Secret typed on a command line"
    denylist = (
        re.compile(r"--(?:token|password|passwd|secret|api[-_]?key|auth)[= ]+" + _VALUE, re.I),
        re.compile(r"\b[Bb]earer\s+(?!\$)([A-Za-z0-9._~+/=-]{12,})"),
        re.compile(r"\b(?:token|password|passwd|secret|api[-_]?key)\s*[:=]\s*" + _VALUE, re.I),
    )


class CredentialDetector(RegexBasedDetector):
    """A password written beside its user or its name: basic auth on a command line (`curl -u user:pass`,
    `--user`, `Authorization: Basic …`), a URL with a user and password, a `*PASSWORD=`/`*_SECRET=` assignment."""

    secret_type = "Credentials typed in the data"
    denylist = (
        # curl -u user:pass, -uuser:pass, --user user:pass (the user a plain name, so `date -u +%H:%M` is not one)
        re.compile(r"""(?:^|\s)(?:-u\s*|--user[= ]+)\\?["']?[A-Za-z0-9._@-]+:""" + _LITERAL + r"""([^\s"'\\]+)"""),
        re.compile(r"\bAuthorization:\s*Basic\s+" + _LITERAL + r"([A-Za-z0-9+/=]{4,})", re.I),
        # any other Authorization scheme (OAuth, Token, Digest, ApiKey, SSWS …) or none: the header's value is the key
        re.compile(
            r"""\b(?:Proxy-)?Authorization:\s*(?>(?:(?!Basic\b)[A-Za-z][\w-]*\s+)?)(?>(?:[\w-]+=\s*["']?)?)"""
            + _LITERAL
            + _TOKEN,
            re.I,
        ),
        # a header whose name says it carries a credential (X-Api-Key, X-Auth-Token, Client-Secret, Cookie …)
        re.compile(
            r"""(?<![\w-])(?:(?:X-)?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*-(?:Secret|Token|Key|Auth|Password|Passwd|"""
            r"""Session|Signature|Credentials?)|X-Api-?Key|Api-?Key|Cookie|Set-Cookie):\s*["']?(?>(?:[\w.-]+=)?)"""
            + _LITERAL
            + _TOKEN,
            re.I,
        ),
        # scheme://user:password@host
        re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@$<{]+:" + _LITERAL + r"([^\s/@]+)@", re.I),
        # DB_PASSWORD=…, export API_SECRET="…", ADMIN_TOKEN=… (a shell assignment: no space around =)
        re.compile(
            r"\b\w*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)\w*=\\?[\"']?" + _LITERAL + r"""([^\s"'\\]+)""", re.I
        ),
    )


# A password written where a client's own format or flag puts it, not after a word detect-secrets' keyword detector
# knows (password=, secret:): kept by hand, since each is a tool's own convention that no detector lists. Each regex
# has one group, the password; a value written as a placeholder ($PW, <password>, ***) is none.
_HOST = r"(?:[A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*|\d{1,3}(?:\.\d{1,3}){3}|\*)"
_UNTIL = r"[^|;&\n]*?"  # the rest of the same command: up to a pipe, a separator or the line's end


class ClientCredentialDetector(RegexBasedDetector):
    """A password in a client's own format: a ~/.pgpass line (host:port:database:user:password), a client's password
    flag (mysql -pSECRET, sshpass -p, redis-cli -a, mongosh -p, sqlcmd -P, ldapsearch -w, docker login -p, smbclient
    -U user%SECRET, openssl -passin pass:SECRET, htpasswd -b, keytool -storepass, sqlplus user/SECRET@db, any
    --…-password=), `echo user:SECRET | chpasswd`, or a MYSQL_PWD=/…_PASS= assignment."""

    secret_type = "Password in a client's own format"
    denylist = (
        # ~/.pgpass: five fields, the host a name or an address, the port digits (or *), no colon before or after
        re.compile(
            rf"(?<![\w.:/@-]){_HOST}:(?:\d{{1,5}}|\*):(?:[\w.-]+|\*):(?:[\w.@-]+|\*):"
            + _LITERAL
            + r"""([^\s:"'`\\]+)(?![\w:])"""
        ),
        # mysql, mysqldump, mariadb …: -p with the password attached (a space after -p makes the client prompt)
        re.compile(r"\b(?:mysql\w*|mariadb[\w-]*)\b" + _UNTIL + r"""\s-p["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\bsshpass\b" + _UNTIL + r"""\s-p\s*["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\bredis-cli\b" + _UNTIL + r"""\s(?:-a|--pass)\s+["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\bmongo\w*\b" + _UNTIL + r"""\s-p\s+["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\b(?:sqlcmd|bcp|osql)\b" + _UNTIL + r"""\s-P\s*["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\bldap\w+\b" + _UNTIL + r"""\s-w\s+["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\blogin\b" + _UNTIL + r"""\s(?:-p|--password[= ])\s*["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"""\s-U\s*["']?[\w.\\@-]+%""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"-pass(?:in|out)?\s+pass:" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"\bhtpasswd\s+(?:-\w+\s+)*-\w*b\w*\s+(?:-\w+\s+)*\S+\s+\S+\s+" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"""\becho\s+["']?[\w.-]+:""" + _LITERAL + r"""([^\s"'`\\]+)["']?\s*\|\s*(?:sudo\s+)?chpasswd"""),
        # keytool's -storepass/-keypass (and -srcstorepass, -deststorepass), sqlplus user/password@service
        re.compile(r"""\s-(?:src|dest)?(?:store|key)pass\s+["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        re.compile(r"""\bsqlplus\s+(?:-\w+\s+)*["']?[\w$#]+/""" + _LITERAL + r"""([^\s"'`@/\\]+)@"""),
        # MYSQL_PWD=…, SMTP_PASS=…: the short spellings the keyword detector does not read as a password's name
        re.compile(r"""\b(?:\w+_PWD|\w+_PASS)=\\?["']?""" + _LITERAL + r"""([^\s"'`\\]+)"""),
        # any client's --password flag with a literal value, however short (a 12-character value is found above)
        re.compile(r"""--(?:[\w]+-)?pass(?:word|wd|phrase)?[= ]\s*["']?""" + _LITERAL + r"""([^\s"'`\\]{4,})"""),
    )


class GroupedKeyDetector(RegexBasedDetector):
    """A key written in dash-separated groups of capitals and digits, as license, recovery and account keys are
    (a 1Password Secret Key `A3-Q7LM2X-…`, a product or recovery key): five groups or more, digits and a letter no
    hex digit is among them (an upper-case UUID, all hex, is an id, not a key)."""

    secret_type = "Key written in groups"
    denylist = (
        re.compile(r"(?<![\w-])((?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[G-Z])[A-Z0-9]{2,8}(?:-[A-Z0-9]{4,8}){4,})(?![\w-])"),
    )
