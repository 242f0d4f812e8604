using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// The RT study of <see cref="RtStudyBuilder"/> with recognisable identifying "canary" strings planted in more than 30
    /// places: patient identity and demographics, other IDs and names, institution, personnel, device, descriptions and
    /// labels, ROI names, private data, a value three sequences deep and the folder names of the input tree. After
    /// de-identification none of the <see cref="Canaries"/>' <see cref="Canary.Patterns"/> may appear in any output byte or
    /// path; <see cref="Scan"/> checks a tree. Written in UTF-8 (ISO_IR 192), since the name has a non-ASCII component.
    /// Values a profile may legitimately retain (station name and device serial under Retain Device Identity, labels and
    /// descriptions under Clean Descriptors) carry the patient's own MRN or name, as when a technologist types them there:
    /// the canary is that identity, not the device or label itself.
    /// </summary>
    public sealed class CanaryStudy
    {
        public const string PatientId = "CANARY-MRN-77";
        public const string FamilyName = "CANARYFAMILY";
        public const string GivenName = "CANARYGIVEN";
        public const string MiddleName = "JÖRGCANARY";
        public const string BirthDate = "19230417";
        public const string PrivateCreator = "HAMLETPS SYNTH CANARYFAMILY";
        public const ushort PrivateGroup = 0x0011;

        private readonly List<Canary> _canaries = new List<Canary>();

        /// <param name="options">Study options; by default 4 slices of 32x32 with image guidance (CBCT + registration).</param>
        /// <param name="patientIndex">Index used for UIDs (distinct canary studies in one tree need distinct indexes).</param>
        public CanaryStudy(RtStudyOptions options = null, int patientIndex = 900)
        {
            Options = options?.Clone() ?? new RtStudyOptions { Seed = 77, Slices = 4, ImageSize = 32, IncludeImageGuidance = true };
            Options.SpecificCharacterSet = "ISO_IR 192"; // the copy only: the caller's options keep their character set
            Patient = new SyntheticPatient
            {
                Index = patientIndex,
                PatientId = PatientId,
                FamilyName = FamilyName,
                GivenName = GivenName,
                MiddleName = MiddleName,
                BirthDate = BirthDate,
                Sex = "O",
                OtherPatientIdIssuer = "CANARYISSUER",
                Address = "17 CANARYSTREET, CANARYTOWN",
                Phone = "CANARYPHONE-123",
            };
            Patient.OtherPatientIds.Add("CANARYOTHERID5");
            Patient.OtherPatientNames.Add("CANARYALIAS^OTHERNAME");
            Patient.AccessionNumbers.Add("CANARYACC-77");
            Patient.AccessionNumbers.Add("CANARYACC-REQ");

            var d = new StudyDescriptors
            {
                InstitutionName = "CANARYINSTITUTE",
                InstitutionAddress = "CANARYINSTADDRESS 1 Road",
                InstitutionalDepartmentName = "CANARYDEPARTMENT",
                ReferringPhysicianName = "CANARYREFERRER^DOC",
                PerformingPhysicianName = "CANARYPERFORMER^DOC",
                PhysiciansOfRecord = "CANARYRECORDDOC^DOC",
                OperatorsName = "CANARYOPERATOR^TECH",
                ReviewerName = "CANARYREVIEWER^DOC",
                RoiInterpreter = "CANARYINTERPRETER^DOSI",
                RegistrationContentCreatorName = "CANARYCREATOR^IGRT",
                StationName = "CT-" + PatientId,              // the MRN typed into the station name
                DeviceSerialNumber = "SN9 " + FamilyName,     // the surname typed into a serial field
                StudyId = "CANARYSTUDYID",
                StudyDescription = "CANARYFAMILY-STUDYDESC",
                CtSeriesDescription = "CANARYFAMILY-CTSERIES",
                CbctSeriesDescription = "CANARYFAMILY-CBCTSERIES",
                StructureSeriesDescription = "CANARYFAMILY-SSSERIES",
                PlanSeriesDescription = "CANARYFAMILY-PLANSERIES",
                DoseSeriesDescription = "CANARYFAMILY-DOSESERIES",
                RegistrationSeriesDescription = "CANARYFAMILY-REGSERIES",
                StructureSetLabel = GivenName + " SS",
                StructureSetName = "CANARYFAMILY-SSNAME",
                StructureSetDescription = "CANARYFAMILY-SSDESC",
                RtPlanLabel = "PLN " + FamilyName,
                RtPlanName = "CANARYFAMILY-PLANNAME",
                RtPlanDescription = "CANARYFAMILY-PLANDESC",
                PatientComments = "CANARYCOMMENT about " + PatientId,
                AdditionalPatientHistory = "CANARYHISTORY",
                ImageComments = "CANARYFAMILY-IMAGECOMMENT",
                RequestedProcedureId = "CANARYREQPROC",
            };
            d.RoiNames["PTV"] = "PTV_CANARYFAMILY";
            d.Decorate = Decorate;
            Descriptors = d;

            // the patient's identity
            Add("PatientName", CanaryCategory.PatientIdentity, Patient.PersonName, FamilyName, GivenName, FamilyName + "^" + GivenName);
            AddBytes("PatientName (non-ASCII component)", CanaryCategory.PatientIdentity, MiddleName,
                Encoding.UTF8.GetBytes(MiddleName), Encoding.Latin1.GetBytes(MiddleName));
            Add("PatientID", CanaryCategory.PatientIdentity, PatientId);
            Add("OtherPatientIDsSequence/PatientID", CanaryCategory.PatientIdentity, "CANARYOTHERID5");
            Add("OtherPatientIDsSequence/IssuerOfPatientID", CanaryCategory.PatientIdentity, "CANARYISSUER");
            Add("OtherPatientNames", CanaryCategory.PatientIdentity, "CANARYALIAS^OTHERNAME", "CANARYALIAS");
            Add("AccessionNumber", CanaryCategory.PatientIdentity, "CANARYACC-77");
            Add("RequestAttributesSequence/AccessionNumber", CanaryCategory.PatientIdentity, "CANARYACC-REQ");
            Add("RequestAttributesSequence/RequestedProcedureID", CanaryCategory.PatientIdentity, "CANARYREQPROC");
            Add("StudyID", CanaryCategory.PatientIdentity, "CANARYSTUDYID");
            // demographics
            Add("PatientBirthDate", CanaryCategory.PatientDemographics, BirthDate);
            Add("PatientAddress", CanaryCategory.PatientDemographics, Patient.Address, "CANARYSTREET", "CANARYTOWN");
            Add("PatientTelephoneNumbers", CanaryCategory.PatientDemographics, Patient.Phone);
            Add("PatientComments", CanaryCategory.PatientDemographics, "CANARYCOMMENT");
            Add("AdditionalPatientHistory", CanaryCategory.PatientDemographics, "CANARYHISTORY");
            // institution, personnel, device
            Add("InstitutionName", CanaryCategory.Institution, d.InstitutionName);
            Add("InstitutionAddress", CanaryCategory.Institution, "CANARYINSTADDRESS");
            Add("InstitutionalDepartmentName", CanaryCategory.Institution, d.InstitutionalDepartmentName);
            Add("ReferringPhysicianName", CanaryCategory.Personnel, d.ReferringPhysicianName, "CANARYREFERRER");
            Add("PerformingPhysicianName", CanaryCategory.Personnel, d.PerformingPhysicianName, "CANARYPERFORMER");
            Add("PhysiciansOfRecord", CanaryCategory.Personnel, d.PhysiciansOfRecord, "CANARYRECORDDOC");
            Add("OperatorsName", CanaryCategory.Personnel, d.OperatorsName, "CANARYOPERATOR");
            Add("ReviewerName", CanaryCategory.Personnel, d.ReviewerName, "CANARYREVIEWER");
            Add("RTROIObservationsSequence/ROIInterpreter", CanaryCategory.Personnel, d.RoiInterpreter, "CANARYINTERPRETER");
            Add("ContentCreatorName (registration)", CanaryCategory.Personnel, d.RegistrationContentCreatorName, "CANARYCREATOR");
            Add("StationName", CanaryCategory.Device, d.StationName);
            Add("DeviceSerialNumber", CanaryCategory.Device, d.DeviceSerialNumber);
            // descriptors
            Add("StudyDescription", CanaryCategory.Descriptor, d.StudyDescription);
            Add("SeriesDescription (CT)", CanaryCategory.Descriptor, d.CtSeriesDescription);
            Add("SeriesDescription (CBCT)", CanaryCategory.Descriptor, d.CbctSeriesDescription);
            Add("SeriesDescription (RTSTRUCT)", CanaryCategory.Descriptor, d.StructureSeriesDescription);
            Add("SeriesDescription (RTPLAN)", CanaryCategory.Descriptor, d.PlanSeriesDescription);
            Add("SeriesDescription (RTDOSE)", CanaryCategory.Descriptor, d.DoseSeriesDescription);
            Add("SeriesDescription (REG)", CanaryCategory.Descriptor, d.RegistrationSeriesDescription);
            Add("StructureSetLabel", CanaryCategory.Descriptor, d.StructureSetLabel);
            Add("StructureSetName", CanaryCategory.Descriptor, d.StructureSetName);
            Add("StructureSetDescription", CanaryCategory.Descriptor, d.StructureSetDescription);
            Add("StructureSetROISequence/ROIName", CanaryCategory.Descriptor, "PTV_CANARYFAMILY");
            Add("RTPlanLabel", CanaryCategory.Descriptor, d.RtPlanLabel);
            Add("RTPlanName", CanaryCategory.Descriptor, d.RtPlanName);
            Add("RTPlanDescription", CanaryCategory.Descriptor, d.RtPlanDescription);
            Add("ImageComments", CanaryCategory.Descriptor, d.ImageComments);
            // private data and deep nesting
            Add("private creator (0011,0010)", CanaryCategory.PrivateData, PrivateCreator);
            Add("private element (0011,1001)", CanaryCategory.PrivateData, "CANARYPRIVATEVALUE");
            Add("private element (0011,1002)", CanaryCategory.PrivateData, "CANARYPRIVATENOTE");
            Add("OtherPatientIDsSequence/IssuerOfPatientIDQualifiersSequence/AssigningFacilitySequence/LocalNamespaceEntityID",
                CanaryCategory.NestedSequence, "CANARYDEEPNEST " + PatientId, "CANARYDEEPNEST");
            // folder names
            Add("folder name (name and MRN)", CanaryCategory.Path, PatientFolderName);
            Add("folder name (MRN)", CanaryCategory.Path, StudyFolderName);
        }

        public RtStudyOptions Options { get; }

        public SyntheticPatient Patient { get; }

        public StudyDescriptors Descriptors { get; }

        /// <summary>Every planted canary (more than 30 locations).</summary>
        public IReadOnlyList<Canary> Canaries => _canaries;

        /// <summary>Every distinct byte string of every canary.</summary>
        public IReadOnlyList<byte[]> Patterns =>
            _canaries.SelectMany(c => c.Patterns).GroupBy(Convert.ToBase64String).Select(g => g.First()).ToList();

        /// <summary>Top folder of the written tree below the input root: the patient's name and MRN.</summary>
        public string PatientFolderName => FamilyName + "_" + GivenName + "_" + PatientId;

        /// <summary>Study folder below <see cref="PatientFolderName"/>: named after the MRN, as some PACS exports do.</summary>
        public string StudyFolderName => "MRN " + PatientId + " RT";

        /// <summary>Writes the study below inputRoot/&lt;name and MRN&gt;/&lt;MRN&gt;/ and returns it.</summary>
        public RtStudy Write(string inputRoot)
        {
            if (inputRoot == null) throw new ArgumentNullException(nameof(inputRoot));
            return new RtStudyBuilder(Patient, Options, Descriptors).Write(Path.Combine(inputRoot, PatientFolderName, StudyFolderName));
        }

        /// <summary>The builder for this study (for callers that want the datasets without files).</summary>
        public RtStudyBuilder Builder() => new RtStudyBuilder(Patient, Options, Descriptors);

        /// <summary>
        /// Every canary byte string found in the raw bytes of any file below <paramref name="root"/>, or in the path of any file or
        /// folder relative to it (UTF-8). Empty when nothing leaked.
        /// </summary>
        public IReadOnlyList<CanaryHit> Scan(string root)
        {
            var hits = new List<CanaryHit>();
            var full = Path.GetFullPath(root);
            foreach (var entry in Directory.EnumerateFileSystemEntries(full, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(full, entry);
                Match(Encoding.UTF8.GetBytes(relative), entry, true, hits);
                if (File.Exists(entry)) Match(File.ReadAllBytes(entry), entry, false, hits);
            }
            return hits;
        }

        private void Match(byte[] haystack, string path, bool inPath, List<CanaryHit> hits)
        {
            foreach (var c in _canaries)
                foreach (var p in c.Patterns)
                    if (haystack.AsSpan().IndexOf(p) >= 0)
                    {
                        hits.Add(new CanaryHit(path, inPath, c, Encoding.UTF8.GetString(p)));
                        break;
                    }
        }

        private void Add(string location, CanaryCategory category, string value, params string[] more)
        {
            var patterns = new List<byte[]> { Encoding.UTF8.GetBytes(value) };
            foreach (var m in more) patterns.Add(Encoding.UTF8.GetBytes(m));
            _canaries.Add(new Canary(location, category, value, patterns));
        }

        private void AddBytes(string location, CanaryCategory category, string value, params byte[][] patterns) =>
            _canaries.Add(new Canary(location, category, value, patterns));

        /// <summary>Adds the private elements and the three-level nested MRN to every object.</summary>
        private static void Decorate(DicomDataset ds, RtObjectKind kind)
        {
            var note = ds.GetOrReservePrivateTag(PrivateGroup, PrivateCreator, 0x01);
            ds.AddOrUpdate(note, DicomVR.LO, "CANARYPRIVATEVALUE");
            var note2 = ds.GetOrReservePrivateTag(PrivateGroup, PrivateCreator, 0x02);
            ds.AddOrUpdate(note2, DicomVR.LT, "CANARYPRIVATENOTE for " + FamilyName + " " + PatientId);

            var other = ds.GetItems(DicomTags.OtherPatientIDsSequence);
            if (other.Count == 0) return;
            var facility = new DicomDataset();
            facility.AddOrUpdate(DicomTags.LocalNamespaceEntityID, "CANARYDEEPNEST " + PatientId);
            var qualifiers = new DicomDataset();
            qualifiers.AddOrUpdate(DicomTags.UniversalEntityID, "2.25.1");
            qualifiers.AddOrUpdate(DicomTags.UniversalEntityIDType, "ISO");
            qualifiers.AddOrUpdateSequence(DicomTags.AssigningFacilitySequence, facility);
            other[0].AddOrUpdateSequence(DicomTags.IssuerOfPatientIDQualifiersSequence, qualifiers);
        }
    }
}
