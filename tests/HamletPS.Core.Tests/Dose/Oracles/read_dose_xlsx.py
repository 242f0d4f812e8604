#!/usr/bin/python3
"""Reads a dose history workbook with openpyxl (an independent XLSX reader) and prints JSON: the sheet names in workbook
order, every sheet's rows, and the per-station and per-protocol medians and quartiles recomputed here from the detail
sheets with Python's statistics.quantiles (method="inclusive"), for the test to hold against the Summary sheet.

    read_dose_xlsx.py WORKBOOK.xlsx
"""
import json
import statistics
import sys

import openpyxl


def quartiles(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    if len(values) == 1:
        return [values[0]] * 3
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return [median, q1, q3]


def main():
    wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
    out = {"sheets": wb.sheetnames, "rows": {}}
    for ws in wb.worksheets:
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        width = max((len(r) for r in rows), default=0)
        out["rows"][ws.title] = [r + [None] * (width - len(r)) for r in rows]

    rows = out["rows"]["All studies"]
    header = rows[0]
    col = header.index
    ctdi_columns = [i for i, name in enumerate(header) if name.endswith(" CtdiVol")]
    stations = {}
    for r in rows[1:]:
        key = "%s|%s" % (r[col("StationName")] or "(no station)", r[col("Kind")])
        s = stations.setdefault(key, {"studies": 0, "dlp": [], "ctdi": [], "dap": [], "agd": []})
        s["studies"] += 1
        s["dlp"].append(r[col("TotalDlp")])
        s["dap"].append(r[col("TotalDap")])
        s["agd"].append(r[col("AccumulatedAverageGlandularDose")])
        s["ctdi"] += [r[i] for i in ctdi_columns]
    out["stations"] = {k: {"studies": v["studies"], "dlp": quartiles(v["dlp"]), "ctdi": quartiles(v["ctdi"]),
                           "dap": quartiles(v["dap"]), "agd": quartiles(v["agd"])} for k, v in stations.items()}

    protocols = {}
    for name in wb.sheetnames:
        if name in ("Summary", "All studies"):
            continue
        sheet = out["rows"][name]
        h = sheet[0]
        protocols[name] = {"events": len(sheet) - 1,
                           "ctdi": quartiles([r[h.index("CtdiVol")] for r in sheet[1:]]),
                           "dlp": quartiles([r[h.index("Dlp")] for r in sheet[1:]]),
                           "dap": quartiles([r[h.index("Dap")] for r in sheet[1:]]),
                           "agd": quartiles([r[h.index("AverageGlandularDose")] for r in sheet[1:]])}
    out["protocols"] = protocols
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
