using System;
using System.IO;
using System.Security;
using System.Security.Cryptography;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Temporary local files for the share cmdlet tests (random bytes, never patient data) and their MD5.</summary>
    internal sealed class ShareTestFiles : IDisposable
    {
        private readonly TempFolder _folder;

        public ShareTestFiles(string prefix) => _folder = new TempFolder(prefix);

        public string Root => _folder.Path;

        public string Write(string name, int bytes, int seed)
        {
            string path = Path.Combine(Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            var data = new byte[bytes];
            new Random(seed).NextBytes(data);
            File.WriteAllBytes(path, data);
            return path;
        }

        public static string Md5Base64(string path)
        {
            using var md5 = MD5.Create();
            using var stream = File.OpenRead(path);
            return Convert.ToBase64String(md5.ComputeHash(stream));
        }

        public static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (char c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>A well-formed (base64) key that is not the endpoint's.</summary>
        public static string WrongKey { get; } = Convert.ToBase64String(SHA512.HashData(System.Text.Encoding.ASCII.GetBytes("not the account key")));

        public void Dispose()
        {
            _folder.Dispose();
        }
    }
}
