#!/usr/bin/python3
"""Reads the dose history charts (Export-DoseHistory -ChartPath) with Python's XML parser and the dose history database
with Python's sqlite3, and prints JSON: per chart file the boxes or series the SVG declares (and whether each box is drawn
where its values say), and the statistics Python computes from the database itself (statistics.quantiles, inclusive).

    read_dose_charts.py CHART_FOLDER DATABASE

A chart that is not well-formed XML makes the parser raise: exit 1 with the parser's message.
"""
import json
import os
import sqlite3
import statistics
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = {
    "ct-dlp-per-protocol.svg": ("CT", "dlp", 1.0),
    "projection-dap-per-protocol.svg": ("ProjectionXRay", "dap", 1e4),
    "mammography-agd-per-protocol.svg": ("Mammography", "agd", 1.0),
}


def quartiles(values):
    values = sorted(values)
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def boxes(root):
    axis_max = float(root.get("data-axis-max"))
    left, right = float(root.get("data-plot-left")), float(root.get("data-plot-right"))
    x = lambda v: left + (right - left) * v / axis_max
    out = []
    for g in root.iter(SVG + "g"):
        if g.get("class") != "box":
            continue
        rect = [r for r in g.iter(SVG + "rect") if r.get("class") == "quartiles"][0]
        median = [l for l in g.iter(SVG + "line") if l.get("class") == "median"][0]
        q1, q3, med = float(g.get("data-q1")), float(g.get("data-q3")), float(g.get("data-median"))
        drawn = (abs(float(rect.get("x")) - x(q1)) < 0.01
                 and abs(float(rect.get("x")) + max(1.0, float(rect.get("width"))) - max(x(q3), x(q1) + 1)) < 0.02
                 and abs(float(median.get("x1")) - x(med)) < 0.01)
        out.append({"label": g.get("data-label"), "n": int(g.get("data-n")), "q1": q1, "median": med, "q3": q3,
                    "low": float(g.get("data-whisker-low")), "high": float(g.get("data-whisker-high")), "drawn": drawn})
    return out


def series(root):
    out = {}
    for g in root.iter(SVG + "g"):
        if g.get("class") != "series":
            continue
        out[g.get("data-label")] = {c.get("data-month"): int(c.get("data-count")) for c in g.iter(SVG + "circle")}
    return out


def main():
    folder, database = sys.argv[1], sys.argv[2]
    result = {"files": sorted(os.listdir(folder)), "charts": {}, "expected": {}, "stations": {}}
    for name in result["files"]:
        if name.endswith(".svg"):
            root = ET.parse(os.path.join(folder, name)).getroot()
            if root.tag != SVG + "svg":
                raise SystemExit(name + ": root element is " + root.tag)
            result["charts"][name] = series(root) if name == "studies-per-station.svg" else boxes(root)
    ET.parse(os.path.join(folder, "index.html"))  # the page is well-formed too (XHTML-compatible markup)

    db = sqlite3.connect(database)
    for name, (kind, column, factor) in CHARTS.items():
        groups = {}
        for protocol, value in db.execute(
                "SELECT e.protocol, e." + column + " FROM irradiation_event e JOIN report r ON r.sop_instance_uid = e.sop_instance_uid"
                " WHERE r.kind = ? AND r.test_patient = 0 AND e." + column + " IS NOT NULL", (kind,)):
            key = (protocol or "(no protocol)").lower()
            groups.setdefault(key, []).append(value * factor)
        result["expected"][name] = {k: dict(zip(("q1", "median", "q3"), quartiles(v)), n=len(v)) for k, v in groups.items()}
    for station, date in db.execute("SELECT r.station_name, r.study_date FROM report r WHERE r.test_patient = 0 AND r.study_date IS NOT NULL"):
        month = str(date)[:7]
        per = result["stations"].setdefault(station or "(no station)", {})
        per[month] = per.get(month, 0) + 1
    print(json.dumps(result))


main()
