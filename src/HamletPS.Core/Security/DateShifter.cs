using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// Keyed per-patient date shifting (Retain Longitudinal Temporal Information with Modified Dates). The offset is a whole
    /// number of days in [MinimumOffsetDays, MaximumOffsetDays] derived from HMAC-SHA256(dateKey, original patient ID), so the
    /// same patient always moves by the same amount and intervals between that patient's objects survive.
    /// Because offsets are whole days, TM values and the time part of DT never change (no time-of-day roll-over can occur).
    /// DA: YYYYMMDD (also the ACR-NEMA form YYYY.MM.DD), ranges "A-B", "-B", "A-" and multiple values separated by '\'.
    /// DT: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&amp;ZZXX]; fraction and UTC offset are kept; partial-precision values are shifted as if
    /// the missing month/day were 01 and written back at their original precision. Empty values stay empty.
    /// </summary>
    public sealed class DateShifter
    {
        public const int DefaultMinimumOffsetDays = -365;
        public const int DefaultMaximumOffsetDays = -30;
        private static readonly Regex DtPattern = new Regex(
            @"^(?<y>\d{4})(?<mo>\d{2})?(?<d>\d{2})?(?<rest>(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?)(?<tz>[+-]\d{4})?$",
            RegexOptions.CultureInvariant);
        private readonly byte[] _key;

        public DateShifter(byte[] dateKey, int minimumOffsetDays = DefaultMinimumOffsetDays, int maximumOffsetDays = DefaultMaximumOffsetDays)
        {
            if (dateKey == null) throw new ArgumentNullException(nameof(dateKey));
            if (dateKey.Length < 16) throw new ArgumentException("The date key must be at least 16 bytes.", nameof(dateKey));
            if (minimumOffsetDays > maximumOffsetDays) throw new ArgumentException("The minimum date offset is greater than the maximum.");
            if (minimumOffsetDays < -36500 || maximumOffsetDays > 36500) throw new ArgumentException("Date offsets are limited to 100 years either way.");
            _key = (byte[])dateKey.Clone();
            MinimumOffsetDays = minimumOffsetDays;
            MaximumOffsetDays = maximumOffsetDays;
        }

        public int MinimumOffsetDays { get; }
        public int MaximumOffsetDays { get; }

        /// <summary>The patient's offset in days, from the original (pre-protection) patient ID.</summary>
        public int OffsetDaysFor(string originalPatientId)
        {
            if (originalPatientId == null) throw new ArgumentNullException(nameof(originalPatientId));
            byte[] mac;
            using (var hmac = new HMACSHA256(_key)) mac = hmac.ComputeHash(Encoding.UTF8.GetBytes(originalPatientId.Trim()));
            ulong value = BitConverter.ToUInt64(mac, 0);
            ulong span = (ulong)((long)MaximumOffsetDays - MinimumOffsetDays + 1);
            return (int)((long)MinimumOffsetDays + (long)(value % span));
        }

        /// <summary>Shifts a DA value (single, range, or backslash-separated multiple values).</summary>
        public static string ShiftDate(string value, int days)
        {
            if (string.IsNullOrEmpty(value)) return value;
            var parts = value.Split('\\');
            for (int i = 0; i < parts.Length; i++) parts[i] = ShiftDateOrRange(parts[i], days);
            return string.Join("\\", parts);
        }

        /// <summary>Shifts a DT value (single, range, or backslash-separated multiple values).</summary>
        public static string ShiftDateTime(string value, int days)
        {
            if (string.IsNullOrEmpty(value)) return value;
            var parts = value.Split('\\');
            for (int i = 0; i < parts.Length; i++) parts[i] = ShiftDateTimeOrRange(parts[i], days);
            return string.Join("\\", parts);
        }

        private static string ShiftDateOrRange(string value, int days)
        {
            var trimmed = value.Trim();
            if (trimmed.Length == 0) return value;
            int dash = trimmed.IndexOf('-');
            if (dash < 0) return ShiftSingleDate(trimmed, days);
            if (trimmed.IndexOf('-', dash + 1) >= 0) throw new DateShiftException("A DA range has more than one '-'.");
            var from = trimmed.Substring(0, dash).Trim();
            var to = trimmed.Substring(dash + 1).Trim();
            if (from.Length == 0 && to.Length == 0) throw new DateShiftException("A DA range has neither start nor end.");
            return (from.Length == 0 ? "" : ShiftSingleDate(from, days)) + "-" + (to.Length == 0 ? "" : ShiftSingleDate(to, days));
        }

        private static string ShiftSingleDate(string value, int days)
        {
            // The usual YYYYMMDD without the culture machinery of ParseExact/ToString (same checks, same result).
            if (value.Length == 8 && AllDigits(value))
            {
                int y = Digits(value, 0, 4), m = Digits(value, 4, 2), d = Digits(value, 6, 2);
                if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
                    throw new DateShiftException("A DA value is not a valid date (YYYYMMDD).");
                var s = AddDays(new DateTime(y, m, d), days, "DA");
                var c = new char[8];
                Put(c, 0, s.Year, 4);
                Put(c, 4, s.Month, 2);
                Put(c, 6, s.Day, 2);
                return new string(c);
            }
            bool acrNema = value.Length == 10 && value[4] == '.' && value[7] == '.';
            var digits = acrNema ? value.Remove(7, 1).Remove(4, 1) : value;
            if (!DateTime.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new DateShiftException("A DA value is not a valid date (YYYYMMDD).");
            var shifted = AddDays(date, days, "DA");
            return shifted.ToString(acrNema ? "yyyy'.'MM'.'dd" : "yyyyMMdd", CultureInfo.InvariantCulture);
        }

        private static bool AllDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        private static int Digits(string s, int at, int count)
        {
            int v = 0;
            for (int i = 0; i < count; i++) v = v * 10 + (s[at + i] - '0');
            return v;
        }

        private static void Put(char[] c, int at, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--) { c[at + i] = (char)('0' + value % 10); value /= 10; }
        }

        private static string ShiftDateTimeOrRange(string value, int days)
        {
            var trimmed = value.Trim();
            if (trimmed.Length == 0) return value;
            if (DtPattern.IsMatch(trimmed)) return ShiftSingleDateTime(trimmed, days);
            // A range: try each '-' as the separator; the first split where both sides are valid (or empty) wins.
            for (int dash = trimmed.IndexOf('-'); dash >= 0; dash = trimmed.IndexOf('-', dash + 1))
            {
                var from = trimmed.Substring(0, dash);
                var to = trimmed.Substring(dash + 1);
                if ((from.Length == 0 || DtPattern.IsMatch(from)) && (to.Length == 0 || DtPattern.IsMatch(to)) && (from.Length + to.Length) > 0)
                    return (from.Length == 0 ? "" : ShiftSingleDateTime(from, days)) + "-" + (to.Length == 0 ? "" : ShiftSingleDateTime(to, days));
            }
            throw new DateShiftException("A DT value is not a valid date-time (YYYYMMDDHHMMSS.FFFFFF&ZZXX).");
        }

        private static string ShiftSingleDateTime(string value, int days)
        {
            var m = DtPattern.Match(value);
            int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            bool hasMonth = m.Groups["mo"].Success, hasDay = m.Groups["d"].Success;
            int month = hasMonth ? int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture) : 1;
            int day = hasDay ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                throw new DateShiftException("A DT value has an invalid date part.");
            var shifted = AddDays(new DateTime(year, month, day), days, "DT");
            string date = shifted.ToString(hasDay ? "yyyyMMdd" : hasMonth ? "yyyyMM" : "yyyy", CultureInfo.InvariantCulture);
            return date + m.Groups["rest"].Value + (m.Groups["tz"].Success ? m.Groups["tz"].Value : "");
        }

        private static DateTime AddDays(DateTime date, int days, string vr)
        {
            try
            {
                var shifted = date.AddDays(days);
                return shifted;
            }
            catch (ArgumentOutOfRangeException) { throw new DateShiftException("A " + vr + " value would leave the years 0001-9999 after shifting."); }
        }
    }
}
