#!/usr/bin/python3
"""Writes a synthetic X-Ray Radiation Dose SR (RDSR) with pydicom, following PS3.16 TID 10011 (CT) or TID 10001
(projection X-ray / fluoroscopy) and, for mammography, TID 10001 with the mammography items.

    make_rdsr.py ct|rf|mg OUT.dcm [SEED] [--vendor-quirk] [--units-quirk]

Synthetic patients only (SYNTH^ names, SYN ids). The values depend on SEED only, so tests can recompute nothing and read
them back with dsrdump. --vendor-quirk adds what real devices do: a private-scheme item, an unknown container and the
CT acquisitions before the accumulated data (the reader must walk by concept, not by position). --units-quirk (rf only)
writes every event's Dose Area Product in dGy.cm2, as some devices do, and the Total Fluoro Time in an unknown unit.
"""
import random
import sys

from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

XRAY_RDSR = "1.2.840.10008.5.1.4.1.1.88.67"
ROOT = "2.25."


def code(value, scheme, meaning):
    d = Dataset()
    d.CodeValue = value
    d.CodingSchemeDesignator = scheme
    d.CodeMeaning = meaning
    return d


def item(rel, vtype, concept, children=None):
    d = Dataset()
    if rel:
        d.RelationshipType = rel
    d.ValueType = vtype
    d.ConceptNameCodeSequence = Sequence([code(*concept)])
    if vtype == "CONTAINER":
        d.ContinuityOfContent = "SEPARATE"
    if children:
        d.ContentSequence = Sequence(children)
    return d


def text(rel, concept, value):
    d = item(rel, "TEXT", concept)
    d.TextValue = value
    return d


def coded(rel, concept, value, children=None):
    d = item(rel, "CODE", concept, children)
    d.ConceptCodeSequence = Sequence([code(*value)])
    return d


def num(rel, concept, value, units):
    d = item(rel, "NUM", concept)
    m = Dataset()
    m.NumericValue = format(value, "g")
    m.MeasurementUnitsCodeSequence = Sequence([code(units, "UCUM", units)])
    d.MeasuredValueSequence = Sequence([m])
    return d


def uidref(rel, concept, value, children=None):
    d = item(rel, "UIDREF", concept, children)
    d.UID = value
    return d


def dt(rel, concept, value):
    d = item(rel, "DATETIME", concept)
    d.DateTime = value
    return d


DCM = lambda v, m: (v, "DCM", m)
SCT = lambda v, m: (v, "SCT", m)
YES = SCT("373066001", "Yes")
NO = SCT("373067005", "No")


def observer(manufacturer, model, serial, uid, name):
    return [
        coded("HAS OBS CONTEXT", DCM("121005", "Observer Type"), DCM("121007", "Device")),
        uidref("HAS OBS CONTEXT", DCM("121012", "Device Observer UID"), uid),
        text("HAS OBS CONTEXT", DCM("121013", "Device Observer Name"), name),
        text("HAS OBS CONTEXT", DCM("113878", "Device Observer Manufacturer"), manufacturer),
        text("HAS OBS CONTEXT", DCM("113879", "Device Observer Model Name"), model),
        text("HAS OBS CONTEXT", DCM("113880", "Device Observer Serial Number"), serial),
    ]


