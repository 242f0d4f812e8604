using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// The site's lookup table from mapping.csv: MRN (or accession number) -> Study ID, and back.
    /// Reading tolerates what Excel produces: a UTF-8 BOM, CRLF, RFC 4180 quoting (doubled quotes), ';' or tab as delimiter
    /// (detected from the header line), header names in any case with spaces/underscores (MRN, Patient ID, Study_ID, StudyID,
    /// AccessionNumber, Accession_Number, Accession), surrounding spaces, blank rows and rows of empty cells (";;;").
    /// It rejects, with file:line and without echoing values: missing columns, a half-filled row, an MRN listed twice with
    /// different Study IDs (the same pair twice is accepted), one Study ID for two MRNs, keys and Study IDs that
    /// <see cref="PatientIdRules"/> refuses (control characters, over 64 characters, path characters in a Study ID...), and
    /// Study IDs not matching the optional pattern. Immutable and thread-safe once built.
    /// </summary>
    public sealed class StudyIdLookup
    {
        private readonly Dictionary<string, string> _byKey;
        private readonly Dictionary<string, string> _byStudyId;

        private StudyIdLookup(string source, LookupKeyKind kind, Dictionary<string, string> byKey, Dictionary<string, string> byStudyId)
        {
            Source = source;
            KeyKind = kind;
            _byKey = byKey;
            _byStudyId = byStudyId;
            LongestKeyLength = byKey.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        }

        /// <summary>The file the table was read from (as given).</summary>
        public string Source { get; }

        /// <summary>What the table is keyed by (never Auto once loaded).</summary>
        public LookupKeyKind KeyKind { get; }

        public int Count => _byKey.Count;

        /// <summary>The keys (MRNs or accession numbers), for the PACS pull: site-only values, never logged.</summary>
        public IEnumerable<string> Keys => _byKey.Keys;

        /// <summary>Length of the longest key (MRN): the Vigenère FOLDERKEY must be longer than this.</summary>
        public int LongestKeyLength { get; }

        /// <summary>The Study ID for an MRN (or accession number); keys are trimmed before lookup.</summary>
        public bool TryGetStudyId(string key, out string studyId)
        {
            studyId = null;
            if (key == null) return false;
            return _byKey.TryGetValue(key.Trim(), out studyId);
        }

        /// <summary>Reverse lookup for re-identification: the MRN (or accession number) listed for a Study ID.</summary>
        public bool TryGetKey(string studyId, out string key)
        {
            key = null;
            if (studyId == null) return false;
            return _byStudyId.TryGetValue(studyId.Trim(), out key);
        }

        public bool ContainsStudyId(string studyId) => studyId != null && _byStudyId.ContainsKey(studyId.Trim());

        /// <summary>An empty table (everything falls through to the pseudonym).</summary>
        public static StudyIdLookup Empty(LookupKeyKind kind = LookupKeyKind.Mrn)
            => new StudyIdLookup("(none)", kind == LookupKeyKind.Auto ? LookupKeyKind.Mrn : kind,
                new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));

        /// <summary>Reads a mapping file; throws <see cref="MappingFileException"/> listing every problem found, also when the file
        /// does not exist, is a folder or cannot be read (line 0).</summary>
        public static StudyIdLookup Load(string path, StudyIdLookupOptions options = null)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) throw Unusable(path, "is a folder, not a file");
            if (!File.Exists(path)) throw Unusable(path, "does not exist");
            try
            {
                var info = new FileInfo(path);
                if (info.Length > MaxFileBytes) throw Unusable(path, "is larger than " + (MaxFileBytes >> 20) + " MiB: not a lookup table");
                // Decoded strictly (UTF-8/UTF-16 by byte-order mark, else UTF-8, else Windows-1252): see MappingFileText.
                string text = MappingFileText.Decode(File.ReadAllBytes(path), path, out _);
                using (var reader = new StringReader(text))
                    return Parse(reader, path, options);
            }
            catch (UnauthorizedAccessException) { throw Unusable(path, "cannot be read: access denied"); }
            catch (IOException ex) { throw Unusable(path, "cannot be read (" + ex.GetType().Name + ")"); }
        }

        /// <summary>Largest mapping file read (a lookup table has one short row per trial patient).</summary>
        public const long MaxFileBytes = 64L << 20;

        private static MappingFileException Unusable(string path, string reason) =>
            new MappingFileException(new[] { new MappingFileError(path, 0, "the mapping file " + reason) });

        /// <summary>Parses mapping text; <paramref name="sourceName"/> is used in error messages.</summary>
        public static StudyIdLookup Parse(TextReader reader, string sourceName, StudyIdLookupOptions options = null)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            sourceName = sourceName ?? "(mapping)";
            options = options ?? new StudyIdLookupOptions();
            var errors = new List<MappingFileError>();
            Regex pattern;
            try { pattern = options.CompilePattern(); }
            catch (ArgumentException) { throw new MappingFileException(new[] { new MappingFileError(sourceName, 0, "the Study ID pattern is not a valid regular expression") }); }

            var text = reader.ReadToEnd(); // mapping tables are small (one row per trial patient)
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            var firstLineEnd = text.IndexOfAny(new[] { '\r', '\n' });
            var delimiter = CsvRecordReader.DetectDelimiter(firstLineEnd < 0 ? text : text.Substring(0, firstLineEnd));
            var csv = new CsvRecordReader(new StringReader(text), delimiter);

            CsvRecord header;
            string malformed;
            do { header = csv.Next(out malformed); } while (header != null && header.Fields.All(f => f.Trim().Length == 0) && malformed == null);
            if (header == null) throw new MappingFileException(new[] { new MappingFileError(sourceName, 1, "the file is empty: expected a header row such as MRN,Study_ID") });
            if (malformed != null) throw new MappingFileException(new[] { new MappingFileError(sourceName, header.Line, malformed) });

            var names = header.Fields.Select(Normalize).ToList();
            int mrnCol = IndexOf(names, "mrn", "patientid", "hospitalnumber");
            int accCol = IndexOf(names, "accessionnumber", "accession", "accessionno");
            int studyCol = IndexOf(names, "studyid", "trialid", "hamletid");
            var kind = options.KeyKind;
            if (kind == LookupKeyKind.Auto) kind = mrnCol >= 0 ? LookupKeyKind.Mrn : accCol >= 0 ? LookupKeyKind.AccessionNumber : LookupKeyKind.Mrn;
            int keyCol = kind == LookupKeyKind.Mrn ? mrnCol : accCol;
            string keyName = kind == LookupKeyKind.Mrn ? "MRN" : "accession number";
            if (keyCol < 0)
                errors.Add(new MappingFileError(sourceName, header.Line, "the header has no " + (kind == LookupKeyKind.Mrn ? "MRN" : "AccessionNumber") + " column: the first row must name the columns, e.g. MRN,Study_ID"));
            if (studyCol < 0)
                errors.Add(new MappingFileError(sourceName, header.Line, "the header has no Study_ID column: the first row must name the columns, e.g. MRN,Study_ID"));
            if (errors.Count > 0) throw new MappingFileException(errors);

            var comparer = options.IgnoreKeyCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var byKey = new Dictionary<string, string>(comparer);
            var keyLine = new Dictionary<string, int>(comparer);
            var byStudy = new Dictionary<string, string>(StringComparer.Ordinal);
            var studyLine = new Dictionary<string, int>(StringComparer.Ordinal);

            CsvRecord row;
            while ((row = csv.Next(out malformed)) != null)
            {
                if (malformed != null) { errors.Add(new MappingFileError(sourceName, row.Line, malformed)); continue; }
                if (row.Fields.All(f => f.Trim().Length == 0)) continue; // blank row, ";;;" row
                string key = Cell(row, keyCol), study = Cell(row, studyCol);
                if (key.Length == 0 || study.Length == 0)
                {
                    if (key.Length == 0 && study.Length == 0)
                        errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + " has values in other columns but empty " + keyName + " and Study_ID cells"));
                    else
                        errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + " has an empty " + (key.Length == 0 ? keyName : "Study_ID") + " cell"));
                    continue;
                }
                string keyProblem = PatientIdRules.KeyProblem(key, "the " + keyName + " cell");
                string studyProblem = PatientIdRules.StudyIdProblem(study);
                if (keyProblem != null || studyProblem != null)
                {
                    errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + ": " + (keyProblem ?? studyProblem)));
                    continue;
                }
                if (pattern != null && !pattern.IsMatch(study))
                {
                    errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + ": the Study ID does not match the pattern " + options.StudyIdPattern));
                    continue;
                }
                if (byKey.TryGetValue(key, out var existing))
                {
                    if (!string.Equals(existing, study, StringComparison.Ordinal))
                        errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + " repeats the " + keyName + " of row " + keyLine[key] + " with a different Study ID"));
                    continue; // the same pair twice is fine
                }
                if (byStudy.ContainsKey(study))
                {
                    errors.Add(new MappingFileError(sourceName, row.Line, "row " + row.Line + " uses the Study ID of row " + studyLine[study] + " for a different " + keyName));
                    continue;
                }
                byKey[key] = study;
                keyLine[key] = row.Line;
                byStudy[study] = key;
                studyLine[study] = row.Line;
            }
            if (errors.Count > 0) throw new MappingFileException(errors);
            return new StudyIdLookup(sourceName, kind, byKey, byStudy);
        }

        private static string Cell(CsvRecord row, int index) => index < row.Fields.Count ? row.Fields[index].Trim() : string.Empty;

        private static string Normalize(string header)
        {
            var sb = new StringBuilder();
            foreach (var c in header.Trim().Trim('\uFEFF'))
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            return sb.ToString();
        }

        private static int IndexOf(List<string> names, params string[] candidates)
        {
            for (int i = 0; i < names.Count; i++)
                if (candidates.Contains(names[i])) return i;
            return -1;
        }
    }
}
