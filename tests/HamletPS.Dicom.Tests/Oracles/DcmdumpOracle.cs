using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Runs dcmtk's dcmdump and normalises its dataset output for comparison (lengths and encodings of sequences removed).</summary>
    internal static class DcmdumpOracle
    {
        private static readonly Regex Trailer = new Regex(@"\s+# +(\d+|u/l), \d+ .*$", RegexOptions.Compiled);
        private static readonly Regex SeqKind = new Regex(@"\((Sequence|Item) with (explicit|undefined) length", RegexOptions.Compiled);

        public static (List<string> Lines, string StdErr, int ExitCode) Dump(string path)
        {
            // +uc: explicit UN values of known tags with the dictionary's VR, as pydicom and we read them
            var run = ProcessRunner.Run("dcmdump", "-q", "+L", "+uc", path);
            return (Normalise(run.StdOut), run.StdErr, run.ExitCode);
        }

        public static (string StdOut, string StdErr, int ExitCode) Raw(string path)
        {
            var run = ProcessRunner.Run("dcmdump", "+L", path);
            return (run.StdOut, run.StdErr, run.ExitCode);
        }

        public static List<string> Normalise(string output)
        {
            var lines = output.Replace("\r", "").Split('\n');
            int start = System.Array.IndexOf(lines, "# Dicom-Data-Set");
            var result = new List<string>();
            for (int i = start < 0 ? 0 : start + 1; i < lines.Length; i++)
            {
                string line = lines[i];
                string trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith("#")) continue;
                if (trimmed.StartsWith("(fffe,e00d)") || trimmed.StartsWith("(fffe,e0dd)")) continue;
                if (trimmed.Length > 10 && trimmed.Substring(6, 5) == "0000)") continue; // group length
                line = Trailer.Replace(line, "");
                line = SeqKind.Replace(line, "($1");
                result.Add(line);
            }
            return result;
        }
    }
}
