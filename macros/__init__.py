"""mkdocs-macros entry point: registers the playbook's render functions as macros, nothing more."""

import gc

from mkdocs.exceptions import PluginError

from playbook import render as r
from playbook import render_bench as rb
from playbook import render_runbook as rr
from playbook.errors import DataError
from playbook.load import load_catalog
from playbook.pages import add_scenarios_to_nav, page_meta
from playbook.version import playbook_version


def define_env(env):
    try:
        cat = load_catalog()
    except DataError as e:
        raise PluginError(f"the playbook data is invalid, nothing was built:\n{e}") from None
    env.variables["pb"] = cat
    gc.freeze()  # the catalog lives as long as the build: keep the collector from rescanning it on every full pass
    env.conf["extra"]["pb_catalog"] = cat
    env.conf["extra"]["pb_version"] = env.variables["pb_version"] = playbook_version()
    env.conf["nav"] = add_scenarios_to_nav(cat, env.conf["nav"])

    env.macro(lambda: r.render_severity_ladder(cat), "severity_ladder")
    env.macro(lambda: r.render_severities(cat), "severities")
    env.macro(lambda: r.render_oncall(cat), "oncall")
    env.macro(lambda: r.render_escalation(cat), "escalation")
    env.macro(lambda: r.render_contacts(cat), "contacts")
    env.macro(lambda: r.render_matrix(cat), "matrix")
    env.macro(lambda: r.render_decisions(cat), "decisions")
    env.macro(lambda: r.render_placeholders(cat), "placeholders")
    env.macro(lambda: r.render_postmortem_policy(cat), "postmortem_policy")
    env.macro(lambda: rr.render_postmortem_template(cat), "postmortem_template")
    env.macro(lambda: rr.render_declaration(cat), "declaration")
    env.macro(lambda: rr.render_log_format(cat), "log_format")
    env.macro(lambda: rr.render_dashboard(cat), "dashboard")
    env.macro(lambda: rr.render_reference(cat), "reference")
    env.macro(lambda: rr.render_scenario_index(cat), "scenario_index")
    env.macro(lambda pid: rr.render_procedure(cat, pid), "procedure")
    env.macro(lambda sid: rr.render_scenario(cat, sid), "scenario")
    env.macro(lambda: rb.render_benchmarks(), "benchmarks")


def on_pre_page_macros(env):
    env.page.meta.update(page_meta(env.variables["pb"], env.page.file.src_uri, env.page.meta))
