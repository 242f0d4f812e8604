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
            var trail = new List<KeyValuePair<DicomTag, int>>();
            ScanDataset(file.FileMetaInformation, "meta:", trail, ids, hits);
            ScanDataset(file.Dataset, "", trail, ids, hits);
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

        /// <param name="trail">The sequences and items above <paramref name="ds"/> (pushed and popped as the scan descends): the
        /// location string of an element is built from it only for a hit, as most elements are clean.</param>
        private void ScanDataset(DicomDataset ds, string prefix, List<KeyValuePair<DicomTag, int>> trail, PatientIdentifiers ids, List<ResidualIdentifierHit> hits)
        {
            DicomTextEncoding encoding;
            try { encoding = ds.TextEncoding; }
            catch (Exception) { encoding = DicomTextEncoding.Default; }
            var search = ids.Search;
            foreach (var e in ds)
            {
                if (e is DicomSequence seq)
                {
                    for (int i = 0; i < seq.Items.Count; i++)
                    {
                        trail.Add(new KeyValuePair<DicomTag, int>(e.Tag, i));
                        ScanDataset(seq.Items[i], prefix, trail, ids, hits);
                        trail.RemoveAt(trail.Count - 1);
                    }
                    continue;
                }
                if (e is DicomFragmentSequence || IsBulk(e.Tag)) continue;
                var vr = e.VR;
                if (vr == DicomVR.UI && !ScanUids) continue;
                if (SafeStandardAttributes.IsNonTextVR(vr) && vr != DicomVR.CS && vr != DicomVR.OB && vr != DicomVR.OW) continue;
                if (e.IsReference && !vr.IsString && vr != DicomVR.UN) continue;
                if (vr.IsString)
                {
                    string text;
                    try { text = e.GetValueText(encoding); }
                    catch (IOException) { hits.Add(new ResidualIdentifierHit(Location(prefix, trail, e.Tag), null)); continue; }
                    catch (Exception)
                    {
                        try { text = Encoding.UTF8.GetString(e.GetBytes()); }
                        catch (IOException) { hits.Add(new ResidualIdentifierHit(Location(prefix, trail, e.Tag), null)); continue; }
                    }
                    int first = search.FirstContained(text);
                    if (first >= 0) hits.Add(new ResidualIdentifierHit(Location(prefix, trail, e.Tag), ids.Values[first].Kind));
                }
                else
                {
                    byte[] bytes;
                    try { bytes = e.GetBytes(); }
                    catch (IOException) { hits.Add(new ResidualIdentifierHit(Location(prefix, trail, e.Tag), null)); continue; }
                    var utf8 = search.Utf8;
                    var utf16 = search.Utf16;
                    for (int i = 0; i < utf8.Length; i++)
                    {
                        if (IdentityTextMatcher.ContainsBytes(bytes, utf8[i]) || IdentityTextMatcher.ContainsBytes(bytes, utf16[i]))
                        { hits.Add(new ResidualIdentifierHit(Location(prefix, trail, e.Tag), ids.Values[i].Kind)); break; }
                    }
                }
            }
        }

        /// <summary>Pixel Data, Float and Double Float Pixel Data, Waveform Data and overlay data: bulk data, not searched.</summary>
        private static bool IsBulk(DicomTag tag)
        {
            uint t = tag.Value;
            return t == 0x7FE00010u || t == 0x7FE00008u || t == 0x7FE00009u || t == 0x54001010u || (tag.Group & 0xFF00) == 0x6000 && tag.Element == 0x3000;
        }

        /// <summary>"(300A,00B0)[0]/(0008,1010)": the sequences and items above the element, then its tag.</summary>
        private static string Location(string prefix, List<KeyValuePair<DicomTag, int>> trail, DicomTag tag)
        {
            var sb = new StringBuilder(prefix);
            foreach (var step in trail) sb.Append(step.Key.ToString()).Append('[').Append(step.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("]/");
            return sb.Append(tag.ToString()).ToString();
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
