using System;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>The Query/Retrieve information model (PS3.4 C.6): Patient Root or Study Root.</summary>
    public enum QueryRetrieveModel
    {
        StudyRoot,
        PatientRoot,
    }

    /// <summary>The SOP classes of each information model, and the level text of the identifier.</summary>
    public static class QueryRetrieveSopClasses
    {
        public static string Find(QueryRetrieveModel model) =>
            model == QueryRetrieveModel.PatientRoot ? DicomUids.PatientRootQueryRetrieveInformationModelFind : DicomUids.StudyRootQueryRetrieveInformationModelFind;

        public static string Get(QueryRetrieveModel model) =>
            model == QueryRetrieveModel.PatientRoot ? DicomUids.PatientRootQueryRetrieveInformationModelGet : DicomUids.StudyRootQueryRetrieveInformationModelGet;

        public static string Move(QueryRetrieveModel model) =>
            model == QueryRetrieveModel.PatientRoot ? DicomUids.PatientRootQueryRetrieveInformationModelMove : DicomUids.StudyRootQueryRetrieveInformationModelMove;

        /// <summary>The (0008,0052) value: PATIENT, STUDY, SERIES or IMAGE.</summary>
        public static string LevelText(QueryRetrieveLevel level)
        {
            switch (level)
            {
                case QueryRetrieveLevel.Patient: return "PATIENT";
                case QueryRetrieveLevel.Study: return "STUDY";
                case QueryRetrieveLevel.Series: return "SERIES";
                default: return "IMAGE";
            }
        }

        /// <summary>The Study Root model has no PATIENT level (PS3.4 C.6.2).</summary>
        public static void CheckLevel(QueryRetrieveModel model, QueryRetrieveLevel level)
        {
            if (model == QueryRetrieveModel.StudyRoot && level == QueryRetrieveLevel.Patient)
                throw new ArgumentException("The Study Root information model has no PATIENT level: use the Patient Root model.");
        }
    }
}
