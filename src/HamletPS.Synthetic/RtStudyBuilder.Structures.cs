using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    public sealed partial class RtStudyBuilder
    {
        /// <summary>RT Structure Set: ROIs of the phantom contoured on every CT slice where they exist.</summary>
        private DicomDataset StructureSet()
        {
            var ds = NewDataset(DicomUids.RTStructureSetStorage, _uids.StructureSet, "RTSTRUCT", _uids.StructureSeries, 2, _text.StructureSeriesDescription);
            ds.AddOrUpdate(DicomTags.InstanceNumber, 1);
            // Structure Set module
            ds.AddOrUpdate(DicomTags.StructureSetLabel, _text.StructureSetLabel ?? "STRUCTURES");
            if (_text.StructureSetName != null) ds.AddOrUpdate(DicomTags.StructureSetName, _text.StructureSetName);
            if (_text.StructureSetDescription != null) ds.AddOrUpdate(DicomTags.StructureSetDescription, _text.StructureSetDescription);
            ds.AddOrUpdate(DicomTags.StructureSetDate, _planDate);
            ds.AddOrUpdate(DicomTags.StructureSetTime, "100000");

            var contourImages = new List<DicomDataset>();
            for (int i = 0; i < _ct.SliceCount; i++) contourImages.Add(Reference(DicomUids.CTImageStorage, _uids.CtInstance(i)));
            var series = new DicomDataset();
            series.AddOrUpdate(DicomTags.SeriesInstanceUID, _uids.CtSeries);
            series.AddOrUpdateSequence(DicomTags.ContourImageSequence, contourImages.ToArray());
            var study = Reference(StudyComponentReferenceClassUid, _uids.Study);
            study.AddOrUpdateSequence(DicomTags.RTReferencedSeriesSequence, series);
            var frame = new DicomDataset();
            frame.AddOrUpdate(DicomTags.FrameOfReferenceUID, _uids.FrameOfReference);
            frame.AddOrUpdateSequence(DicomTags.RTReferencedStudySequence, study);
            ds.AddOrUpdateSequence(DicomTags.ReferencedFrameOfReferenceSequence, frame);

            var rois = new List<DicomDataset>();
            var contours = new List<DicomDataset>();
            var observations = new List<DicomDataset>();
            var anatomy = _ct.Anatomy;
            foreach (var s in anatomy.Structures)
            {
                var roi = new DicomDataset();
                roi.AddOrUpdate(DicomTags.ROINumber, s.Number);
                roi.AddOrUpdate(DicomTags.ReferencedFrameOfReferenceUID, _uids.FrameOfReference);
                roi.AddOrUpdate(DicomTags.ROIName, _text.RoiName(s));
                roi.AddOrUpdate(DicomTags.ROIGenerationAlgorithm, s.Key == "BODY" ? "AUTOMATIC" : "MANUAL");
                rois.Add(roi);

                var sliceContours = new List<DicomDataset>();
                for (int i = 0; i < _ct.SliceCount; i++)
                {
                    double z = _ct.SliceZ(i);
                    var outline = anatomy.Outline(s, z);
                    if (!outline.HasValue) continue;
                    var c = new DicomDataset();
                    c.AddOrUpdateSequence(DicomTags.ContourImageSequence, Reference(DicomUids.CTImageStorage, _uids.CtInstance(NearestSlice(z))));
                    c.AddOrUpdate(DicomTags.ContourGeometricType, "CLOSED_PLANAR");
                    c.AddOrUpdate(DicomTags.NumberOfContourPoints, s.Points);
                    c.AddOrUpdate(DicomTags.ContourNumber, sliceContours.Count + 1);
                    c.AddOrUpdate(DicomTags.ContourData, DicomVR.DS, Ds(outline.Value.Polygon(s.Points, z)));
                    sliceContours.Add(c);
                }
                var rc = new DicomDataset();
                rc.AddOrUpdate(DicomTags.ROIDisplayColor, s.Color);
                if (sliceContours.Count > 0) rc.AddOrUpdateSequence(DicomTags.ContourSequence, sliceContours.ToArray());
                rc.AddOrUpdate(DicomTags.ReferencedROINumber, s.Number);
                contours.Add(rc);

                var obs = new DicomDataset();
                obs.AddOrUpdate(DicomTags.ObservationNumber, s.Number);
                obs.AddOrUpdate(DicomTags.ReferencedROINumber, s.Number);
                obs.AddOrUpdate(DicomTags.RTROIInterpretedType, s.InterpretedType);
                obs.AddOrUpdate(DicomTags.ROIInterpreter, _text.RoiInterpreter ?? string.Empty);
                observations.Add(obs);
            }
            ds.AddOrUpdateSequence(DicomTags.StructureSetROISequence, rois.ToArray());
            ds.AddOrUpdateSequence(DicomTags.ROIContourSequence, contours.ToArray());
            ds.AddOrUpdateSequence(DicomTags.RTROIObservationsSequence, observations.ToArray());
            Approval(ds, _text.ReviewerName, _planDate);
            return Finish(ds, RtObjectKind.StructureSet);
        }
    }
}
