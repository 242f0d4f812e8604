#!/usr/bin/python3
"""Writes a synthetic Digital Mammography X-Ray Image (For Presentation) with pydicom, carrying its exposure's dose in the
header as mammography units without an RDSR do (the values OpenREM reads): Organ Dose (0040,0316, dGy), Entrance Dose in
mGy (0040,8302), Body Part Thickness (0018,11A0), Compression Force, KVP, X-Ray Tube Current, Exposure Time, Exposure,
Anode Target Material, Filter Material, Image Laterality and view.

    make_mg_image.py OUT.dcm SEED [--study STUDY_SEED] [--view N] [--no-dose]

Synthetic patients only (SYNTH^ names, SYN ids). The images of one study share STUDY_SEED (patient, study UID, date);
SEED and N give the exposure. --no-dose leaves out Organ Dose and Entrance Dose (an image that is no dose record).
Pixels: a 64 x 64 gradient.
"""
import random
import sys

from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

MG_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
ROOT = "2.25."
VIEWS = [("L", "CC", "399162004", "cranio-caudal"), ("R", "CC", "399162004", "cranio-caudal"),
         ("L", "MLO", "399368009", "medio-lateral oblique"), ("R", "MLO", "399368009", "medio-lateral oblique")]


def code(value, scheme, meaning):
    d = Dataset()
    d.CodeValue = value
    d.CodingSchemeDesignator = scheme
    d.CodeMeaning = meaning
    return d


def main():
    args = sys.argv[1:]
    out, seed = args[0], int(args[1])
    study_seed = int(args[args.index("--study") + 1]) if "--study" in args else seed
    view = int(args[args.index("--view") + 1]) if "--view" in args else seed % 4
    srng = random.Random(study_seed * 104729 + 5)
    rng = random.Random(seed * 7919 + 4)
    laterality, view_name, view_code, view_meaning = VIEWS[view % 4]

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MG_PRESENTATION
    meta.MediaStorageSOPInstanceUID = ROOT + str(rng.getrandbits(100))
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = ROOT + "1234567"
    ds = FileDataset(out, {}, file_meta=meta, preamble=b"\0" * 128)

    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = MG_PRESENTATION
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    date = "2026%02d%02d" % (srng.randint(1, 12), srng.randint(1, 28))
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = ds.AcquisitionDate = date
    ds.StudyTime = "091500"
    ds.SeriesTime = "091510"
    ds.ContentTime = ds.AcquisitionTime = "0916%02d" % (view % 60)
    ds.AccessionNumber = "SYNACC%05d" % study_seed
    ds.Modality = "MG"
    ds.Manufacturer = "Hamlet Synthetic"
    ds.InstitutionName = "Synthetic Hospital"
    ds.ReferringPhysicianName = ""
    ds.StationName = "MAMMO-HDR-4"
    ds.StudyDescription = "MAMMOGRAPHY SCREENING"
    ds.SeriesDescription = "%s %s" % (laterality, view_name)
    ds.ManufacturerModelName = "SynthMammo Header"
    ds.DeviceSerialNumber = "SNH%04d" % study_seed
    ds.SoftwareVersions = "1.0"
    ds.PatientName = "SYNTH^MAMMO%04d" % study_seed
    ds.PatientID = "SYN%06d" % (study_seed * 37 % 1000000)
    ds.PatientBirthDate = "19%02d0101" % srng.randint(40, 75)
    ds.PatientSex = "F"
    ds.PatientAge = "%03dY" % srng.randint(45, 75)
    ds.BodyPartExamined = "BREAST"
    ds.ProtocolName = "Screening %s" % view_name
    ds.StudyInstanceUID = ROOT + str(srng.getrandbits(100))
    ds.SeriesInstanceUID = ROOT + str(rng.getrandbits(100))
    ds.StudyID = "S%d" % study_seed
    ds.SeriesNumber = 1
    ds.InstanceNumber = view + 1
    ds.PatientOrientation = ["A", "R"] if laterality == "L" else ["P", "L"]
    ds.ImageType = ["ORIGINAL", "PRIMARY", ""]
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.ImageLaterality = laterality
    ds.PositionerType = "MAMMOGRAPHIC"
    ds.AnatomicRegionSequence = Sequence([code("76752008", "SCT", "Breast")])
    ds.ViewCodeSequence = Sequence([code(view_code, "SCT", view_meaning)])
    ds.ViewCodeSequence[0].ViewModifierCodeSequence = Sequence([])
    ds.BurnedInAnnotation = "NO"
    ds.QualityControlImage = "NO"
    ds.LossyImageCompression = "00"
    ds.DetectorType = "DIRECT"
    ds.PixelIntensityRelationship = "LIN"
    ds.PixelIntensityRelationshipSign = 1
    ds.RescaleIntercept = "0"
    ds.RescaleSlope = "1"
    ds.RescaleType = "US"
    ds.WindowCenter = "2048"
    ds.WindowWidth = "4096"
    ds.ImagerPixelSpacing = ["0.1", "0.1"]
    ds.PixelSpacing = ["0.1", "0.1"]
    ds.DistanceSourceToDetector = "660"
    ds.DistanceSourceToPatient = "640"
    ds.EstimatedRadiographicMagnificationFactor = "1.03125"
    ds.PresentationLUTShape = "IDENTITY"
    ds.OrganExposed = "BREAST"
    ds.AcquisitionContextSequence = Sequence([])

    # The exposure and its dose (the values the test reads back through dcmdump).
    ds.KVP = "%d" % rng.randint(26, 34)
    ds.ExposureTime = rng.randint(400, 1800)                                  # ms
    ds.XRayTubeCurrent = rng.randint(60, 180)                                 # mA
    ds.Exposure = rng.randint(40, 200)                                        # mAs
    ds.BodyPartThickness = "%.1f" % rng.uniform(30, 75)                       # mm
    ds.CompressionForce = "%.1f" % rng.uniform(60, 160)                       # N
    ds.OrganDose = "%.5f" % rng.uniform(0.008, 0.025)                         # dGy (0.8 - 2.5 mGy)
    ds.EntranceDoseInmGy = "%.3f" % rng.uniform(3, 12)
    if "--no-dose" in args:
        del ds.OrganDose
        del ds.EntranceDoseInmGy
    ds.AnodeTargetMaterial = "TUNGSTEN"
    ds.FilterMaterial = ["RHODIUM"] if rng.random() < 0.5 else ["ALUMINUM"]
    ds.FilterThicknessMinimum = "0.05"
    ds.FilterThicknessMaximum = "0.05"
    ds.FocalSpots = "0.3"
    ds.Grid = "NONE"
    ds.ExposureControlMode = "AUTOMATIC"

    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = 64
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.PixelData = b"".join(((x * 64 + y) % 4096).to_bytes(2, "little") for y in range(64) for x in range(64))
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(out, write_like_original=False)


if __name__ == "__main__":
    main()