def ct_events(rng, date, uids):
    events = []
    regions = [("Chest", "51185008", "Chest"), ("Abdomen", "818981001", "Abdomen"), ("Head", "69536005", "Head")]
    for i in range(3):
        name, region, meaning = regions[i]
        scout = i == 0
        kvp = 120 if not scout else 100
        ma = rng.randint(50, 400)
        length = round(rng.uniform(100, 500), 1)
        ctdi = round(rng.uniform(2, 25), 2)
        dlp = round(ctdi * length / 10, 2)
        phantom = DCM("113690", "IEC Head Dosimetry Phantom") if region == "69536005" else DCM("113691", "IEC Body Dosimetry Phantom")
        source = item("CONTAINS", "CONTAINER", DCM("113831", "CT X-Ray Source Parameters"), [
            text("CONTAINS", DCM("113832", "Identification of the X-Ray Source"), "A"),
            num("CONTAINS", DCM("113733", "KVP"), kvp, "kV"),
            num("CONTAINS", DCM("113833", "Maximum X-Ray Tube Current"), ma + 20, "mA"),
            num("CONTAINS", DCM("113734", "X-Ray Tube Current"), ma, "mA"),
            num("CONTAINS", DCM("113834", "Exposure Time per Rotation"), 0.5, "s"),
        ])
        params = item("CONTAINS", "CONTAINER", DCM("113822", "CT Acquisition Parameters"), [
            num("CONTAINS", DCM("113824", "Exposure Time"), round(rng.uniform(2, 20), 2), "s"),
            num("CONTAINS", DCM("113825", "Scanning Length"), length, "mm"),
            num("CONTAINS", DCM("113826", "Nominal Single Collimation Width"), 0.625, "mm"),
            num("CONTAINS", DCM("113827", "Nominal Total Collimation Width"), 40, "mm"),
            num("CONTAINS", DCM("113828", "Pitch Factor"), 0.984, "{ratio}"),
            num("CONTAINS", DCM("113823", "Number of X-Ray Sources"), 1, "{X-Ray sources}"),
            source,
        ])
        dose = [
            num("CONTAINS", DCM("113830", "Mean CTDIvol"), ctdi, "mGy"),
            coded("CONTAINS", DCM("113835", "CTDIw Phantom Type"), phantom),
            num("CONTAINS", DCM("113838", "DLP"), dlp, "mGy.cm"),
        ]
        if i == 2:
            dose.append(item("CONTAINS", "CONTAINER", DCM("113908", "Dose Check Notification Details"), [
                coded("CONTAINS", DCM("113909", "DLP Notification Value Configured"), YES),
                coded("CONTAINS", DCM("113910", "CTDIvol Notification Value Configured"), NO),
                num("CONTAINS", DCM("113911", "DLP Notification Value"), 500, "mGy.cm"),
                num("CONTAINS", DCM("113913", "DLP Forward Estimate"), round(dlp + 450, 2), "mGy.cm"),
            ]))
        acq_type = DCM("113805", "Constant Angle Acquisition") if scout else SCT("116152004", "Spiral Acquisition")
        children = [
            text("CONTAINS", DCM("125203", "Acquisition Protocol"), ("Scout " if scout else "") + name + " routine"),
            coded("CONTAINS", DCM("123014", "Target Region"), SCT(region, meaning)),
            coded("CONTAINS", DCM("113820", "CT Acquisition Type"), acq_type),
            uidref("CONTAINS", DCM("113769", "Irradiation Event UID"), uids[i]),
            dt("CONTAINS", DCM("111526", "DateTime Started"), date + "10%02d00" % (i * 5)),
            params,
        ]
        if not scout:
            children.append(item("CONTAINS", "CONTAINER", DCM("113829", "CT Dose"), dose))
        events.append((item("CONTAINS", "CONTAINER", DCM("113819", "CT Acquisition"), children), dlp if not scout else 0.0))
    return events


