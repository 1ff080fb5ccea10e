"""Checker rule on role mailboxes: two roles share one address only when the mailbox is named for both (SEC023)."""

from __future__ import annotations

from collections import defaultdict

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.identities import _words
from playbook.data import files as F
from playbook.data.model import TBD


@rule(
    "SEC023",
    "error",
    "a role's e-mail address is its own mailbox: two roles share one only when its name is both roles' (oncall@ for "
    "the primary and the secondary on call)",
    "Each role has its own mailbox: the Contacts page, `playbook who` and the router's receivers mail a role's "
    "matters there. A row copied from another role (the compliance lead given security@) sends one role's matters "
    "(an audit-log outage, a compliance violation) to the other's team, and the role itself never hears of them. A "
    "mailbox the rotation shares (oncall@ for On-Call Primary and Secondary) is named for both.",
    "write the role's own mailbox (compliance@ for the compliance lead), or TBD while it is not known",
)
def own_mailboxes(ctx: CheckContext, report: Reporter):
    roles = ctx.catalog.contacts.roles
    holders: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(roles):
        if r.email != TBD and "@" in r.email:
            holders[r.email.lower()].append(i)
    for address, idx in holders.items():
        if len(idx) < 2:
            continue
        box = _words(address.split("@", 1)[0])
        owners = [i for i in idx if box <= _words(roles[i].id, roles[i].name)]
        for i in idx:
            if i in owners or (not owners and i == idx[0]):
                continue  # the mailbox is named for this role (or, named for none, the first row has it)
            others = ", ".join(roles[j].id for j in idx if j != i)
            message = f"{roles[i].id}'s e-mail {roles[i].email} is also {others}'s, and is not named for {roles[i].id}"
            yield report(F.CONTACTS, ("roles", i, "email"), message)
