using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>Synthetic file content and the Info-ZIP / Python zipfile oracles used by the archive tests.</summary>
    internal static class ArchiveTestSupport
    {
        public const string Python = "/usr/bin/python3";

        /// <summary>Compressible, image-like 16-bit data: smooth regions plus a little noise (never all-zero, never pure noise).</summary>
        public static byte[] ImageLike(int bytes, int seed)
        {
            var rng = new Random(seed);
            var data = new byte[bytes];
            for (int i = 0; i + 1 < bytes; i += 2)
            {
                int x = (i / 2) % 256, y = (i / 2) / 256;
                int v = ((x - 128) * (x - 128) + (y % 256 - 128) * (y % 256 - 128) < 90 * 90 ? 1064 : 24) + rng.Next(8);
                data[i] = (byte)v;
                data[i + 1] = (byte)(v >> 8);
            }
            return data;
        }

        public static byte[] Random(int bytes, int seed)
        {
            var data = new byte[bytes];
            new Random(seed).NextBytes(data);
            return data;
        }

        public static string Sha256Hex(byte[] data)
        {
            using (var sha = SHA256.Create()) return Convert.ToHexString(sha.ComputeHash(data)).ToLowerInvariant();
        }

        public static (int exitCode, string stdout, string stderr) Run(string file, params string[] args) =>
            HamletPS.TestSupport.PeerProcesses.RunWithArguments(file, args);

        /// <summary>Info-ZIP `unzip -t`: asserts every entry tests OK.</summary>
        public static void AssertUnzipTestPasses(string zip)
        {
            var (code, stdout, stderr) = Run("unzip", "-tqq", zip);
            Assert.True(code == 0, $"unzip -t exit {code}: {stdout} {stderr}");
        }

        private const string PythonInspect = @"
import sys, zipfile, hashlib, json
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
out = {'testzip': bad, 'entries': []}
for i in z.infolist():
    data = z.read(i)
    out['entries'].append({'name': i.filename, 'method': i.compress_type, 'size': i.file_size, 'csize': i.compress_size,
                           'offset': i.header_offset, 'sha256': hashlib.sha256(data).hexdigest(), 'len': len(data),
                           'utf8': bool(i.flag_bits & 0x800), 'date': list(i.date_time)})
if len(sys.argv) > 2:
    z.extractall(sys.argv[2])
print(json.dumps(out))
";

        /// <summary>Python zipfile: testzip() must report nothing; returns each entry as Python sees it (optionally extracting all).</summary>
        public static List<PythonEntry> InspectWithPython(string zip, string extractTo = null)
        {
            var args = new List<string> { "-c", PythonInspect, zip };
            if (extractTo != null) args.Add(extractTo);
            var (code, stdout, stderr) = Run(Python, args.ToArray());
            Assert.True(code == 0, "python zipfile failed: " + stderr);
            using (JsonDocument doc = JsonDocument.Parse(stdout))
            {
                Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("testzip").ValueKind);
                return doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => new PythonEntry
                {
                    Name = e.GetProperty("name").GetString(),
                    Method = e.GetProperty("method").GetInt32(),
                    Size = e.GetProperty("size").GetInt64(),
                    CompressedSize = e.GetProperty("csize").GetInt64(),
                    Offset = e.GetProperty("offset").GetInt64(),
                    Sha256 = e.GetProperty("sha256").GetString(),
                    Utf8Flag = e.GetProperty("utf8").GetBoolean(),
                    Year = e.GetProperty("date")[0].GetInt32(),
                }).ToList();
            }
        }

        /// <summary>True when the file ends with a ZIP64 end of central directory locator before the end record.</summary>
        public static bool HasZip64EndRecords(string zip)
        {
            using (var f = File.OpenRead(zip))
            {
                if (f.Length < 42) return false;
                var b = new byte[4];
                f.Position = f.Length - 22 - 20;
                f.ReadExactly(b, 0, 4);
                return BitConverter.ToUInt32(b, 0) == 0x07064b50;
            }
        }
    }

    internal sealed class PythonEntry
    {
        public string Name;
        public int Method;
        public long Size;
        public long CompressedSize;
        public long Offset;
        public string Sha256;
        public bool Utf8Flag;
        public int Year;
    }
}