def rf_events(rng, date, uids, mammo, units_quirk=False):
    events = []
    for i in range(4):
        fluoro = not mammo and i % 2 == 0
        dap = round(rng.uniform(0.5, 20) * 1e-5, 8)
        rp = round(rng.uniform(0.1, 50) * 1e-3, 6)
        children = [
            coded("CONTAINS", DCM("113764", "Acquisition Plane"), DCM("113622", "Single Plane")),
            uidref("CONTAINS", DCM("113769", "Irradiation Event UID"), uids[i]),
            dt("CONTAINS", DCM("111526", "DateTime Started"), date + "09%02d00" % (i * 3)),
            coded("CONTAINS", DCM("113721", "Irradiation Event Type"),
                  SCT("44491008", "Fluoroscopy") if fluoro else DCM("113611", "Stationary Acquisition")),
            text("CONTAINS", DCM("125203", "Acquisition Protocol"), ("Mammo " if mammo else ("Fluoro " if fluoro else "Abdomen ")) + "program %d" % (i + 1)),
            coded("CONTAINS", DCM("123014", "Target Region"), SCT("76752008", "Breast") if mammo else SCT("818981001", "Abdomen")),
        ]
        if not mammo:
            children += [
                num("CONTAINS", DCM("122130", "Dose Area Product"), round(dap * 1e5, 6), "dGy.cm2") if units_quirk else
                num("CONTAINS", DCM("122130", "Dose Area Product"), dap, "Gy.m2"),
                num("CONTAINS", DCM("113738", "Dose (RP)"), rp, "Gy"),
            ]
        else:
            children += [
                num("CONTAINS", DCM("111633", "Compression Thickness"), round(rng.uniform(30, 70), 1), "mm"),
                num("CONTAINS", DCM("111631", "Average Glandular Dose"), round(rng.uniform(0.8, 2.5), 3), "mGy"),
                num("CONTAINS", DCM("111636", "Entrance Exposure at RP"), round(rng.uniform(3, 12), 3), "mGy"),
            ]
        children += [
            num("CONTAINS", DCM("113733", "KVP"), 70 + i if not mammo else 29, "kV"),
            num("CONTAINS", DCM("113734", "X-Ray Tube Current"), 10 + i, "mA"),
            num("CONTAINS", DCM("113742", "Irradiation Duration"), round(rng.uniform(1, 60), 1) if fluoro else 0.2, "s"),
        ]
        events.append((item("CONTAINS", "CONTAINER", DCM("113706", "Irradiation Event X-Ray Data"), children), dap, rp, fluoro))
    return events


