using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;

namespace HamletPS.Bench
{
    /// <summary>
    /// dicom-codec benchmark steps:
    ///   generate DIR COUNT      synthetic CT series (512x512, 16 bit, CtPhantom), written with our writer
    ///   headers DIR [N]         header-only parse of every file (stops before pixel data)
    ///   roundtrip SRC DST [N]   full read + write of every file (N passes, default 1)
    ///   roundtrip-parallel SRC DST  the same, one file per core at a time (as hamlet's verbs rewrite files)
    ///   floor SRC DST [N]       in-process floors: open+read 16 KiB+close per file, File.Copy per file
    ///   versus-copy SRC DST [N] N pairs of passes in one process, order alternating, `sync` before each: our read+write
    ///                           (DicomFile.Open + Save) against File.Copy of the same files; medians and their ratio
    ///   bigfile DIR MB          ~MB file: pixel data referenced from a sparse file, saved, re-read and re-written
    /// Each prints one line "name: files, seconds, files/s, MB/s, allocated MB".
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            switch (args.Length > 0 ? args[0] : "")
            {
                case "generate": return Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "headers": return Headers(args[1], Passes(args, 2));
                case "roundtrip": return RoundTrip(args[1], args[2], Passes(args, 3));
                case "roundtrip-parallel": return RoundTripParallel(args[1], args[2]);
                case "floor": return Floor(args[1], args[2], Passes(args, 3));
                case "versus-copy": return VersusCopy(args[1], args[2], Passes(args, 3));
                case "bigfile": return BigFile(args[1], long.Parse(args[2], CultureInfo.InvariantCulture));
                default:
                    Console.Error.WriteLine("usage: HamletPS.Bench generate DIR COUNT | headers DIR | roundtrip SRC DST | roundtrip-parallel SRC DST | bigfile DIR MB");
                    return 2;
            }
        }

        private static int Generate(string dir, int count)
        {
            Directory.CreateDirectory(dir);
            var phantom = new CtPhantom(512, count, 1.0, 7);
            var pixels = new byte[phantom.SliceByteCount];
            var sw = Stopwatch.StartNew();
            string study = "2.25.9" + "1234567890", series = study + ".1";
            for (int i = 0; i < count; i++)
            {
                phantom.RenderSlice(i, pixels);
                var ds = new DicomDataset();
                ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
                ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
                ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
                ds.AddOrUpdate(DicomTags.SOPInstanceUID, series + "." + (i + 1));
                ds.AddOrUpdate(DicomTags.StudyDate, "20240131");
                ds.AddOrUpdate(DicomTags.StudyTime, "101500");
                ds.AddOrUpdate(DicomTags.AccessionNumber, "BENCH0001");
                ds.AddOrUpdate(DicomTags.Modality, "CT");
                ds.AddOrUpdate(DicomTags.Manufacturer, "HamletPS bench");
                ds.AddOrUpdate(DicomTags.PatientName, "Bench^Phantom");
                ds.AddOrUpdate(DicomTags.PatientID, "BENCH-001");
                ds.AddOrUpdate(DicomTags.PatientBirthDate, "19700101");
                ds.AddOrUpdate(DicomTags.PatientSex, "O");
                ds.AddOrUpdate(DicomTags.SliceThickness, 1.0);
                ds.AddOrUpdate(DicomTags.KVP, 120.0);
                ds.AddOrUpdate(DicomTags.StudyInstanceUID, study);
                ds.AddOrUpdate(DicomTags.SeriesInstanceUID, series);
                ds.AddOrUpdate(DicomTags.StudyID, "1");
                ds.AddOrUpdate(DicomTags.SeriesNumber, 1);
                ds.AddOrUpdate(DicomTags.InstanceNumber, i + 1);
                ds.AddOrUpdate(DicomTags.ImagePositionPatient, phantom.ImagePosition(i));
                ds.AddOrUpdate(DicomTags.ImageOrientationPatient, CtPhantom.ImageOrientation);
                ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, study + ".2");
                ds.AddOrUpdate(DicomTags.SliceLocation, phantom.SliceZ(i));
                ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
                ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
                ds.AddOrUpdate(DicomTags.Rows, phantom.Rows);
                ds.AddOrUpdate(DicomTags.Columns, phantom.Columns);
                ds.AddOrUpdate(DicomTags.PixelSpacing, phantom.PixelSpacing, phantom.PixelSpacing);
                ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
                ds.AddOrUpdate(DicomTags.BitsStored, CtPhantom.BitsStored);
                ds.AddOrUpdate(DicomTags.HighBit, CtPhantom.BitsStored - 1);
                ds.AddOrUpdate(DicomTags.PixelRepresentation, 0);
                ds.AddOrUpdate(DicomTags.WindowCenter, 40.0);
                ds.AddOrUpdate(DicomTags.WindowWidth, 400.0);
                ds.AddOrUpdate(DicomTags.RescaleIntercept, CtPhantom.RescaleIntercept);
                ds.AddOrUpdate(DicomTags.RescaleSlope, CtPhantom.RescaleSlope);
                ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
                new DicomFile(ds).Save(Path.Combine(dir, "CT" + (i + 1).ToString("00000", CultureInfo.InvariantCulture) + ".dcm"));
            }
            Report("generate", count, Size(dir), sw.Elapsed.TotalSeconds, 0);
            return 0;
        }

        private static int Passes(string[] args, int at) => args.Length > at ? int.Parse(args[at], CultureInfo.InvariantCulture) : 1;

        private static int Headers(string dir, int passes)
        {
            var files = Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var options = DicomReadOptions.HeaderOnly;
            // one-off per-process costs (JIT, tables), reported apart from the passes
            var warm = Stopwatch.StartNew();
            var first = DicomFile.Open(files[0], options);
            double open = warm.Elapsed.TotalMilliseconds;
            first.Dataset.GetString(DicomTags.Modality);
            double text = warm.Elapsed.TotalMilliseconds - open;
            DicomDictionary.Lookup(DicomTags.Modality);
            double dict = warm.Elapsed.TotalMilliseconds - open - text;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "one-off: first open {0:F0} ms, first text decode {1:F0} ms, dictionary {2:F0} ms", open, text, dict));
            for (int p = 0; p < passes; p++) HeaderPass(dir, files, options);
            return 0;
        }

        private static void HeaderPass(string dir, string[] files, DicomReadOptions options)
        {
            long alloc = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            int ct = 0;
            foreach (var f in files)
            {
                var file = DicomFile.Open(f, options);
                if (file.Dataset.GetString(DicomTags.Modality) == "CT") ct++;
            }
            double s = sw.Elapsed.TotalSeconds;
            if (ct != files.Length) throw new InvalidOperationException("header check failed");
            Report("ours header parse", files.Length, Size(dir), s, GC.GetTotalAllocatedBytes(true) - alloc, cpu);
        }

        /// <summary>
        /// In-process floors measured in the same run: open + read the first 16 KiB + close (what a header parse cannot beat),
        /// and File.Copy of every file (what a round trip cannot beat).
        /// </summary>
        private static int Floor(string src, string dst, int passes)
        {
            var files = Directory.GetFiles(src).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var buffer = new byte[16384];
            for (int p = 0; p < passes; p++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                foreach (var f in files)
                    using (var fs = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                        fs.Read(buffer, 0, buffer.Length);
                Report("floor open+read 16 KiB", files.Length, Size(src), sw.Elapsed.TotalSeconds, 0, cpu);
                Directory.CreateDirectory(dst);
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                foreach (var f in files) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)), true);
                Report("floor File.Copy", files.Length, Size(src), sw.Elapsed.TotalSeconds, 0, cpu);
                Directory.Delete(dst, true);
            }
            return 0;
        }

        private static int VersusCopy(string src, string dst, int pairs)
        {
            var files = Directory.GetFiles(src).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            long bytes = Size(src);
            DicomFile.Open(files[0]).Save(new MemoryStream()); // warm-up
            var ours = new System.Collections.Generic.List<double>();
            var copy = new System.Collections.Generic.List<double>();
            for (int p = 0; p < pairs; p++)
            {
                for (int k = 0; k < 2; k++)
                {
                    bool oursNow = (p + k) % 2 == 0;
                    if (Directory.Exists(dst)) Directory.Delete(dst, true);
                    Directory.CreateDirectory(dst);
                    Sync();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    if (oursNow) foreach (var f in files) DicomFile.Open(f).Save(Path.Combine(dst, Path.GetFileName(f)));
                    else foreach (var f in files) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)), true);
                    double s = sw.Elapsed.TotalSeconds;
                    (oursNow ? ours : copy).Add(s);
                    Report(oursNow ? "in-process ours read+write" : "in-process File.Copy", files.Length, bytes, s, 0, cpu);
                }
            }
            Directory.Delete(dst, true);
            double mo = Median(ours), mc = Median(copy);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "in-process medians: ours read+write {0:F2} s ({1:F0} files/s, {2:F0} MB/s), File.Copy {3:F2} s ({4:F0} files/s); ours / File.Copy = {5:F2}x",
                mo, files.Length / mo, bytes / 1048576.0 / mo, mc, files.Length / mc, mo / mc));
            return 0;
        }

        private static double Median(System.Collections.Generic.List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        /// <summary>Flushes dirty pages (Linux `sync`) so that a pass does not pay for the writeback of the one before.</summary>
        private static void Sync()
        {
            try
            {
                using (var p = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false })) p?.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // no sync command (Windows): passes may then pay for each other's writeback
            }
        }

        private static int RoundTrip(string src, string dst, int passes)
        {
            var files = Directory.GetFiles(src).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            DicomFile.Open(files[0]).Save(new MemoryStream()); // warm-up
            for (int p = 0; p < passes; p++)
            {
                if (Directory.Exists(dst)) Directory.Delete(dst, true);
                RoundTripPass(src, dst, files);
            }
            return 0;
        }

        private static void RoundTripPass(string src, string dst, string[] files)
        {
            Directory.CreateDirectory(dst);
            long alloc = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            foreach (var f in files) DicomFile.Open(f).Save(Path.Combine(dst, Path.GetFileName(f)));
            Report("ours read+write", files.Length, Size(src), sw.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(true) - alloc, cpu);
        }

        private static int RoundTripParallel(string src, string dst)
        {
            var files = Directory.GetFiles(src).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            DicomFile.Open(files[0]).Save(new MemoryStream()); // warm-up
            Directory.CreateDirectory(dst);
            long alloc = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            System.Threading.Tasks.Parallel.ForEach(files, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                f => DicomFile.Open(f).Save(Path.Combine(dst, Path.GetFileName(f))));
            Report("ours read+write, " + Environment.ProcessorCount + " threads", files.Length, Size(src), sw.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(true) - alloc, cpu);
            return 0;
        }

        private static int BigFile(string dir, long megabytes)
        {
            Directory.CreateDirectory(dir);
            string source = Path.Combine(dir, "pixels.raw"), first = Path.Combine(dir, "big1.dcm"), second = Path.Combine(dir, "big2.dcm");
            long length = megabytes * 1024 * 1024;
            using (var fs = new FileStream(source, FileMode.Create, FileAccess.Write))
            {
                fs.SetLength(length); // sparse: reads as zeros
                fs.Position = length - 8;
                fs.Write(BitConverter.GetBytes(0x0123456789ABCDEFL), 0, 8);
            }
            long alloc = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.42");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW,
                new DicomValueReference(DicomValueSource.FromFile(source), 0, length)));
            new DicomFile(ds).Save(first);
            double write = sw.Elapsed.TotalSeconds;
            var read = DicomFile.Open(first);
            if (!read.Dataset[DicomTags.PixelData].IsReference) throw new InvalidOperationException("pixel data was loaded");
            read.Save(second);
            double total = sw.Elapsed.TotalSeconds;
            long allocated = GC.GetTotalAllocatedBytes(true) - alloc;
            var tail = new byte[8];
            using (var fs = File.OpenRead(second)) { fs.Seek(-8, SeekOrigin.End); fs.ReadExactly(tail); }
            if (BitConverter.ToInt64(tail) != 0x0123456789ABCDEFL) throw new InvalidOperationException("tail bytes differ");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "bigfile: {0:F0} MB written from a referenced value in {1:F1} s, read+rewritten in {2:F1} s ({3:F0} MB/s); managed allocations {4:F1} MB; peak working set {5:F0} MB",
                new FileInfo(second).Length / 1048576.0, write, total - write, new FileInfo(second).Length / 1048576.0 / (total - write),
                allocated / 1048576.0, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0));
            File.Delete(source); File.Delete(first); File.Delete(second);
            return 0;
        }

        private static long Size(string dir) => Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);

        /// <summary>One result line; with <paramref name="cpuAtStart"/>, also the process CPU time (user+sys) spent since, which a loaded machine skews less than wall time.</summary>
        private static void Report(string name, int files, long bytes, double seconds, long allocated, TimeSpan? cpuAtStart = null)
        {
            string cpu = cpuAtStart.HasValue
                ? string.Format(CultureInfo.InvariantCulture, ", CPU {0:F0} ms ({1:F0} µs/file)",
                    (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart.Value).TotalMilliseconds,
                    (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart.Value).TotalMilliseconds * 1000 / files)
                : "";
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1} files, {2:F2} s, {3:F0} files/s, {4:F0} MB/s, allocated {5:F1} MB{6}",
                name, files, seconds, files / seconds, bytes / 1048576.0 / seconds, allocated / 1048576.0, cpu));
        }
    }
}
