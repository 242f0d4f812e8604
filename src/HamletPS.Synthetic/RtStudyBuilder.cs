using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// Generates a complete, linked radiotherapy study for one synthetic patient: planning CT, RTSTRUCT (contours on the CT
    /// slices), RTPLAN (referencing the structure set), RTDOSE (referencing the plan, in the CT's frame of reference) and,
    /// optionally, a CBCT with a Spatial Registration. Objects are produced lazily (<see cref="Objects"/>) so large series
    /// stream; <see cref="Write"/> saves them as Part 10 files (Explicit VR Little Endian). Deterministic for a seed.
    /// </summary>
    public sealed partial class RtStudyBuilder
    {
        private readonly SyntheticPatient _patient;
        private readonly RtStudyOptions _options;
        private readonly StudyDescriptors _text;
        private readonly RtStudyUids _uids;
        private readonly CtPhantom _ct;
        private readonly CtPhantom _cbct;
        private readonly string _studyDate;
        private readonly string _studyTime;
        private readonly string _planDate;

        /// <summary>SOP Class UID used in RT Referenced Study Sequence (Detached Study Management, as treatment planning systems write).</summary>
        public const string StudyComponentReferenceClassUid = "1.2.840.10008.3.1.2.3.1";

        public RtStudyBuilder(SyntheticPatient patient, RtStudyOptions options = null, StudyDescriptors descriptors = null)
        {
            _patient = patient ?? throw new ArgumentNullException(nameof(patient));
            _options = options ?? new RtStudyOptions();
            _text = descriptors ?? StudyDescriptors.Default;
            if (_options.IncludePlan && !_options.IncludeStructureSet) throw new ArgumentException("An RT Plan needs the structure set.", nameof(options));
            if (_options.IncludeDose && !_options.IncludePlan) throw new ArgumentException("An RT Dose needs the plan.", nameof(options));
            _uids = new RtStudyUids(new SyntheticUidFactory(_options.Seed), patient.Index, _options);
            _ct = new CtPhantom(_options.ImageSize, _options.Slices, _options.SliceThickness, _options.Seed ^ (ulong)(patient.Index + 1) * 0x51ED27UL);
            if (_options.IncludeImageGuidance)
            {
                int n = _options.CbctSlices > 0 ? _options.CbctSlices : _options.Slices;
                _cbct = new CtPhantom(_options.ImageSize, n, _options.SliceThickness, _options.Seed ^ (ulong)(patient.Index + 1) * 0xCBC7UL, 500, 2.5, -1.5, 1.0);
            }
            var r = SyntheticRandom.For(_options.Seed, "study-dates/" + patient.Index.ToString(CultureInfo.InvariantCulture));
            var date = new DateTime(2024, 1, 8).AddDays(r.Next(700));
            _studyDate = Da(date);
            _studyTime = (8 + r.Next(9)).ToString("00", CultureInfo.InvariantCulture) + r.Next(60).ToString("00", CultureInfo.InvariantCulture) + "00";
            _planDate = Da(date.AddDays(3));
        }

        public SyntheticPatient Patient => _patient;

        /// <summary>The planning CT phantom (geometry for callers that check contours or dose).</summary>
        public CtPhantom PlanningCt => _ct;

        /// <summary>The study's identifiers (no files listed).</summary>
        public RtStudy Identifiers => new RtStudy(_uids, null, Array.Empty<RtStudyFile>());

        public string StudyDate => _studyDate;

        /// <summary>The objects in order (CT slices, RTSTRUCT, RTPLAN, RTDOSE, CBCT slices, registration), built one at a time.</summary>
        public IEnumerable<RtStudyObject> Objects()
        {
            for (int i = 0; i < _ct.SliceCount; i++)
                yield return new RtStudyObject(RtObjectKind.CtImage, "CT/CT" + (i + 1).ToString("0000", CultureInfo.InvariantCulture) + ".dcm", CtSlice(i, false));
            if (_options.IncludeStructureSet) yield return new RtStudyObject(RtObjectKind.StructureSet, "RTSTRUCT/RS.dcm", StructureSet());
            if (_options.IncludePlan) yield return new RtStudyObject(RtObjectKind.Plan, "RTPLAN/RP.dcm", Plan());
            if (_options.IncludeDose) yield return new RtStudyObject(RtObjectKind.Dose, "RTDOSE/RD.dcm", Dose());
            if (_cbct != null)
            {
                for (int i = 0; i < _cbct.SliceCount; i++)
                    yield return new RtStudyObject(RtObjectKind.CbctImage, "CBCT/CB" + (i + 1).ToString("0000", CultureInfo.InvariantCulture) + ".dcm", CtSlice(i, true));
                yield return new RtStudyObject(RtObjectKind.SpatialRegistration, "REG/RE.dcm", Registration());
            }
        }

        /// <summary>Writes every object below <paramref name="folder"/> (created when missing) and lists the files.</summary>
        public RtStudy Write(string folder, CancellationToken cancellationToken = default)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            var files = new List<RtStudyFile>();
            foreach (var o in Objects())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = Path.Combine(folder, o.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                new DicomFile(o.Dataset).Save(path);
                files.Add(new RtStudyFile(o.Kind, path, o.SopClassUid, o.SopInstanceUid, o.Dataset.GetUid(DicomTags.SeriesInstanceUID), new FileInfo(path).Length));
            }
            return new RtStudy(_uids, folder, files);
        }

        // ----- modules shared by every object -----

        private DicomDataset NewDataset(string sopClass, string sopInstance, string modality, string seriesUid, int seriesNumber, string seriesDescription)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, _options.SpecificCharacterSet);
            ds.AddOrUpdate(DicomTags.SOPClassUID, sopClass);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, sopInstance);
            ds.AddOrUpdate(DicomTags.InstanceCreationDate, _studyDate);
            ds.AddOrUpdate(DicomTags.InstanceCreationTime, _studyTime);
            // Patient
            ds.AddOrUpdate(DicomTags.PatientName, _patient.PersonName);
            ds.AddOrUpdate(DicomTags.PatientID, _patient.PatientId);
            ds.AddOrUpdate(DicomTags.PatientBirthDate, _patient.BirthDate);
            ds.AddOrUpdate(DicomTags.PatientSex, _patient.Sex);
            if (_patient.OtherPatientIds.Count > 0)
            {
                var items = new List<DicomDataset>();
                foreach (var id in _patient.OtherPatientIds)
                {
                    var item = new DicomDataset();
                    item.AddOrUpdate(DicomTags.PatientID, id);
                    if (_patient.OtherPatientIdIssuer != null) item.AddOrUpdate(DicomTags.IssuerOfPatientID, _patient.OtherPatientIdIssuer);
                    item.AddOrUpdate(DicomTags.TypeOfPatientID, "TEXT");
                    items.Add(item);
                }
                ds.AddOrUpdateSequence(DicomTags.OtherPatientIDsSequence, items.ToArray());
            }
            if (_patient.OtherPatientNames.Count > 0) ds.AddOrUpdate(DicomTags.OtherPatientNames, ToArray(_patient.OtherPatientNames));
            if (_patient.Address != null) ds.AddOrUpdate(DicomTags.PatientAddress, _patient.Address);
            if (_patient.Phone != null) ds.AddOrUpdate(DicomTags.PatientTelephoneNumbers, _patient.Phone);
            if (_text.PatientComments != null) ds.AddOrUpdate(DicomTags.PatientComments, _text.PatientComments);
            // Patient Study
            ds.AddOrUpdate(DicomTags.PatientAge, _patient.AgeAt(_studyDate));
            if (_text.AdditionalPatientHistory != null) ds.AddOrUpdate(DicomTags.AdditionalPatientHistory, _text.AdditionalPatientHistory);
            // General Study
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, _uids.Study);
            ds.AddOrUpdate(DicomTags.StudyDate, _studyDate);
            ds.AddOrUpdate(DicomTags.StudyTime, _studyTime);
            ds.AddOrUpdate(DicomTags.ReferringPhysicianName, _text.ReferringPhysicianName ?? string.Empty);
            ds.AddOrUpdate(DicomTags.StudyID, _text.StudyId ?? string.Empty);
            ds.AddOrUpdate(DicomTags.AccessionNumber, _patient.AccessionNumbers.Count > 0 ? _patient.AccessionNumbers[0] : string.Empty);
            if (_text.StudyDescription != null) ds.AddOrUpdate(DicomTags.StudyDescription, _text.StudyDescription);
            if (_text.PhysiciansOfRecord != null) ds.AddOrUpdate(DicomTags.PhysiciansOfRecord, _text.PhysiciansOfRecord);
            // General / RT Series
            ds.AddOrUpdate(DicomTags.Modality, modality);
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, seriesUid);
            ds.AddOrUpdate(DicomTags.SeriesNumber, seriesNumber);
            ds.AddOrUpdate(DicomTags.SeriesDate, _studyDate);
            ds.AddOrUpdate(DicomTags.SeriesTime, _studyTime);
            if (seriesDescription != null) ds.AddOrUpdate(DicomTags.SeriesDescription, seriesDescription);
            ds.AddOrUpdate(DicomTags.OperatorsName, _text.OperatorsName ?? string.Empty);
            if (_text.PerformingPhysicianName != null) ds.AddOrUpdate(DicomTags.PerformingPhysicianName, _text.PerformingPhysicianName);
            var request = new DicomDataset();
            if (_patient.AccessionNumbers.Count > 0) request.AddOrUpdate(DicomTags.AccessionNumber, _patient.AccessionNumbers[_patient.AccessionNumbers.Count > 1 ? 1 : 0]);
            request.AddOrUpdate(DicomTags.RequestedProcedureID, _text.RequestedProcedureId ?? "RP1");
            request.AddOrUpdate(DicomTags.ScheduledProcedureStepID, "SPS1");
            ds.AddOrUpdateSequence(DicomTags.RequestAttributesSequence, request);
            // General Equipment
            ds.AddOrUpdate(DicomTags.Manufacturer, _text.Manufacturer ?? string.Empty);
            if (_text.InstitutionName != null) ds.AddOrUpdate(DicomTags.InstitutionName, _text.InstitutionName);
            if (_text.InstitutionAddress != null) ds.AddOrUpdate(DicomTags.InstitutionAddress, _text.InstitutionAddress);
            if (_text.InstitutionalDepartmentName != null) ds.AddOrUpdate(DicomTags.InstitutionalDepartmentName, _text.InstitutionalDepartmentName);
            if (_text.StationName != null) ds.AddOrUpdate(DicomTags.StationName, _text.StationName);
            if (_text.ManufacturerModelName != null) ds.AddOrUpdate(DicomTags.ManufacturerModelName, _text.ManufacturerModelName);
            if (_text.DeviceSerialNumber != null) ds.AddOrUpdate(DicomTags.DeviceSerialNumber, _text.DeviceSerialNumber);
            ds.AddOrUpdate(DicomTags.SoftwareVersions, "HamletPS.Synthetic");
            return ds;
        }

        private DicomDataset Finish(DicomDataset ds, RtObjectKind kind)
        {
            _text.Decorate?.Invoke(ds, kind);
            return ds;
        }

        private static void FrameOfReference(DicomDataset ds, string uid)
        {
            ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, uid);
            ds.AddOrUpdate(DicomTags.PositionReferenceIndicator, string.Empty);
        }

        private static void Approval(DicomDataset ds, string reviewer, string date)
        {
            ds.AddOrUpdate(DicomTags.ApprovalStatus, "APPROVED");
            ds.AddOrUpdate(DicomTags.ReviewDate, date);
            ds.AddOrUpdate(DicomTags.ReviewTime, "120000");
            ds.AddOrUpdate(DicomTags.ReviewerName, reviewer ?? string.Empty);
        }

        private static DicomDataset Reference(string sopClass, string sopInstance)
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.ReferencedSOPClassUID, sopClass);
            item.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, sopInstance);
            return item;
        }

        // ----- value formatting -----

        internal static string Da(DateTime d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        /// <summary>A DS string of at most 16 characters, without "-0".</summary>
        internal static string Ds(double v)
        {
            if (Math.Abs(v) < 5e-7) return "0";
            for (int decimals = 6; decimals >= 0; decimals--)
            {
                string s = Math.Round(v, decimals).ToString("0." + new string('#', Math.Max(1, decimals)), CultureInfo.InvariantCulture);
                if (s == "-0") s = "0";
                if (s.Length <= 16) return s;
            }
            throw new ArgumentOutOfRangeException(nameof(v), "Value too large for DS.");
        }

        internal static string[] Ds(double[] values)
        {
            var s = new string[values.Length];
            for (int i = 0; i < values.Length; i++) s[i] = Ds(values[i]);
            return s;
        }

        private static void SetDs(DicomDataset ds, DicomTag tag, params double[] values) => ds.AddOrUpdate(tag, DicomVR.DS, Ds(values));

        private static string[] ToArray(IList<string> list)
        {
            var a = new string[list.Count];
            list.CopyTo(a, 0);
            return a;
        }
    }
}
