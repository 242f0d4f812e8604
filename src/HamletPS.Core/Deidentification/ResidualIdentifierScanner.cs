using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Text;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The safety net after protection: searches a protected file (file meta group and dataset at every depth: every text
    /// value, every kept private element, the raw bytes of binary values) and its output path for the original identifying
    /// values of the patient (<see cref="PatientIdentifiers"/>). Hits name the attribute and the kind of identifier, never
    /// the value. Not searched: bulk pixel, overlay and waveform data (burned-in text is outside the profile: no Clean Pixel
    /// Data option), numeric VRs (DS, IS and binary numbers cannot hold text), and UI values (every instance UID is
    /// remapped and registry UIDs hold no identity; with Retain UIDs they are searched).
    /// </summary>
    public sealed class ResidualIdentifierScanner
    {
        private static readonly HashSet<uint> BulkTags = new HashSet<uint> { 0x7FE00010u, 0x7FE00008u, 0x7FE00009u, 0x54001010u };

        public ResidualIdentifierScanner(bool scanUids = false, string uidRoot = UidRemapper.UuidRoot)
        {
            ScanUids = scanUids;
            UidRoot = (uidRoot ?? UidRemapper.UuidRoot).Trim().TrimEnd('.');
        }

        public bool ScanUids { get; }

        public string UidRoot { get; }

        /// <summary>Every residual identifier in the file (empty when clean).</summary>
        public IReadOnlyList<ResidualIdentifierHit> Scan(DicomFile file, PatientIdentifiers ids)
        {
            var hits = new List<ResidualIdentifierHit>();
            if (ids == null || ids.Values.Count == 0) return hits;
            ScanDataset(file.FileMetaInformation, "meta:", ids, hits);
            ScanDataset(file.Dataset, "", ids, hits);
            return hits;
        }

        /// <summary>Hits in a relative output path (folder and file names), ignoring components that are UIDs under our root.</summary>
        public IReadOnlyList<ResidualIdentifierHit> ScanPath(string relativePath, PatientIdentifiers ids)
        {
            var hits = new List<ResidualIdentifierHit>();
            if (ids == null || string.IsNullOrEmpty(relativePath)) return hits;
            foreach (var segment in relativePath.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries))
            {
                // The segment without the UIDs under our root (remapped, so holding no identity), its other tokens kept
                // together: an MRN split by the '_' of a name ("SYN_0000880") is still found in compact form.
                var kept = new List<string>();
                foreach (var token in segment.Split('_'))
                {
                    string t = token.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) ? token.Substring(0, token.Length - 4) : token;
                    if (t.StartsWith(UidRoot + ".", StringComparison.Ordinal) && UidRemapper.IsValidUid(t)) continue;
                    kept.Add(t);
                }
                string rest = string.Join("_", kept);
                if (!ids.Search.ContainsAny(rest)) continue;
                foreach (var v in ids.Values)
                    if (IdentityTextMatcher.Contains(rest, v)) hits.Add(new ResidualIdentifierHit("path", v.Kind));
            }
            return hits;
        }

        private void ScanDataset(DicomDataset ds, string path, PatientIdentifiers ids, List<ResidualIdentifierHit> hits)
        {
            DicomTextEncoding encoding;
            try { encoding = ds.TextEncoding; }
            catch (Exception) { encoding = DicomTextEncoding.Default; }
            var search = ids.Search;
            foreach (var e in ds)
            {
                if (e is DicomSequence seq)
                {
                    string where = path + e.Tag;
                    for (int i = 0; i < seq.Items.Count; i++) ScanDataset(seq.Items[i], where + "[" + i + "]/", ids, hits);
                    continue;
                }
                if (e is DicomFragmentSequence || BulkTags.Contains(e.Tag.Value) || (e.Tag.Group & 0xFF00) == 0x6000 && e.Tag.Element == 0x3000) continue;
                var vr = e.VR;
                if (vr == DicomVR.UI && !ScanUids) continue;
                if (SafeStandardAttributes.IsNonTextVR(vr) && vr != DicomVR.CS && vr != DicomVR.OB && vr != DicomVR.OW) continue;
                if (e.IsReference && !vr.IsString && vr != DicomVR.UN) continue;
                // The location string is built only for a hit (most elements are clean).
                if (vr.IsString)
                {
                    string text;
                    try { text = e.GetValueText(encoding); }
                    catch (IOException) { hits.Add(new ResidualIdentifierHit(path + e.Tag, null)); continue; }
                    catch (Exception)
                    {
                        try { text = Encoding.UTF8.GetString(e.GetBytes()); }
                        catch (IOException) { hits.Add(new ResidualIdentifierHit(path + e.Tag, null)); continue; }
                    }
                    int first = search.FirstContained(text);
                    if (first >= 0) hits.Add(new ResidualIdentifierHit(path + e.Tag, ids.Values[first].Kind));
                }
                else
                {
                    byte[] bytes;
                    try { bytes = e.GetBytes(); }
                    catch (IOException) { hits.Add(new ResidualIdentifierHit(path + e.Tag, null)); continue; }
                    var utf8 = search.Utf8;
                    var utf16 = search.Utf16;
                    for (int i = 0; i < utf8.Length; i++)
                    {
                        if (IdentityTextMatcher.ContainsBytes(bytes, utf8[i]) || IdentityTextMatcher.ContainsBytes(bytes, utf16[i]))
                        { hits.Add(new ResidualIdentifierHit(path + e.Tag, ids.Values[i].Kind)); break; }
                    }
                }
            }
        }
    }

    /// <summary>One residual identifier: where (attribute path or "path") and what kind of identifier; never the value.</summary>
    public sealed class ResidualIdentifierHit
    {
        public ResidualIdentifierHit(string location, IdentifierKind? kind)
        {
            Location = location;
            Kind = kind;
        }

        /// <summary>Attribute path such as "(300A,00B0)[0]/(0008,1010)", "meta:(0002,0016)" or "path".</summary>
        public string Location { get; }

        /// <summary>The kind of identifier found; null when the value could not be read (treated as a hit).</summary>
        public IdentifierKind? Kind { get; }

        public override string ToString() => Location + (Kind.HasValue ? " contains the patient's " + Describe(Kind.Value) : " could not be checked");

        internal static string Describe(IdentifierKind kind)
        {
            switch (kind)
            {
                case IdentifierKind.PatientId: return "Patient ID (MRN)";
                case IdentifierKind.OtherPatientId: return "other patient ID";
                case IdentifierKind.AccessionNumber: return "accession number";
                case IdentifierKind.PatientName: return "name";
                case IdentifierKind.OtherPatientName: return "other name";
                case IdentifierKind.BirthDate: return "birth date";
                case IdentifierKind.Address: return "address";
                case IdentifierKind.Telephone: return "telephone number";
                default: return kind.ToString();
            }
        }
    }
}
