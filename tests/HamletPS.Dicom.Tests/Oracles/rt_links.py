#!/usr/bin/python3
"""Independent RT link checker (pydicom): every reference an RT object makes resolves inside the given set of files.

usage: rt_links.py DIR_OR_FILE [...] [--json OUT]

Reads every file below the arguments with pydicom (non-DICOM files are skipped and counted). For each RTSTRUCT, RTPLAN,
RTDOSE, REG (and any other object) it walks every sequence at any depth and checks:
  * every Referenced SOP Instance UID resolves to an object of the set with the Referenced SOP Class UID given beside it
    (inside RT Referenced Study Sequence the referenced instance is the Study Instance UID and must be a study of the set);
  * every Frame of Reference UID / Referenced Frame of Reference UID names the frame of reference of an image in the set;
  * every Series Instance UID inside a sequence (RT Referenced Series, Referenced Series) names a series of the set;
  * a contour's z lies on the plane of the CT slice its Contour Image Sequence references (within 0.01 mm).
Prints one line per problem and a summary "rt_links: N objects, M references, K problems"; exit 0 when there is no problem,
1 when there are problems, 2 when the set holds no RT object to check. Shared by the synthetic-data and de-identification
tests (run it on protected output to prove links survive).
"""
import json
import os
import sys

import pydicom

STUDY_REFERENCE_CLASSES = {"1.2.840.10008.3.1.2.3.1", "1.2.840.10008.3.1.2.3.2"}
RT_MODALITIES = {"RTSTRUCT", "RTPLAN", "RTDOSE", "REG", "RTRECORD", "RTIMAGE"}


def files_of(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                for n in sorted(names):
                    yield os.path.join(root, n)
        else:
            yield a


def main(argv):
    out = None
    if "--json" in argv:
        i = argv.index("--json")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    objects = {}      # sop instance uid -> (sop class, path, dataset)
    studies, series, frames = set(), set(), set()
    skipped = 0
    for path in files_of(argv):
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            skipped += 1
            continue
        if "SOPInstanceUID" not in ds:
            skipped += 1
            continue
        objects[str(ds.SOPInstanceUID)] = (str(ds.SOPClassUID), path, ds)
        if "StudyInstanceUID" in ds:
            studies.add(str(ds.StudyInstanceUID))
        if "SeriesInstanceUID" in ds:
            series.add(str(ds.SeriesInstanceUID))
        if "FrameOfReferenceUID" in ds and "ImagePositionPatient" in ds:
            frames.add(str(ds.FrameOfReferenceUID))

    problems = []
    counts = {"references": 0, "rt_objects": 0}

    def problem(path, where, text):
        problems.append("%s: %s: %s" % (os.path.basename(path), where, text))

    def walk(path, ds, where, parent_keyword):
        for elem in ds:
            kw = elem.keyword or str(elem.tag)
            here = where + "/" + kw
            if elem.VR == "SQ":
                for i, item in enumerate(elem.value):
                    walk(path, item, "%s[%d]" % (here, i), kw)
                    if kw == "ContourSequence":
                        check_contour(path, item, "%s[%d]" % (here, i))
                continue
            if kw == "ReferencedSOPInstanceUID":
                counts["references"] += 1
                uid = str(elem.value)
                cls = str(ds.get("ReferencedSOPClassUID", ""))
                if parent_keyword == "RTReferencedStudySequence" or cls in STUDY_REFERENCE_CLASSES:
                    if uid not in studies:
                        problem(path, here, "study not in the set")
                elif uid not in objects:
                    problem(path, here, "instance not in the set")
                elif cls and objects[uid][0] != cls:
                    problem(path, here, "SOP class differs from the referenced object's")
            elif kw in ("FrameOfReferenceUID", "ReferencedFrameOfReferenceUID") and where != "":
                counts["references"] += 1
                if str(elem.value) not in frames:
                    problem(path, here, "frame of reference of no image in the set")
            elif kw == "SeriesInstanceUID" and where != "":
                counts["references"] += 1
                if str(elem.value) not in series:
                    problem(path, here, "series not in the set")

    def check_contour(path, item, where):
        images = item.get("ContourImageSequence")
        data = item.get("ContourData")
        if not images or not data:
            return
        ref = objects.get(str(images[0].ReferencedSOPInstanceUID))
        if ref is None or "ImagePositionPatient" not in ref[2]:
            return
        z = float(ref[2].ImagePositionPatient[2])
        for k in range(2, len(data), 3):
            if abs(float(data[k]) - z) > 0.01:
                problem(path, where, "contour point off the referenced image plane")
                return

    for uid, (cls, path, ds) in sorted(objects.items(), key=lambda kv: kv[1][1]):
        modality = str(ds.get("Modality", ""))
        if modality in RT_MODALITIES:
            counts["rt_objects"] += 1
        walk(path, ds, "", None)
        # the top-level frame of reference of RT objects must be that of an image of the set
        if modality in RT_MODALITIES and "FrameOfReferenceUID" in ds:
            counts["references"] += 1
            if str(ds.FrameOfReferenceUID) not in frames:
                problem(path, "FrameOfReferenceUID", "frame of reference of no image in the set")

    for p in problems:
        print(p)
    print("rt_links: %d objects, %d RT objects, %d references, %d problems, %d files skipped"
          % (len(objects), counts["rt_objects"], counts["references"], len(problems), skipped))
    if out:
        with open(out, "w") as f:
            json.dump({"objects": len(objects), "rt_objects": counts["rt_objects"], "references": counts["references"],
                       "problems": problems, "skipped": skipped}, f)
    if problems:
        return 1
    return 0 if counts["rt_objects"] else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
