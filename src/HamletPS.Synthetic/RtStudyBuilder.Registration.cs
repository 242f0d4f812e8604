using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    public sealed partial class RtStudyBuilder
    {
        /// <summary>
        /// Spatial Registration: a rigid matrix from the CBCT's frame of reference to the planning CT's (the CBCT sees the
        /// patient shifted), with the Common Instance Reference module listing both image series.
        /// </summary>
        private DicomDataset Registration()
        {
            var ds = NewDataset(DicomUids.SpatialRegistrationStorage, _uids.Registration, "REG", _uids.RegistrationSeries, 6, _text.RegistrationSeriesDescription);
            FrameOfReference(ds, _uids.FrameOfReference);
            ds.AddOrUpdate(DicomTags.InstanceNumber, 1);
            ds.AddOrUpdate(DicomTags.ContentDate, _studyDate);
            ds.AddOrUpdate(DicomTags.ContentTime, _studyTime);
            ds.AddOrUpdate(DicomTags.ContentLabel, "IGRT_FX1");
            ds.AddOrUpdate(DicomTags.ContentDescription, "CBCT to planning CT");
            ds.AddOrUpdate(DicomTags.ContentCreatorName, _text.RegistrationContentCreatorName ?? string.Empty);

            var a = _cbct.Anatomy;
            ds.AddOrUpdateSequence(DicomTags.RegistrationSequence,
                RegistrationItem(_uids.FrameOfReference, new double[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }),
                RegistrationItem(_uids.CbctFrameOfReference, new double[] { 1, 0, 0, -a.ShiftX, 0, 1, 0, -a.ShiftY, 0, 0, 1, -a.ShiftZ, 0, 0, 0, 1 }));

            ds.AddOrUpdateSequence(DicomTags.ReferencedSeriesSequence,
                SeriesReference(_uids.CtSeries, _ct.SliceCount, _uids.CtInstance),
                SeriesReference(_uids.CbctSeries, _cbct.SliceCount, _uids.CbctInstance));
            return Finish(ds, RtObjectKind.SpatialRegistration);
        }

        private static DicomDataset RegistrationItem(string frameOfReference, double[] matrix)
        {
            var m = new DicomDataset();
            SetDs(m, DicomTags.FrameOfReferenceTransformationMatrix, matrix);
            m.AddOrUpdate(DicomTags.FrameOfReferenceTransformationMatrixType, "RIGID");
            var reg = new DicomDataset();
            reg.AddOrUpdateSequence(DicomTags.MatrixSequence, m);
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.FrameOfReferenceUID, frameOfReference);
            item.AddOrUpdateSequence(DicomTags.MatrixRegistrationSequence, reg);
            return item;
        }

        private static DicomDataset SeriesReference(string seriesUid, int count, System.Func<int, string> instance)
        {
            var refs = new List<DicomDataset>();
            for (int i = 0; i < count; i++) refs.Add(Reference(DicomUids.CTImageStorage, instance(i)));
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.SeriesInstanceUID, seriesUid);
            item.AddOrUpdateSequence(DicomTags.ReferencedInstanceSequence, refs.ToArray());
            return item;
        }
    }
}
