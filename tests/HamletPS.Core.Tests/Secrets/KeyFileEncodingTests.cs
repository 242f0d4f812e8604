using System;
using System.IO;
using System.Text;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Secrets
{
    /// <summary>
    /// Key files as Windows writes them: Windows PowerShell 5.1's <c>'key' &gt; site.key</c> writes UTF-16 LE with a byte-order
    /// mark, Notepad may add a UTF-8 mark. The key must be the same as from a plain ASCII file, and damaged text is refused.
    /// </summary>
    public class KeyFileEncodingTests
    {
        private const string Passphrase = "synthetic-site-passphrase-0001";

        private static string Material(string path)
        {
            using var secret = SiteSecret.FromKeyFile(path);
            return Convert.ToBase64String(secret.CopyMaterial());
        }

        [Theory]
        [InlineData("utf16le")]
        [InlineData("utf16be")]
        [InlineData("utf8bom")]
        public void KeyFile_WithAByteOrderMark_GivesTheSameKeyAsTheAsciiFile(string kind)
        {
            using var tmp = new TempFolder();
            File.WriteAllBytes(tmp.File("ascii.key"), Encoding.ASCII.GetBytes(Passphrase + "\r\n"));
            Encoding encoding = kind == "utf16le" ? new UnicodeEncoding(false, true) : kind == "utf16be" ? new UnicodeEncoding(true, true) : (Encoding)new UTF8Encoding(true);
            File.WriteAllText(tmp.File("marked.key"), Passphrase + "\r\n", encoding);
            Assert.NotEqual(File.ReadAllBytes(tmp.File("ascii.key")), File.ReadAllBytes(tmp.File("marked.key")));
            Assert.Equal(Material(tmp.File("ascii.key")), Material(tmp.File("marked.key")));
        }

        [Fact]
        public void KeyFile_InUtf16WithAMark_ThroughHamletSecrets_GivesTheAsciiKeyText()
        {
            using var tmp = new TempFolder();
            File.WriteAllText(tmp.File("site.key"), Passphrase + "\r\n", new UnicodeEncoding(false, true));
            byte[] raw = File.ReadAllBytes(tmp.File("site.key"));
            Assert.Equal(Passphrase, SiteSecret.KeyFileFirstLine(raw, tmp.File("site.key")));
        }

        [Fact]
        public void KeyFile_Of32BytesWithAUtf16Mark_IsText_NotARawKey()
        {
            using var tmp = new TempFolder();
            string fifteen = "synthetic-key15"; // BOM (2) + 15 UTF-16 characters (30) = 32 bytes
            File.WriteAllText(tmp.File("k.key"), fifteen, new UnicodeEncoding(false, true));
            Assert.Equal(32, new FileInfo(tmp.File("k.key")).Length);
            File.WriteAllBytes(tmp.File("ascii.key"), Encoding.ASCII.GetBytes(fifteen));
            Assert.Equal(Material(tmp.File("ascii.key")), Material(tmp.File("k.key")));
        }

        [Fact]
        public void KeyFile_InUtf16WithoutAMark_IsRefusedNamingNul_NotTheKey()
        {
            using var tmp = new TempFolder();
            File.WriteAllBytes(tmp.File("nobom.key"), Encoding.Unicode.GetBytes(Passphrase));
            var ex = Assert.Throws<FormatException>(() => SiteSecret.FromKeyFile(tmp.File("nobom.key")));
            Assert.Contains("NUL", ex.Message);
            Assert.Contains("nobom.key", ex.Message);
            Assert.DoesNotContain(Passphrase, ex.Message);
        }

        [Fact]
        public void KeyFile_WithInvalidUtf8_IsRefusedWithItsByteOffset()
        {
            using var tmp = new TempFolder();
            byte[] bytes = Encoding.ASCII.GetBytes("synthetic?passphrase");
            bytes[9] = 0xE9; // Windows-1252 é: not UTF-8
            File.WriteAllBytes(tmp.File("ansi.key"), bytes);
            var ex = Assert.Throws<FormatException>(() => SiteSecret.FromKeyFile(tmp.File("ansi.key")));
            Assert.Contains("byte offset 9", ex.Message);
        }

        [Fact]
        public void KeyFile_WithAReplacementCharacter_IsRefused()
        {
            using var tmp = new TempFolder();
            File.WriteAllText(tmp.File("damaged.key"), "synthetic\uFFFDpassphrase", new UTF8Encoding(false));
            var ex = Assert.Throws<FormatException>(() => SiteSecret.FromKeyFile(tmp.File("damaged.key")));
            Assert.Contains("U+FFFD", ex.Message);
        }
    }
}
