using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// Reads every DICOM file of pydicom's corpus with HamletPS, writes each readable one back in its own transfer syntax,
    /// and dumps originals and copies with pydicom in one batch.
    /// </summary>
    public sealed class CorpusFixture : IDisposable
    {
        private static readonly string[] NotDicomExtensions = { ".py", ".pyc", ".json", ".txt", ".bz2", ".gz", ".xz", ".zip", ".dump", ".md" };

        public CorpusFixture()
        {
            Scratch = TestPaths.NewScratch("corpus");
            Files = CorpusFiles().ToList();
            int n = 0;
            foreach (var path in Files)
            {
                try
                {
                    var file = DicomFile.Open(path);
                    string copy = Path.Combine(Scratch, (n++).ToString("000") + "-" + Path.GetFileName(path));
                    file.Save(copy);
                    Copies[path] = copy;
                }
                catch (DicomFormatException ex)
                {
                    Failures[path] = ex;
                }
                catch (NotSupportedException ex)
                {
                    NotWritable[path] = ex;
                }
            }
            Pydicom = PydicomOracle.Dump(Files.Concat(Copies.Values), Scratch);
        }

        public string Scratch { get; }

        public List<string> Files { get; }

        public Dictionary<string, string> Copies { get; } = new Dictionary<string, string>();

        public Dictionary<string, DicomFormatException> Failures { get; } = new Dictionary<string, DicomFormatException>();

        public Dictionary<string, JsonElement> Pydicom { get; }

        /// <summary>Files read fine but refused by the writer (DICOMDIR).</summary>
        public Dictionary<string, NotSupportedException> NotWritable { get; } = new Dictionary<string, NotSupportedException>();

        /// <summary>Corpus files that are DICOM: DICM at 128, or no meta but a .dcm name / no extension (bare datasets, DICOMDIR).</summary>
        public static IEnumerable<string> CorpusFiles()
        {
            foreach (var folder in new[] { "test_files", "charset_files" })
            {
                string root = Path.Combine(TestPaths.PydicomData, folder);
                if (!Directory.Exists(root)) continue;
                foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
                {
                    string ext = Path.GetExtension(path).ToLowerInvariant();
                    if (NotDicomExtensions.Contains(ext)) continue;
                    if (HasDicmPrefix(path) || ext == ".dcm" || (ext.Length == 0 && !Path.GetFileName(path).StartsWith("README"))) yield return path;
                }
            }
        }

        private static bool HasDicmPrefix(string path)
        {
            using var fs = File.OpenRead(path);
            var b = new byte[132];
            return fs.Read(b, 0, 132) == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        }

        public void Dispose()
        {
            try { Directory.Delete(Scratch, true); } catch (IOException) { }
        }
    }
}
