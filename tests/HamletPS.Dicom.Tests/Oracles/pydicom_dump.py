"""Dumps DICOM files with pydicom as JSON for HamletPS's round-trip tests.

Usage: pydicom_dump.py <list-file> <out.json>
<list-file> holds one path per line. For each path the output maps path -> {"error": "..."} or
{"ts": transfer syntax UID, "meta": [...], "elements": [...]} where an element is
[tag "GGGGEEEE", VR, value] and value is a string (repr of pydicom's value), "bytes:<len>:<sha1>" for binary data,
or a list of items (each a list of elements) for sequences. Every text value is decoded by pydicom with the
dataset's Specific Character Set.
"""
import hashlib
import json
import sys
import warnings

import pydicom
from pydicom.sequence import Sequence


def value_of(elem):
    v = elem.value
    if elem.VR == "SQ" or isinstance(v, Sequence):
        return [dump(item) for item in v]
    if isinstance(v, (bytes, bytearray)):
        v = bytes(v)
        if len(v) % 2 == 1:  # DICOM values have even length: writers pad odd ones
            v += b"\0"
        return "bytes:%d:%s" % (len(v), hashlib.sha1(bytes(v)).hexdigest())
    if isinstance(v, (list, tuple)) or type(v).__name__ == "MultiValue":
        return "[" + ", ".join(repr(str(x)) for x in v) + "]"
    return repr(str(v))


def dump(ds):
    out = []
    for elem in ds:
        try:
            out.append(["%08X" % int(elem.tag), elem.VR, value_of(elem)])
        except Exception as ex:  # a value pydicom itself cannot convert
            out.append(["%08X" % int(elem.tag), elem.VR, "error:" + type(ex).__name__])
    return out


def main():
    paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
    result = {}
    for path in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(path, force=True)
                meta = getattr(ds, "file_meta", None)
                ts = str(meta.get("TransferSyntaxUID", "")) if meta is not None and "TransferSyntaxUID" in meta else ""
                result[path] = {"ts": ts, "meta": dump(meta) if meta is not None else [], "elements": dump(ds)}
        except Exception as ex:
            result[path] = {"error": type(ex).__name__ + ": " + str(ex)[:200]}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(result, f, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
