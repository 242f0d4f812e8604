using System;
using System.Globalization;

namespace HamletPS.Dicom.Data
{
    /// <summary>Parses DA, TM and DT strings (PS3.5 6.2), tolerant of the pre-1993 forms with separators.</summary>
    internal static class DicomDateTimeParser
    {
        public static DateTime? ParseDate(string? s)
        {
            if (s == null || string.IsNullOrWhiteSpace(s)) return null;
            s = s.Trim();
            if (s.Length == 10 && (s[4] == '.' || s[4] == '-') && s[7] == s[4]) s = s.Substring(0, 4) + s.Substring(5, 2) + s.Substring(8, 2);
            if (s.Length != 8) return null;
            return DateTime.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateTime?)null;
        }

        public static TimeSpan? ParseTime(string? s)
        {
            if (s == null || string.IsNullOrWhiteSpace(s)) return null;
            s = s.Trim().Replace(":", "");
            int dot = s.IndexOf('.');
            string main = dot >= 0 ? s.Substring(0, dot) : s;
            string frac = dot >= 0 ? s.Substring(dot + 1) : "";
            if (main.Length < 2 || main.Length > 6 || main.Length % 2 == 1 || !AllDigits(main) || frac.Length > 6 || !AllDigits(frac)) return null;
            int h = int.Parse(main.Substring(0, 2), CultureInfo.InvariantCulture);
            int m = main.Length >= 4 ? int.Parse(main.Substring(2, 2), CultureInfo.InvariantCulture) : 0;
            int sec = main.Length >= 6 ? int.Parse(main.Substring(4, 2), CultureInfo.InvariantCulture) : 0;
            if (h > 23 || m > 59 || sec > 60) return null;
            long ticks = 0;
            if (frac.Length > 0) ticks = long.Parse(frac.PadRight(7, '0'), CultureInfo.InvariantCulture);
            if (sec == 60) sec = 59; // leap second
            return new TimeSpan(0, h, m, sec) + TimeSpan.FromTicks(ticks);
        }

        public static DateTimeOffset? ParseDateTime(string? s)
        {
            if (s == null || string.IsNullOrWhiteSpace(s)) return null;
            s = s.Trim();
            TimeSpan offset = TimeSpan.Zero;
            int sign = s.IndexOfAny(new[] { '+', '-' });
            if (sign >= 0)
            {
                string z = s.Substring(sign + 1);
                if (z.Length != 4 || !AllDigits(z)) return null;
                offset = new TimeSpan(int.Parse(z.Substring(0, 2), CultureInfo.InvariantCulture), int.Parse(z.Substring(2, 2), CultureInfo.InvariantCulture), 0);
                if (s[sign] == '-') offset = -offset;
                s = s.Substring(0, sign);
            }
            int dot = s.IndexOf('.');
            string main = dot >= 0 ? s.Substring(0, dot) : s;
            if (main.Length < 4 || main.Length > 14 || main.Length % 2 == 1 || !AllDigits(main)) return null;
            int year = int.Parse(main.Substring(0, 4), CultureInfo.InvariantCulture);
            int month = main.Length >= 6 ? int.Parse(main.Substring(4, 2), CultureInfo.InvariantCulture) : 1;
            int day = main.Length >= 8 ? int.Parse(main.Substring(6, 2), CultureInfo.InvariantCulture) : 1;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
            TimeSpan time = TimeSpan.Zero;
            if (main.Length > 8)
            {
                var t = ParseTime(main.Substring(8) + (dot >= 0 ? s.Substring(dot) : ""));
                if (t == null) return null;
                time = t.Value;
            }
            if (offset.Duration() > TimeSpan.FromHours(14)) return null;
            return new DateTimeOffset(new DateTime(year, month, day) + time, offset);
        }

        private static bool AllDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }
    }
}