def main():
    kind, out = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else 1
    quirk = "--vendor-quirk" in sys.argv
    units_quirk = "--units-quirk" in sys.argv
    rng = random.Random(seed * 7919 + {"ct": 1, "rf": 2, "mg": 3}[kind])
    date = "2026%02d%02d" % (rng.randint(1, 12), rng.randint(1, 28))
    study_uid = ROOT + str(rng.getrandbits(100))
    event_uids = [ROOT + str(rng.getrandbits(100)) for _ in range(4)]
    station = {"ct": "CT-SIM-1", "rf": "RF-ROOM-2", "mg": "MAMMO-3"}[kind]
    manufacturer, model, serial = "Hamlet Synthetic", {"ct": "SynthCT 64", "rf": "SynthFluoro", "mg": "SynthMammo"}[kind], "SN%04d" % seed

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = XRAY_RDSR
    meta.MediaStorageSOPInstanceUID = ROOT + str(rng.getrandbits(100))
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = "2.25.1234567"
    ds = FileDataset(out, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = XRAY_RDSR
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.InstanceCreationDate = date
    ds.InstanceCreationTime = "120000"
    ds.PatientName = "SYNTH^DOSE%02d" % seed
    ds.PatientID = "SYN%05d" % seed
    ds.PatientBirthDate = "19%02d0101" % rng.randint(30, 90)
    ds.PatientSex = "F" if kind == "mg" else rng.choice(["F", "M"])
    ds.PatientAge = "%03dY" % rng.randint(30, 90)
    ds.PatientSize = "%.2f" % rng.uniform(1.5, 1.95)
    ds.PatientWeight = "%.1f" % rng.uniform(50, 110)
    ds.StudyInstanceUID = study_uid
    ds.StudyDate = date
    ds.StudyTime = "093000"
    ds.ReferringPhysicianName = ""
    ds.StudyID = "S%04d" % seed
    ds.AccessionNumber = "ACC%05d" % seed
    ds.StudyDescription = {"ct": "CT CHEST ABDOMEN", "rf": "FLUORO ABDOMEN", "mg": "MAMMOGRAPHY SCREENING"}[kind]
    ds.Modality = "SR"
    ds.SeriesInstanceUID = ROOT + str(rng.getrandbits(100))
    ds.SeriesNumber = "999"
    ds.SeriesDate = date
    ds.SeriesTime = "120000"
    ds.ReferencedPerformedProcedureStepSequence = Sequence()
    ds.Manufacturer = manufacturer
    ds.InstitutionName = "Synthetic Hospital"
    ds.StationName = station
    ds.ManufacturerModelName = model
    ds.DeviceSerialNumber = serial
    ds.SoftwareVersions = "1.0"
    ds.InstanceNumber = "1"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ContentDate = date
    ds.ContentTime = "120000"
    ds.PerformedProcedureCodeSequence = Sequence()
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([code("113701", "DCM", "X-Ray Radiation Dose Report")])
    ds.ContinuityOfContent = "SEPARATE"
    template = Dataset()
    template.MappingResource = "DCMR"
    template.TemplateIdentifier = "10011" if kind == "ct" else "10001"
    ds.ContentTemplateSequence = Sequence([template])

    content = []
    procedure = {"ct": SCT("77477000", "Computed Tomography X-Ray"), "rf": DCM("113704", "Projection X-Ray"),
                 "mg": SCT("71651007", "Mammography")}[kind]
    content.append(coded("HAS CONCEPT MOD", DCM("121058", "Procedure reported"), procedure,
                         [coded("HAS CONCEPT MOD", SCT("363703001", "Has Intent"), SCT("261004008", "Diagnostic Intent"))]))
    content += observer(manufacturer, model, serial, ROOT + str(rng.getrandbits(100)), station)
    content.append(coded("HAS OBS CONTEXT", DCM("113705", "Scope of Accumulation"), DCM("113014", "Study"),
                         [uidref("HAS PROPERTIES", DCM("110180", "Study Instance UID"), study_uid)]))
    if kind == "ct":
        events = ct_events(rng, date, event_uids)
        accumulated = item("CONTAINS", "CONTAINER", DCM("113811", "CT Accumulated Dose Data"), [
            num("CONTAINS", DCM("113812", "Total Number of Irradiation Events"), len(events), "{events}"),
            num("CONTAINS", DCM("113813", "CT Dose Length Product Total"), round(sum(e[1] for e in events), 2), "mGy.cm"),
        ])
        if quirk:
            content += [e[0] for e in events] + [accumulated]
        else:
            content += [accumulated] + [e[0] for e in events]
    else:
        mammo = kind == "mg"
        events = rf_events(rng, date, event_uids, mammo, units_quirk)
        acc = [coded("CONTAINS", DCM("113764", "Acquisition Plane"), DCM("113622", "Single Plane"))]
        if mammo:
            acc.append(num("CONTAINS", DCM("111637", "Accumulated Average Glandular Dose"), 3.1, "mGy"))
        else:
            fl = [e for e in events if e[3]]
            ac = [e for e in events if not e[3]]
            acc += [
                num("CONTAINS", DCM("113722", "Dose Area Product Total"), round(sum(e[1] for e in events), 8), "Gy.m2"),
                num("CONTAINS", DCM("113725", "Dose (RP) Total"), round(sum(e[2] for e in events), 6), "Gy"),
                num("CONTAINS", DCM("113726", "Fluoro Dose Area Product Total"), round(sum(e[1] for e in fl), 8), "Gy.m2"),
                num("CONTAINS", DCM("113728", "Fluoro Dose (RP) Total"), round(sum(e[2] for e in fl), 6), "Gy"),
                num("CONTAINS", DCM("113730", "Total Fluoro Time"), 42.5, "furlong" if units_quirk else "s"),
                num("CONTAINS", DCM("113727", "Acquisition Dose Area Product Total"), round(sum(e[1] for e in ac), 8), "Gy.m2"),
                num("CONTAINS", DCM("113729", "Acquisition Dose (RP) Total"), round(sum(e[2] for e in ac), 6), "Gy"),
                num("CONTAINS", DCM("113855", "Total Acquisition Time"), 0.4, "s"),
                num("CONTAINS", DCM("113731", "Total Number of Radiographic Frames"), len(ac), "{frames}"),
            ]
        content.append(item("CONTAINS", "CONTAINER", DCM("113702", "Accumulated X-Ray Dose Data"), acc))
        content += [e[0] for e in events]
    content.append(coded("CONTAINS", DCM("113854", "Source of Dose Information"), DCM("113856", "Automated Data Collection")))
    if quirk:
        content.append(text("CONTAINS", ("X-1", "99HAMLET", "Vendor private note"), "private"))
        content.append(item("CONTAINS", "CONTAINER", ("X-2", "99HAMLET", "Vendor private container"),
                            [num("CONTAINS", DCM("113830", "Mean CTDIvol"), 999, "mGy")]))
    ds.ContentSequence = Sequence(content)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(out, write_like_original=False)


if __name__ == "__main__":
    main()
