using System;
using System.Globalization;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    public sealed partial class DicomDataset
    {
        /// <summary>
        /// Sets text values, choosing the VR from the dictionary (LO for private creators; binary VRs such as US parse the
        /// strings as numbers). Private data elements need the VR: use the overload that takes one.
        /// </summary>
        public DicomDataset AddOrUpdate(DicomTag tag, params string[] values) => AddOrUpdate(tag, VRFor(tag), values);

        public DicomDataset AddOrUpdate(string keyword, params string[] values) => AddOrUpdate(ResolveKeyword(keyword), values);

        /// <summary>Sets text values with the given VR (encoded with this dataset's character set; binary VRs parse numbers).</summary>
        public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params string[] values)
        {
            if (vr == null) throw new ArgumentNullException(nameof(vr));
            values = values ?? Array.Empty<string>();
            if (vr == DicomVR.SQ) throw new ArgumentException("Use AddOrUpdate(DicomSequence) for sequences.", nameof(vr));
            byte[] bytes;
            if (vr.IsString)
            {
                string joined = values.Length == 1 ? (values[0] ?? string.Empty) : string.Join("\\", values);
                if (!vr.IsMultiValuedString && values.Length > 1) throw new ArgumentException("VR " + vr.Code + " holds a single value.", nameof(values));
                var encoding = tag.Value == SpecificCharacterSetTag.Value ? DicomTextEncoding.Default : TextEncoding;
                bytes = encoding.Encode(joined, vr.TextKind);
            }
            else if (vr == DicomVR.OB || vr == DicomVR.UN)
                throw new ArgumentException("VR " + vr.Code + " holds bytes: use AddOrUpdate(tag, vr, byte[]).", nameof(vr));
            else bytes = DicomValueCodec.EncodeBinary(vr, values);
            return AddOrUpdate(new DicomElement(tag, vr, bytes));
        }

        /// <summary>Sets integer values (US, SS, UL, SL, SV, UV, IS, DS, FL, FD… from the dictionary).</summary>
        public DicomDataset AddOrUpdate(DicomTag tag, params int[] values) => AddOrUpdate(tag, VRFor(tag), values);

        public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params int[] values)
        {
            values = values ?? Array.Empty<int>();
            var longs = new long[values.Length];
            for (int i = 0; i < values.Length; i++) longs[i] = values[i];
            return AddOrUpdate(tag, vr, longs);
        }

        public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params long[] values)
        {
            if (vr == null) throw new ArgumentNullException(nameof(vr));
            values = values ?? Array.Empty<long>();
            if (vr.IsString)
            {
                var s = new string[values.Length];
                for (int i = 0; i < values.Length; i++) s[i] = values[i].ToString(CultureInfo.InvariantCulture);
                return AddOrUpdate(tag, vr, s);
            }
            return AddOrUpdate(new DicomElement(tag, vr, DicomValueCodec.EncodeBinary(vr, values)));
        }

        /// <summary>Sets decimal values (DS as the shortest round-tripping text within 16 characters, FL/FD binary…).</summary>
        public DicomDataset AddOrUpdate(DicomTag tag, params double[] values) => AddOrUpdate(tag, VRFor(tag), values);

        public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, params double[] values)
        {
            if (vr == null) throw new ArgumentNullException(nameof(vr));
            values = values ?? Array.Empty<double>();
            if (vr.IsString)
            {
                var s = new string[values.Length];
                for (int i = 0; i < values.Length; i++) s[i] = FormatDecimalString(values[i]);
                return AddOrUpdate(tag, vr, s);
            }
            return AddOrUpdate(new DicomElement(tag, vr, DicomValueCodec.EncodeBinary(vr, values)));
        }

        /// <summary>Sets raw bytes (little endian for binary numbers); the array is not copied.</summary>
        public DicomDataset AddOrUpdate(DicomTag tag, DicomVR vr, byte[] bytes) => AddOrUpdate(new DicomElement(tag, vr, bytes));

        /// <summary>Sets a DA value.</summary>
        public DicomDataset AddOrUpdateDate(DicomTag tag, DateTime date) =>
            AddOrUpdate(tag, DicomVR.DA, date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

        /// <summary>Sets a TM value (HHMMSS, with .FFFFFF when the time has fractions).</summary>
        public DicomDataset AddOrUpdateTime(DicomTag tag, TimeSpan time)
        {
            string s = time.Hours.ToString("00", CultureInfo.InvariantCulture) + time.Minutes.ToString("00", CultureInfo.InvariantCulture) +
                       time.Seconds.ToString("00", CultureInfo.InvariantCulture);
            long frac = time.Ticks % TimeSpan.TicksPerSecond;
            if (frac != 0) s += "." + (frac / 10).ToString("000000", CultureInfo.InvariantCulture);
            return AddOrUpdate(tag, DicomVR.TM, s);
        }

        /// <summary>Sets a sequence with the given items (replacing any element with that tag).</summary>
        public DicomSequence AddOrUpdateSequence(DicomTag tag, params DicomDataset[] items)
        {
            var seq = new DicomSequence(tag, items);
            AddOrUpdate(seq);
            return seq;
        }

        /// <summary>The VR the dictionary gives a tag (first of ambiguous ones; LO for private creators, UL for group lengths).</summary>
        private static DicomVR VRFor(DicomTag tag)
        {
            if (tag.IsPrivateCreator) return DicomVR.LO;
            if (tag.IsGroupLength) return DicomVR.UL;
            var entry = tag.IsPrivate ? null : DicomDictionary.Lookup(tag);
            if (entry?.VR == null) throw new ArgumentException(tag + " is not in the data dictionary: give the VR.", nameof(tag));
            return entry.VR;
        }

        /// <summary>A DS string of at most 16 characters.</summary>
        internal static string FormatDecimalString(double v)
        {
            if (double.IsNaN(v) || double.IsInfinity(v)) throw new ArgumentException("DS cannot hold NaN or infinity.");
            string s = v.ToString("R", CultureInfo.InvariantCulture);
            if (s.Length <= 16) return s;
            for (int digits = 15; digits > 0; digits--)
            {
                s = v.ToString("G" + digits, CultureInfo.InvariantCulture);
                if (s.Length <= 16) return s;
            }
            return s;
        }
    }
}
