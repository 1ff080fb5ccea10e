"""Alerts layer: Prometheus rules, the Grafana dashboard and metric names, generated from the data.

May import: incident, data and the top modules.
"""
