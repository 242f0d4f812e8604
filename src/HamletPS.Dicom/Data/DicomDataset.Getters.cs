using System;
using System.Collections.Generic;
using System.Globalization;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    public sealed partial class DicomDataset
    {
        // ----- strings -----

        /// <summary>The whole value as text (decoded with the Specific Character Set, trailing padding removed; multiple values keep their '\'); null when absent.</summary>
        public string? GetString(DicomTag tag)
        {
            var e = GetElement(tag);
            if (e == null || e is DicomSequence || e is DicomFragmentSequence) return null;
            return e.GetValueText(TextEncoding);
        }

        public string? GetString(string keyword) => GetString(ResolveKeyword(keyword));

        /// <summary>The values split at '\' (for LT, ST, UT and UR the single value), each trimmed of padding; empty when absent.</summary>
        public string[] GetStrings(DicomTag tag)
        {
            var e = GetElement(tag);
            string? all = GetString(tag);
            if (e == null || all == null || all.Length == 0) return Array.Empty<string>();
            if (!e.VR.IsString || !e.VR.IsMultiValuedString) return e.VR.IsString ? new[] { all } : all.Split('\\');
            var parts = all.Split('\\');
            bool trimLeading = e.VR.TextKind == DicomTextKind.Code || e.VR == DicomVR.LO || e.VR == DicomVR.SH;
            for (int i = 0; i < parts.Length; i++)
                parts[i] = trimLeading ? parts[i].Trim(' ', '\0') : parts[i].TrimEnd(' ', '\0');
            return parts;
        }

        public string[] GetStrings(string keyword) => GetStrings(ResolveKeyword(keyword));

        /// <summary>A UID value without padding; null when absent.</summary>
        public string? GetUid(DicomTag tag) => GetString(tag)?.Trim(' ', '\0');

        public string? GetUid(string keyword) => GetUid(ResolveKeyword(keyword));

        /// <summary>A PN value split into component groups and components; null when absent.</summary>
        public DicomPersonName? GetPersonName(DicomTag tag)
        {
            string? s = GetString(tag);
            return s == null ? null : new DicomPersonName(s);
        }

        public DicomPersonName? GetPersonName(string keyword) => GetPersonName(ResolveKeyword(keyword));

        // ----- numbers -----

        /// <summary>Number of values: binary numbers by size, strings by '\'; 0 when absent or empty.</summary>
        public int GetValueCount(DicomTag tag)
        {
            var e = GetElement(tag);
            if (e == null) return 0;
            if (e is DicomSequence s) return s.Items.Count;
            if (e is DicomFragmentSequence f) return f.Fragments.Count;
            if (e.VR.IsString) return GetStrings(tag).Length;
            if (e.IsReference) return (int)Math.Min(int.MaxValue, e.Length / Math.Max(1, e.VR.UnitSize));
            int bytes = e.Data?.Length ?? 0;
            return e.VR == DicomVR.AT ? bytes / 4 : bytes / Math.Max(1, e.VR.UnitSize);
        }

        /// <summary>Value <paramref name="index"/> as a double from IS/DS strings or US/SS/UL/SL/FL/FD/SV/UV/O* binary values.</summary>
        public bool TryGetDouble(DicomTag tag, int index, out double value)
        {
            value = 0;
            var e = GetElement(tag);
            if (e == null || e is DicomSequence || e is DicomFragmentSequence || index < 0) return false;
            if (e.VR.IsString)
            {
                var parts = GetStrings(tag);
                return index < parts.Length && double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            }
            return DicomValueCodec.TryGetBinaryDouble(e.VR, e.GetBytesNoCopy(), index, out value);
        }

        public bool TryGetDouble(DicomTag tag, out double value) => TryGetDouble(tag, 0, out value);

        public double GetDouble(DicomTag tag, int index = 0)
        {
            if (TryGetDouble(tag, index, out double v)) return v;
            throw Missing(tag, index);
        }

        public double GetDouble(string keyword, int index = 0) => GetDouble(ResolveKeyword(keyword), index);

        public double[] GetDoubles(DicomTag tag)
        {
            int n = GetValueCount(tag);
            var result = new double[n];
            for (int i = 0; i < n; i++)
                if (!TryGetDouble(tag, i, out result[i])) throw Missing(tag, i);
            return result;
        }

        public double[] GetDoubles(string keyword) => GetDoubles(ResolveKeyword(keyword));

        /// <summary>Value <paramref name="index"/> as a 64-bit integer from IS/DS (integral) strings or binary integers.</summary>
        public bool TryGetLong(DicomTag tag, int index, out long value)
        {
            value = 0;
            var e = GetElement(tag);
            if (e == null || e is DicomSequence || e is DicomFragmentSequence || index < 0) return false;
            if (e.VR.IsString)
            {
                var parts = GetStrings(tag);
                if (index >= parts.Length) return false;
                if (long.TryParse(parts[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return true;
                if (double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
                {
                    value = (long)d;
                    return true;
                }
                return false;
            }
            return DicomValueCodec.TryGetBinaryLong(e.VR, e.GetBytesNoCopy(), index, out value);
        }

        public long GetLong(DicomTag tag, int index = 0)
        {
            if (TryGetLong(tag, index, out long v)) return v;
            throw Missing(tag, index);
        }

        public bool TryGetInt(DicomTag tag, int index, out int value)
        {
            value = 0;
            if (!TryGetLong(tag, index, out long l) || l < int.MinValue || l > int.MaxValue) return false;
            value = (int)l;
            return true;
        }

        public bool TryGetInt(DicomTag tag, out int value) => TryGetInt(tag, 0, out value);

        public int GetInt(DicomTag tag, int index = 0)
        {
            if (TryGetInt(tag, index, out int v)) return v;
            throw Missing(tag, index);
        }

        public int GetInt(string keyword, int index = 0) => GetInt(ResolveKeyword(keyword), index);

        /// <summary>The value, or <paramref name="defaultValue"/> when absent or not a number.</summary>
        public int GetIntOrDefault(DicomTag tag, int defaultValue) => TryGetInt(tag, 0, out int v) ? v : defaultValue;

        public int[] GetInts(DicomTag tag)
        {
            int n = GetValueCount(tag);
            var result = new int[n];
            for (int i = 0; i < n; i++)
                if (!TryGetInt(tag, i, out result[i])) throw Missing(tag, i);
            return result;
        }

        public int[] GetInts(string keyword) => GetInts(ResolveKeyword(keyword));

        // ----- dates and times -----

        /// <summary>A DA value (YYYYMMDD, also the old YYYY.MM.DD); null when absent, empty or not a date.</summary>
        public DateTime? GetDate(DicomTag tag)
        {
            string? s = GetStrings(tag) is var v && v.Length > 0 ? v[0] : null;
            return DicomDateTimeParser.ParseDate(s);
        }

        public DateTime? GetDate(string keyword) => GetDate(ResolveKeyword(keyword));

        /// <summary>A TM value (HHMMSS.FFFFFF, components optional, also HH:MM:SS) as time of day; null when absent or invalid.</summary>
        public TimeSpan? GetTime(DicomTag tag)
        {
            string? s = GetStrings(tag) is var v && v.Length > 0 ? v[0] : null;
            return DicomDateTimeParser.ParseTime(s);
        }

        public TimeSpan? GetTime(string keyword) => GetTime(ResolveKeyword(keyword));

        /// <summary>A DT value (YYYYMMDDHHMMSS.FFFFFF&amp;ZZXX, components optional) as a local date-time, the offset ignored; null when invalid.</summary>
        public DateTime? GetDateTime(DicomTag tag) => GetDateTimeOffset(tag)?.DateTime;

        public DateTime? GetDateTime(string keyword) => GetDateTime(ResolveKeyword(keyword));

        /// <summary>A DT value with its UTC offset (zero when the value carries none).</summary>
        public DateTimeOffset? GetDateTimeOffset(DicomTag tag)
        {
            string? s = GetStrings(tag) is var v && v.Length > 0 ? v[0] : null;
            return DicomDateTimeParser.ParseDateTime(s);
        }

        /// <summary>A DA and a TM element combined (e.g. StudyDate + StudyTime); the time part is midnight when the TM is absent.</summary>
        public DateTime? GetDateTime(DicomTag dateTag, DicomTag timeTag)
        {
            var d = GetDate(dateTag);
            if (d == null) return null;
            var t = GetTime(timeTag);
            return t == null ? d : d.Value + t.Value;
        }

        // ----- sequences -----

        /// <summary>The sequence element, or null when absent or not a sequence.</summary>
        public DicomSequence? GetSequence(DicomTag tag) => GetElement(tag) as DicomSequence;

        public DicomSequence? GetSequence(string keyword) => GetSequence(ResolveKeyword(keyword));

        /// <summary>The items of a sequence (empty when absent).</summary>
        public IList<DicomDataset> GetItems(DicomTag tag) => (IList<DicomDataset>?)GetSequence(tag)?.Items ?? Array.Empty<DicomDataset>();

        /// <summary>The value bytes (a copy; referenced values are loaded from their source); null when absent or a sequence.</summary>
        public byte[]? GetBytes(DicomTag tag) => GetElement(tag)?.GetBytes();

        private static Exception Missing(DicomTag tag, int index) =>
            new KeyNotFoundException(tag + ": value " + (index + 1) + " is absent or not a number.");
    }
}
