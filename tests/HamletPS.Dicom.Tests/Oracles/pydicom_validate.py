#!/usr/bin/python3
"""Independent validation of generated objects with pydicom: usage pydicom_validate.py LISTFILE OUT.json

For each path listed (one a line) reads the file with pydicom in strict mode (value validation raises, every warning is
recorded), decodes every value at every depth and the pixel data, and checks the attributes the IOD makes Type 1
(present, non-empty) and Type 2 (present) for CT, RTSTRUCT, RTPLAN, RTDOSE and REG, plus count consistency
(NumberOfContourPoints, NumberOfControlPoints, NumberOfFrames vs GridFrameOffsetVector, pixel array shape).
Writes {path: {"problems": [...], "warnings": [...], "sop_class": ..., "modality": ...}}.
"""
import json
import sys
import warnings

import pydicom
from pydicom import config

try:
    config.settings.reading_validation_mode = config.RAISE
except AttributeError:  # older pydicom
    config.enforce_valid_values = True

COMMON1 = ["SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "Modality"]
COMMON2 = ["PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
           "ReferringPhysicianName", "StudyID", "AccessionNumber", "SeriesNumber", "Manufacturer"]
IMAGE1 = ["SamplesPerPixel", "PhotometricInterpretation", "Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit",
          "PixelRepresentation", "PixelData", "FrameOfReferenceUID", "PixelSpacing", "ImageOrientationPatient",
          "ImagePositionPatient"]
BY_MODALITY = {
    "CT": (IMAGE1 + ["ImageType", "RescaleIntercept", "RescaleSlope"],
           ["KVP", "AcquisitionNumber", "SliceThickness", "PositionReferenceIndicator", "InstanceNumber", "PatientPosition"]),
    "RTSTRUCT": (["StructureSetLabel", "StructureSetROISequence", "ROIContourSequence", "RTROIObservationsSequence"],
                 ["StructureSetDate", "StructureSetTime", "OperatorsName", "InstanceNumber"]),
    "RTPLAN": (["RTPlanLabel", "RTPlanGeometry", "ReferencedStructureSetSequence"],
               ["RTPlanDate", "RTPlanTime", "OperatorsName"]),
    "RTDOSE": (IMAGE1 + ["DoseUnits", "DoseType", "DoseSummationType", "ReferencedRTPlanSequence", "GridFrameOffsetVector",
                         "DoseGridScaling", "NumberOfFrames", "FrameIncrementPointer"],
               ["SliceThickness", "InstanceNumber", "PositionReferenceIndicator"]),
    "REG": (["FrameOfReferenceUID", "RegistrationSequence", "ContentLabel", "InstanceNumber", "ContentDate", "ContentTime"],
            ["ContentDescription", "ContentCreatorName", "PositionReferenceIndicator"]),
}
ITEMS1 = {
    "StructureSetROISequence": ["ROINumber", "ReferencedFrameOfReferenceUID"],
    "ROIContourSequence": ["ReferencedROINumber"],
    "ContourSequence": ["ContourGeometricType", "NumberOfContourPoints", "ContourData"],
    "RTROIObservationsSequence": ["ObservationNumber", "ReferencedROINumber"],
    "FractionGroupSequence": ["FractionGroupNumber", "NumberOfBeams", "NumberOfBrachyApplicationSetups"],
    "BeamSequence": ["BeamNumber", "BeamType", "NumberOfControlPoints", "ControlPointSequence", "BeamLimitingDeviceSequence",
                     "NumberOfWedges", "NumberOfCompensators", "NumberOfBoli", "NumberOfBlocks"],
    "ControlPointSequence": ["ControlPointIndex", "CumulativeMetersetWeight"],
    "ReferencedFrameOfReferenceSequence": ["FrameOfReferenceUID"],
    "RTReferencedStudySequence": ["ReferencedSOPClassUID", "ReferencedSOPInstanceUID", "RTReferencedSeriesSequence"],
    "RTReferencedSeriesSequence": ["SeriesInstanceUID", "ContourImageSequence"],
    "ContourImageSequence": ["ReferencedSOPClassUID", "ReferencedSOPInstanceUID"],
    "RegistrationSequence": ["FrameOfReferenceUID", "MatrixRegistrationSequence"],
    "MatrixSequence": ["FrameOfReferenceTransformationMatrix", "FrameOfReferenceTransformationMatrixType"],
    "PatientSetupSequence": ["PatientSetupNumber"],
    "DoseReferenceSequence": ["DoseReferenceNumber", "DoseReferenceStructureType", "DoseReferenceType"],
}


def present(ds, kw):
    return kw in ds


def nonempty(ds, kw):
    if kw not in ds:
        return False
    v = ds[kw].value
    return v is not None and v != "" and v != b"" and not (isinstance(v, (list, pydicom.multival.MultiValue)) and len(v) == 0)


def walk(ds, path, problems):
    for elem in ds:
        _ = elem.value  # decode
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                where = "%s/%s[%d]" % (path, elem.keyword, i)
                for kw in ITEMS1.get(elem.keyword, []):
                    if not nonempty(item, kw):
                        problems.append("%s: Type 1 %s missing or empty" % (where, kw))
                if elem.keyword == "ContourSequence" and "ContourData" in item:
                    if len(item.ContourData) != 3 * int(item.NumberOfContourPoints):
                        problems.append(where + ": ContourData does not hold NumberOfContourPoints triplets")
                if elem.keyword == "BeamSequence" and "ControlPointSequence" in item:
                    if len(item.ControlPointSequence) != int(item.NumberOfControlPoints):
                        problems.append(where + ": NumberOfControlPoints differs from the sequence")
                if elem.keyword == "MatrixSequence" and len(item.FrameOfReferenceTransformationMatrix) != 16:
                    problems.append(where + ": matrix does not have 16 values")
                walk(item, where, problems)


def check(path):
    problems, caught = [], []
    result = {"problems": problems, "warnings": caught}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            ds = pydicom.dcmread(path)
            result["sop_class"] = str(ds.SOPClassUID)
            modality = str(ds.get("Modality", ""))
            result["modality"] = modality
            for kw in COMMON1 + BY_MODALITY.get(modality, ([], []))[0]:
                if not nonempty(ds, kw):
                    problems.append("Type 1 %s missing or empty" % kw)
            for kw in COMMON2 + BY_MODALITY.get(modality, ([], []))[1]:
                if not present(ds, kw):
                    problems.append("Type 2 %s missing" % kw)
            if str(ds.file_meta.MediaStorageSOPInstanceUID) != str(ds.SOPInstanceUID):
                problems.append("MediaStorageSOPInstanceUID differs from SOPInstanceUID")
            walk(ds, "", problems)
            if "PixelData" in ds:
                arr = ds.pixel_array
                frames = int(ds.get("NumberOfFrames", 1) or 1)
                expected = (frames, ds.Rows, ds.Columns) if frames > 1 else (ds.Rows, ds.Columns)
                if tuple(arr.shape) != tuple(expected):
                    problems.append("pixel array shape %s, expected %s" % (arr.shape, expected))
                if modality == "RTDOSE" and len(ds.GridFrameOffsetVector) != frames:
                    problems.append("GridFrameOffsetVector length differs from NumberOfFrames")
        except Exception as e:  # noqa: BLE001 - every failure is a finding
            problems.append("read failed: %s: %s" % (type(e).__name__, e))
    caught.extend(str(x.message) for x in w)
    return result


def main():
    with open(sys.argv[1]) as f:
        paths = [line.strip() for line in f if line.strip()]
    out = {p: check(p) for p in paths}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
