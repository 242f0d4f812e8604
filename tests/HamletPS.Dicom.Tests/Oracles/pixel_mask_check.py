#!/usr/bin/python3
"""Independent check of pixel masking, with pydicom reading raw bytes (no numpy).

usage: pixel_mask_check.py BEFORE.dcm AFTER.dcm "x,y,w,h;x,y,w,h"
Prints JSON: samples changed outside the rectangles, non-zero samples inside them (every frame, every plane),
overlay bits set inside / changed outside, Burned In Annotation, the De-identification Method code values, and
whether the two files' geometry matches.
"""
import json
import sys

import pydicom


def geometry(ds):
    rows, cols = int(ds.Rows), int(ds.Columns)
    spp = int(getattr(ds, "SamplesPerPixel", 1))
    planar = int(getattr(ds, "PlanarConfiguration", 0)) if spp > 1 else 0
    nbytes = int(ds.BitsAllocated) // 8
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    return rows, cols, spp, planar, nbytes, frames


def inside(rects, x, y):
    return any(rx <= x < rx + rw and ry <= y < ry + rh for rx, ry, rw, rh in rects)


def main():
    before = pydicom.dcmread(sys.argv[1])
    after = pydicom.dcmread(sys.argv[2])
    rects = [tuple(int(v) for v in r.split(",")) for r in sys.argv[3].split(";") if r]
    g = geometry(before)
    rows, cols, spp, planar, nbytes, frames = g
    a, b = before.PixelData, after.PixelData
    changed_outside = nonzero_inside = samples_inside = 0
    frame_bytes = rows * cols * spp * nbytes
    for f in range(frames):
        for s in range(spp):
            for y in range(rows):
                for x in range(cols):
                    if planar == 0:
                        index = (y * cols + x) * spp + s
                    else:
                        index = s * rows * cols + y * cols + x
                    at = f * frame_bytes + index * nbytes
                    sa, sb = a[at:at + nbytes], b[at:at + nbytes]
                    if inside(rects, x, y):
                        samples_inside += 1
                        if any(sb):
                            nonzero_inside += 1
                    elif sa != sb:
                        changed_outside += 1
    overlay_inside = overlay_changed_outside = 0
    if (0x6000, 0x3000) in before and (0x6000, 0x3000) in after:
        ob, oa = before[0x6000, 0x3000].value, after[0x6000, 0x3000].value
        orow, ocol = int(before[0x6000, 0x0010].value), int(before[0x6000, 0x0011].value)
        for y in range(orow):
            for x in range(ocol):
                bit = y * ocol + x
                vb = (ob[bit >> 3] >> (bit & 7)) & 1
                va = (oa[bit >> 3] >> (bit & 7)) & 1
                if inside(rects, x, y):
                    overlay_inside += va
                elif va != vb:
                    overlay_changed_outside += 1
    codes = [str(i.CodeValue) for i in getattr(after, "DeidentificationMethodCodeSequence", [])]
    print(json.dumps({
        "changedOutside": changed_outside,
        "nonzeroInside": nonzero_inside,
        "samplesInside": samples_inside,
        "overlayInside": overlay_inside,
        "overlayChangedOutside": overlay_changed_outside,
        "burnedIn": str(getattr(after, "BurnedInAnnotation", "")),
        "codes": codes,
        "sameGeometry": geometry(after) == g and len(b) == len(a),
    }))


if __name__ == "__main__":
    main()
