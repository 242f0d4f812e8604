#!/usr/bin/python3
"""Independent check that Unprotect restored the pixels, with pydicom (and numpy when it is installed).

usage: pixel_restore_check.py ORIGINAL.dcm RESTORED.dcm
Prints JSON: SHA-256 of both Pixel Data values and of both overlay planes (60xx,3000), whether numpy's decoded arrays are
equal (null when numpy or a pixel handler is missing), and the restored Burned In Annotation.
"""
import hashlib
import json
import sys

import pydicom


def digest(ds, tag):
    return hashlib.sha256(bytes(ds[tag].value)).hexdigest() if tag in ds else None


def main():
    a = pydicom.dcmread(sys.argv[1])
    b = pydicom.dcmread(sys.argv[2])
    arrays_equal = None
    try:
        import numpy
        arrays_equal = bool(numpy.array_equal(a.pixel_array, b.pixel_array))
    except Exception:  # numpy or a pixel handler missing: the byte digests decide
        arrays_equal = None
    print(json.dumps({
        "pixelsOriginal": digest(a, (0x7FE0, 0x0010)),
        "pixelsRestored": digest(b, (0x7FE0, 0x0010)),
        "overlayOriginal": digest(a, (0x6000, 0x3000)),
        "overlayRestored": digest(b, (0x6000, 0x3000)),
        "arraysEqual": arrays_equal,
        "burnedIn": str(getattr(b, "BurnedInAnnotation", "")),
    }))


if __name__ == "__main__":
    main()
