"""mkdocs-macros entry point: registers the playbook's render functions as macros, nothing more."""

from mkdocs.exceptions import PluginError

from playbook import render as r
from playbook import render_alerts as ra
from playbook import render_drill as rd
from playbook import render_lifecycle as rl
from playbook import render_runbook as rr
from playbook.drill_results import load_results
from playbook.errors import DataError
from playbook.load import load_catalog
from playbook.pages import add_scenarios_to_nav, page_meta, with_search_terms
from playbook.render_binder import render_binder
from playbook.rendered import save_rendered
from playbook.version import playbook_version


def define_env(env):
    try:
        cat = load_catalog()
    except DataError as e:
        raise PluginError(f"the playbook data is invalid, nothing was built:\n{e}") from None
    env.variables["pb"] = cat
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
    env.macro(lambda: rr.render_declaration_summary(cat), "declaration_summary")
    env.macro(lambda: rr.render_log_format(cat), "log_format")
    env.macro(lambda: rr.render_dashboard(cat), "dashboard")
    env.macro(lambda: rr.render_reference(cat), "reference")
    env.macro(lambda: rr.render_scenario_index(cat), "scenario_index")
    env.macro(lambda pid: rr.render_procedure(cat, pid), "procedure")
    env.macro(lambda sid: rr.render_scenario(cat, sid), "scenario")
    env.macro(lambda: rd.render_drill_target(cat), "drill_target")
    env.macro(lambda: rd.render_drill_results(cat, load_results()), "drill_results")
    env.macro(lambda: ra.render_alerting(cat), "alerting")
    env.macro(lambda: ra.render_metric_names(cat), "metric_names")
    env.macro(lambda: ra.render_grafana(cat), "grafana_dashboard")
    env.macro(lambda: render_binder(cat), "binder")
    env.macro(lambda: rl.render_classify_example(cat), "lifecycle_classify_example")
    env.macro(lambda: rl.render_incident_example(cat), "lifecycle_incident_example")
    env.macro(lambda: rl.render_check_example(cat), "lifecycle_check_example")
    env.macro(lambda: rl.render_check_rules(), "lifecycle_check_rules")
    env.macro(lambda: rl.render_cli_reference(cat), "lifecycle_cli_reference")


def on_pre_page_macros(env):
    env.page.meta.update(page_meta(env.variables["pb"], env.page.file.src_uri, env.page.meta))
    if env.page.meta.get("keywords"):
        env.markdown = with_search_terms(env.markdown, env.page.meta["keywords"])


def on_post_page_macros(env):
    save_rendered(env.page.file.src_uri, env.markdown)
