using System;
using System.IO;
using System.Security.Cryptography;

namespace HamletPS.Core.Tests.Upload;

/// <summary>Fast synthetic file content for upload tests (xorshift bytes: incompressible, reproducible from a seed).</summary>
internal static class TestData
{
    public static string CreateFile(string folder, string name, long length, ulong seed)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        byte[] buf = new byte[1 << 20];
        ulong x = seed | 1;
        long left = length;
        while (left > 0)
        {
            int n = (int)Math.Min(buf.Length, left);
            for (int i = 0; i + 8 <= n; i += 8)
            {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                BitConverter.TryWriteBytes(buf.AsSpan(i, 8), x);
            }
            for (int i = n - n % 8; i < n; i++) buf[i] = (byte)(x >> (i % 8));
            fs.Write(buf, 0, n);
            left -= n;
        }
        return path;
    }

    public static byte[] Md5Of(string path)
    {
        using var fs = File.OpenRead(path);
        return MD5.HashData(fs);
    }

    public static string NewFolder()
    {
        return HamletPS.TestSupport.ScratchFolders.New("upload");   // removed when the test process ends
    }
}
