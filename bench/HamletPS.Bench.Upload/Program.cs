using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Upload;

namespace HamletPS.Bench.Upload;

/// <summary>
/// bench/azure-upload.sh driver.
///   serve &lt;root-folder&gt; &lt;connection-string-file&gt; [--hash-every-range]   start the endpoint, write its connection
///       string, run until stdin closes; --hash-every-range: MD5 of every range body whether or not the client sent one
///       (as the service does: Put Range always answers a Content-MD5), so the endpoint works the same for every client
///   generate &lt;file&gt; &lt;megabytes&gt;                     write incompressible synthetic bytes
///   upload &lt;connection-string&gt; &lt;share/dir&gt; &lt;file&gt; [parallel]   upload with ShareUploader, print "seconds MB/s status"
///   md5-floor &lt;file&gt;   the hashing the protocol needs and nothing else: MD5 of every 4 MiB range and MD5 of the whole
///       file, from memory (the file is read into a reused buffer outside the timed part); prints the CPU seconds of the two
///       hash passes, the least client CPU any uploader that sends them can spend
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : "")
        {
            case "serve":
                using (var endpoint = HamletPS.AzureFilesEndpoint.AzureFilesEndpoint.Start(rootFolder: args[1]))
                {
                    endpoint.HashEveryRange = Array.IndexOf(args, "--hash-every-range") > 0;
                    File.WriteAllText(args[2] + ".tmp", endpoint.ConnectionString);
                    File.Move(args[2] + ".tmp", args[2], true);
                    await Console.In.ReadToEndAsync();
                }
                return 0;
            case "generate":
                Generate(args[1], long.Parse(args[2], CultureInfo.InvariantCulture) * 1024 * 1024);
                return 0;
            case "upload":
                var connection = ShareConnection.FromConnectionString(args[1]);
                var options = new ShareUploadOptions { MaxParallelRanges = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 8 };
                var uploader = new ShareUploader(connection, ShareTarget.Parse(args[2]), options);
                var result = await uploader.UploadFileAsync(args[3]);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:0.000} {1:0.0} {2} {3}", result.Duration.TotalSeconds, result.MegabytesPerSecond, result.Status, result.Md5Hex));
                return 0;
            case "md5-floor":
                Console.WriteLine(Md5FloorSeconds(args[1]).ToString("0.000", CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine("usage: serve <root> <cs-file> | generate <file> <MiB> | upload <cs> <share/dir> <file> [parallel] | md5-floor <file>");
                return 2;
        }
    }

    private static double Md5FloorSeconds(string path)
    {
        var buffer = new byte[4 << 20];
        var hashing = new System.Diagnostics.Stopwatch();
        using var whole = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        using var range = System.Security.Cryptography.MD5.Create();
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        int n;
        while ((n = fs.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            hashing.Start();
            range.ComputeHash(buffer, 0, n);
            whole.AppendData(buffer, 0, n);
            hashing.Stop();
        }
        whole.GetHashAndReset();
        return hashing.Elapsed.TotalSeconds; // one thread, never waiting: wall time of the hashing is its CPU time
    }

    private static void Generate(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        byte[] buf = new byte[1 << 20];
        ulong x = 0x9E3779B97F4A7C15UL;
        for (long left = length; left > 0; left -= buf.Length)
        {
            for (int i = 0; i < buf.Length; i += 8)
            {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                BitConverter.TryWriteBytes(buf.AsSpan(i, 8), x);
            }
            fs.Write(buf, 0, (int)Math.Min(buf.Length, left));
        }
    }
}
