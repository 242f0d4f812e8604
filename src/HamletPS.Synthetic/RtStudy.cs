using System.Collections.Generic;

namespace HamletPS.Synthetic
{
    /// <summary>The identifiers of a generated RT study and, once written, its files.</summary>
    public sealed class RtStudy
    {
        internal RtStudy(RtStudyUids uids, string folder, IReadOnlyList<RtStudyFile> files)
        {
            StudyInstanceUid = uids.Study;
            FrameOfReferenceUid = uids.FrameOfReference;
            CtSeriesInstanceUid = uids.CtSeries;
            StructureSetSopInstanceUid = uids.StructureSet;
            PlanSopInstanceUid = uids.Plan;
            DoseSopInstanceUid = uids.Dose;
            RegistrationSopInstanceUid = uids.Registration;
            CbctSeriesInstanceUid = uids.CbctSeries;
            CbctFrameOfReferenceUid = uids.CbctFrameOfReference;
            Folder = folder;
            Files = files;
        }

        public string StudyInstanceUid { get; }
        public string FrameOfReferenceUid { get; }
        public string CtSeriesInstanceUid { get; }
        public string StructureSetSopInstanceUid { get; }
        public string PlanSopInstanceUid { get; }
        public string DoseSopInstanceUid { get; }

        /// <summary>Null unless image guidance was generated.</summary>
        public string RegistrationSopInstanceUid { get; }

        public string CbctSeriesInstanceUid { get; }

        public string CbctFrameOfReferenceUid { get; }

        /// <summary>The folder the study was written to.</summary>
        public string Folder { get; }

        public IReadOnlyList<RtStudyFile> Files { get; }
    }
}
