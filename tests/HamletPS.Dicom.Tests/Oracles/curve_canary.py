#!/usr/bin/python3
"""Curve data (retired repeating groups 50xx) carrying a canary, made and checked with pydicom.

usage: curve_canary.py make OUT.dcm      writes a small CT image with two curves (groups 5000 and 5002) whose labels,
                                         descriptions, axis labels and point data carry the canary text
       curve_canary.py check FILE.dcm    prints JSON: the 50xx elements left (at any nesting level) and which canary
                                         strings occur anywhere in the file's bytes
"""
import json
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CANARIES = ["CANARYFAMILY", "CANARY-MRN-77", "CURVECANARY"]


def make(path):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid(prefix="2.25.", entropy_srcs=["curve-canary-instance"])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.PatientName = "CANARYFAMILY^CANARYGIVEN"
    ds.PatientID = "CANARY-MRN-77"
    ds.PatientBirthDate = "19230417"
    ds.PatientSex = "O"
    ds.StudyInstanceUID = generate_uid(prefix="2.25.", entropy_srcs=["curve-canary-study"])
    ds.SeriesInstanceUID = generate_uid(prefix="2.25.", entropy_srcs=["curve-canary-series"])
    ds.StudyDate = "20240105"
    ds.StudyTime = "101500"
    ds.StudyID = "1"
    ds.AccessionNumber = ""
    ds.ReferringPhysicianName = ""
    ds.Modality = "CT"
    ds.SeriesNumber = "3"
    ds.InstanceNumber = "1"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.BurnedInAnnotation = "NO"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = 8
    ds.Columns = 8
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = "-1024"
    ds.RescaleSlope = "1"
    for group in (0x5000, 0x5002):
        ds.add_new((group, 0x0005), "US", 2)                       # Curve Dimensions
        ds.add_new((group, 0x0010), "US", 4)                       # Number of Points
        ds.add_new((group, 0x0020), "CS", "POLY")                  # Type of Data
        ds.add_new((group, 0x0022), "LO", "CURVECANARY trace of CANARYFAMILY")  # Curve Description
        ds.add_new((group, 0x0030), "SH", ["DPPS", "NONE"])        # Axis Units
        ds.add_new((group, 0x0040), "SH", ["CANARY-MRN-77", "Y"])  # Axis Labels
        ds.add_new((group, 0x0103), "US", 0)                       # Data Value Representation
        ds.add_new((group, 0x2500), "LO", "CANARYFAMILY CURVECANARY")  # Curve Label
        ds.add_new((group, 0x3000), "OB", b"CURVECANARY CANARY-MRN-77 ")  # Curve Data: text where points should be
    ds.PixelData = bytes(range(128))
    ds.is_little_endian, ds.is_implicit_VR = True, False  # pydicom 2.x writes what these say
    ds.save_as(path, write_like_original=False)


def curve_elements(ds, path=""):
    found = []
    for elem in ds:
        if 0x5000 <= elem.tag.group <= 0x501E and elem.tag.group % 2 == 0:
            found.append(path + str(elem.tag))
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                found.extend(curve_elements(item, path + str(elem.tag) + "[" + str(i) + "]/"))
    return found


def check(path):
    ds = pydicom.dcmread(path)
    raw = open(path, "rb").read()
    print(json.dumps({
        "curveElements": curve_elements(ds),
        "canaries": [c for c in CANARIES if c.encode("ascii") in raw],
        "sopClass": str(ds.SOPClassUID),
    }))


if __name__ == "__main__":
    {"make": make, "check": check}[sys.argv[1]](sys.argv[2])
