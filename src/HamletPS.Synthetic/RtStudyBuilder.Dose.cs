using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    public sealed partial class RtStudyBuilder
    {
        /// <summary>
        /// RT Dose: a multi-frame 16-bit dose grid (Gy x DoseGridScaling) over the body's bounding box, frames on the CT slice
        /// positions around the tumour, in the CT's frame of reference, referencing the plan.
        /// </summary>
        private DicomDataset Dose()
        {
            var ds = NewDataset(DicomUids.RTDoseStorage, _uids.Dose, "RTDOSE", _uids.DoseSeries, 4, _text.DoseSeriesDescription);
            FrameOfReference(ds, _uids.FrameOfReference);
            ds.AddOrUpdate(DicomTags.InstanceNumber, 1);
            ds.AddOrUpdate(DicomTags.ContentDate, _planDate);
            ds.AddOrUpdate(DicomTags.ContentTime, "110000");

            var a = _ct.Anatomy;
            double spacing = Math.Max(2.5, _ct.PixelSpacing);
            double x0 = -180, y0 = -120;
            int cols = (int)Math.Ceiling(360 / spacing) + 1;
            int rows = (int)Math.Ceiling(240 / spacing) + 1;
            // frames: every CT slice (or every k-th for thin slices) within tumour +- 30 mm, at least one
            int step = Math.Max(1, (int)Math.Ceiling(2.5 / _ct.SliceThickness));
            double reach = a.TumourHalfLength + 30;
            var frameSlices = new List<int>();
            for (int i = 0; i < _ct.SliceCount; i += step)
                if (Math.Abs(_ct.SliceZ(i) - a.TumourZ) <= reach) frameSlices.Add(i);
            if (frameSlices.Count == 0) frameSlices.Add(NearestSlice(a.TumourZ));
            double z0 = _ct.SliceZ(frameSlices[0]);

            var dose = new double[frameSlices.Count * rows * cols];
            double max = 0;
            int k = 0;
            foreach (int s in frameSlices)
            {
                double z = _ct.SliceZ(s);
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++)
                    {
                        double d = a.Dose(x0 + c * spacing, y0 + r * spacing, z, PrescriptionDose);
                        dose[k++] = d;
                        if (d > max) max = d;
                    }
            }
            double scaling = max > 0 ? max / 65000.0 : 1e-6;
            scaling = double.Parse(Ds(scaling), System.Globalization.CultureInfo.InvariantCulture);
            var pixels = new byte[dose.Length * 2];
            for (int i = 0; i < dose.Length; i++)
            {
                int v = (int)Math.Round(dose[i] / scaling);
                if (v > 65535) v = 65535;
                pixels[2 * i] = (byte)v;
                pixels[2 * i + 1] = (byte)(v >> 8);
            }

            // Image Plane
            SetDs(ds, DicomTags.PixelSpacing, spacing, spacing);
            SetDs(ds, DicomTags.ImageOrientationPatient, CtPhantom.ImageOrientation);
            SetDs(ds, DicomTags.ImagePositionPatient, x0, y0, z0);
            ds.AddOrUpdate(DicomTags.SliceThickness, DicomVR.DS, string.Empty);
            // Multi-frame
            ds.AddOrUpdate(DicomTags.NumberOfFrames, frameSlices.Count);
            ds.AddOrUpdate(DicomTags.FrameIncrementPointer, DicomVR.AT, new byte[] { 0x04, 0x30, 0x0C, 0x00 }); // (3004,000C)
            // Image Pixel / RT Dose
            ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
            ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
            ds.AddOrUpdate(DicomTags.Rows, rows);
            ds.AddOrUpdate(DicomTags.Columns, cols);
            ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
            ds.AddOrUpdate(DicomTags.BitsStored, 16);
            ds.AddOrUpdate(DicomTags.HighBit, 15);
            ds.AddOrUpdate(DicomTags.PixelRepresentation, 0);
            ds.AddOrUpdate(DicomTags.DoseUnits, "GY");
            ds.AddOrUpdate(DicomTags.DoseType, "PHYSICAL");
            ds.AddOrUpdate(DicomTags.DoseSummationType, "PLAN");
            ds.AddOrUpdateSequence(DicomTags.ReferencedRTPlanSequence, Reference(DicomUids.RTPlanStorage, _uids.Plan));
            var offsets = new double[frameSlices.Count];
            for (int f = 0; f < offsets.Length; f++) offsets[f] = Math.Round(_ct.SliceZ(frameSlices[f]) - z0, 3);
            SetDs(ds, DicomTags.GridFrameOffsetVector, offsets);
            ds.AddOrUpdate(DicomTags.DoseGridScaling, DicomVR.DS, Ds(scaling));
            ds.AddOrUpdate(DicomTags.TissueHeterogeneityCorrection, "IMAGE");
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
            return Finish(ds, RtObjectKind.Dose);
        }
    }
}
