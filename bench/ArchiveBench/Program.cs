using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;

namespace HamletPS.Bench.Archive
{
    internal static class Program
    {
        // gen <folder> <slices>            : writes the phantom series
        // zip <protectedRoot> <zip> <level> [verify]
        private static int Main(string[] args)
        {
            if (args.Length >= 3 && args[0] == "gen")
            {
                var sw = Stopwatch.StartNew();
                PhantomSeries.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                Console.WriteLine($"generated {args[2]} slices in {sw.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
            if (args.Length >= 4 && args[0] == "zip")
            {
                string zip = Path.GetFullPath(args[2]);
                var builder = new HamletArchiveBuilder(new HamletArchiveOptions
                {
                    OutputDirectory = Path.GetDirectoryName(zip),
                    NameTemplate = Path.GetFileName(zip),
                    CompressionLevel = int.Parse(args[3], CultureInfo.InvariantCulture),
                    Profile = "bench",
                    Verify = args.Length > 4 && args[4] == "verify",
                    Overwrite = true,
                });
                ArchiveResult r = builder.Build(args[1], p => new ArchiveEntryInfo
                {
                    StudyId = "BENCH-0001", Modality = "CT", SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopClassName = "CT Image Storage",
                    SopInstanceUid = "2.25." + Path.GetFileNameWithoutExtension(p).Substring(3),
                }).Single();
                Console.WriteLine(FormattableString.Invariant(
                    $"ours level {args[3]}: {r.EntryCount} files, {r.BytesIn} -> {r.BytesOut} bytes, ratio {r.Ratio:F4}, {r.Duration.TotalSeconds:F2} s in-process, {DeflateLevels.Describe(int.Parse(args[3]))}{(r.Verified ? ", verified" : "")}"));
                return 0;
            }
            if (args.Length >= 3 && args[0] == "big")
            {
                // big <zip> <MiB>: one stored entry of that size (sparse source: zeros, marked tail) then a small one, so the second
                // entry's offset and the central directory lie past 4 GiB when MiB > 4096.
                string zip = Path.GetFullPath(args[1]);
                long size = long.Parse(args[2], CultureInfo.InvariantCulture) << 20;
                string source = zip + ".source";
                using (var f = new FileStream(source, FileMode.Create))
                {
                    f.SetLength(size);
                    f.Position = size - 3;
                    f.Write(new byte[] { 7, 8, 9 }, 0, 3);
                }
                var sw = Stopwatch.StartNew();
                ZipWriteResult r;
                using (var w = new ParallelZipWriter(zip, new ParallelZipWriterOptions { Overwrite = true }))
                {
                    w.AddFile("big.bin", source, ZipCompressionMethod.Store, 0);
                    w.AddBytes("after.txt", new byte[] { 42, 10 }, ZipCompressionMethod.Store, 0);
                    r = w.Complete();
                }
                File.Delete(source);
                Console.WriteLine(FormattableString.Invariant(
                    $"ours stored {size} bytes in {sw.Elapsed.TotalSeconds:F2} s; second entry at offset {r.Entries[1].LocalHeaderOffset}, zip64 entry fields {r.Entries[1].Zip64}, zip64 end records {r.Zip64}; sha256 {r.Entries[0].Sha256}"));
                return 0;
            }
            if (args.Length >= 2 && args[0] == "verify")
            {
                var sw = Stopwatch.StartNew();
                ZipVerificationResult v = ZipVerifier.Verify(args[1], requireManifest: false);
                Console.WriteLine(FormattableString.Invariant(
                    $"ours verify: {v.EntriesChecked} entries, {v.BytesChecked} bytes, {(v.IsValid ? "valid" : "INVALID: " + string.Join("; ", v.Problems))}, {sw.Elapsed.TotalSeconds:F2} s"));
                return v.IsValid ? 0 : 1;
            }
            Console.Error.WriteLine("usage: ArchiveBench verify <zip> | gen <folder> <slices> | zip <protectedRoot> <zip> <level> [verify] | big <zip> <MiB>");
            return 2;
        }
    }
}
