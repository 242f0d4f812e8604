using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// A scratch site for one fuzz iteration: <c>&lt;root&gt;/site</c> (config.yaml, mapping.csv and the data folders) and
    /// <c>&lt;root&gt;/outside</c>, a folder beside the site that no command may change. Hazards add files, mapping rows, canaries
    /// and checks through it.
    /// </summary>
    public sealed class FuzzSite
    {
        private int _sop;

        public FuzzSite(string root)
        {
            Root = root;
            Site = Path.Combine(root, "site");
            Outside = Path.Combine(root, "outside");
            Directory.CreateDirectory(Incoming);
            Directory.CreateDirectory(Outside);
            File.WriteAllText(Path.Combine(Outside, "keep.txt"), "outside the site: must never change");
        }

        public string Root { get; }
        public string Site { get; }
        public string Outside { get; }
        public string Incoming => Path.Combine(Site, "incoming");
        public string Sorted => Path.Combine(Site, "sorted");
        public string Outgoing => Path.Combine(Site, "outgoing");
        public string ConfigPath => Path.Combine(Site, "config.yaml");
        public string MappingPath => Path.Combine(Site, "mapping.csv");

        /// <summary>Folders whose names may hold a Patient ID by design (site only): the sender's tree, the sorted tree and the quarantine.</summary>
        public IReadOnlyList<string> SiteOnlyFolders => new[] { Incoming, Sorted, Path.Combine(Site, "quarantine") };

        /// <summary>Values that must not appear in any printed line, in any name outside <see cref="SiteOnlyFolders"/>, nor in an archive.</summary>
        public List<string> Canaries { get; } = new List<string>();

        /// <summary>mapping.csv's data rows (raw CSV text, one line each); the header MRN,Study_ID is written first.</summary>
        public List<string> MappingRows { get; } = new List<string>();

        /// <summary>Checks a hazard adds, run after the pipeline with its result.</summary>
        public List<Action<FuzzRun>> Checks { get; } = new List<Action<FuzzRun>>();

        /// <summary>A synthetic single-frame CT (UTF-8 character set) with the given identity; returns its path below INCOMING.</summary>
        public string AddDicom(string relativePath, string patientId, string patientName = "SYNTHFUZZ^PATIENT", Action<DicomDataset> edit = null)
        {
            string path = Path.Combine(Incoming, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            int n = ++_sop;
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.7700" + n);
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, "2.25.7711");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, "2.25.7722");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.SeriesNumber, "1");
            ds.AddOrUpdate(DicomTags.InstanceNumber, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ds.AddOrUpdate(DicomTags.StudyDate, "20240102");
            if (patientId != null) ds.AddOrUpdate(DicomTags.PatientID, patientId);
            ds.AddOrUpdate(DicomTags.PatientName, patientName);
            ds.AddOrUpdate(DicomTags.PatientBirthDate, "19500607");
            edit?.Invoke(ds);
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            return path;
        }

        /// <summary>Writes config.yaml (MAPPINGFILE configured) and mapping.csv; call once the hazards are planted.</summary>
        public void WriteConfiguration()
        {
            File.WriteAllText(ConfigPath,
                "APP:\n  SITE: fuzz\n  USER: fz\nDATAPATH:\n  INCOMING: incoming/\n  SORTED: sorted/\n  OUTGOING: outgoing/\n" +
                "CIPHER:\n  FOLDERKEY: " + SampleData.SampleFolderKey + "\nHAMLET:\n  MAPPINGFILE: mapping.csv\n", new UTF8Encoding(false));
            File.WriteAllText(MappingPath, "MRN,Study_ID\r\n" + string.Join("\r\n", MappingRows) + "\r\n", new UTF8Encoding(false));
        }
    }
}
