using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;

namespace HamletPS.Bench.Network
{
    /// <summary>
    /// bench console: receive FOLDER PORT AET MAXPDU COUNT | send HOST PORT AET FOLDER MAXPDU | gen FOLDER COUNT BYTES
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            switch (args.Length > 0 ? args[0] : "")
            {
                case "receive":
                {
                    var options = new StorageScpOptions
                    {
                        Folder = args[1], Port = int.Parse(args[2]), AeTitle = args[3], AcceptAllStorageClasses = true,
                        StopAfterFiles = int.Parse(args[5]),
                        DurableWrites = args.Length <= 6 || args[6] != "nosync",
                        CheckDataSets = Environment.GetEnvironmentVariable("BENCH_CHECK") != "0",
                        FileSystem = new LocalStorageFileSystem
                        {
                            // knobs for measuring the durability variants (defaults are the product's)
                            WritebackChunk = long.Parse(Environment.GetEnvironmentVariable("BENCH_WRITEBACK") ?? "1048576"),
                            Durability = (DurabilityMethod)Enum.Parse(typeof(DurabilityMethod), Environment.GetEnvironmentVariable("BENCH_DURABILITY") ?? "Automatic"),
                            BufferSize = int.Parse(Environment.GetEnvironmentVariable("BENCH_BUFFER") ?? "0"),
                            WriteThrough = Environment.GetEnvironmentVariable("BENCH_WRITE_THROUGH") == "1",
                        },
                    };
                    options.Association.MaxPduLength = int.Parse(args[4]);
                    System.IO.Directory.CreateDirectory(options.Folder);
                    Console.Error.WriteLine("durability " + (options.DurableWrites ? ((LocalStorageFileSystem)options.FileSystem).ResolvedDurability(options.Folder).ToString() : "off"));
                    using (var scp = new StorageScp(options))
                    {
                        scp.Start();
                        Console.WriteLine("listening " + scp.Port);
                        await scp.RunAsync(null, CancellationToken.None);
                        Console.WriteLine("stored " + scp.StoredFiles);
                        // per-file cost figures for profiling (stderr keeps stdout quiet for the script)
                        Console.Error.WriteLine("gc0 " + GC.CollectionCount(0) + " gc1 " + GC.CollectionCount(1) + " gc2 " + GC.CollectionCount(2)
                            + " allocated " + GC.GetTotalAllocatedBytes() / 1024 + " KiB");
                    }
                    return 0;
                }
                case "send":
                {
                    var options = new ScuOptions { Host = args[1], Port = int.Parse(args[2]), CalledAeTitle = args[3], CallingAeTitle = "BENCHSCU" };
                    options.Association.MaxPduLength = int.Parse(args[5]);
                    var files = Directory.EnumerateFiles(args[4]).OrderBy(f => f, StringComparer.Ordinal).ToList();
                    var results = await StorageScu.SendAsync(options, files, null, CancellationToken.None);
                    int ok = results.Count(r => r.Success);
                    Console.WriteLine("sent " + ok + "/" + results.Count);
                    foreach (var r in results.Where(r => !r.Success).Take(5)) Console.WriteLine("  failed " + r.Path + ": " + r.Error);
                    return ok == results.Count ? 0 : 1;
                }
                case "gen":
                    SyntheticCtWriter.WriteSeries(args[1], int.Parse(args[2]), long.Parse(args[3]));
                    return 0;
                default:
                    Console.Error.WriteLine("usage: receive FOLDER PORT AET MAXPDU COUNT | send HOST PORT AET FOLDER MAXPDU | gen FOLDER COUNT BYTES");
                    return 2;
            }
        }
    }
}
