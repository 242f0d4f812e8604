using System;
using System.IO;
using System.Text;

namespace HamletPS.Core.Secrets
{
    /// <summary>
    /// The site's master secret (input key material for <see cref="SiteKeys"/>). Never hard-coded: it comes from bytes/chars the
    /// caller supplies (the cmdlet converts a SecureString), an environment variable, or a key file. Our copies are zeroed on
    /// Dispose; ToString never shows the value. The secret must not be shorter than <see cref="MinimumLength"/> bytes.
    /// </summary>
    public sealed class SiteSecret : IDisposable
    {
        public const int MinimumLength = 8;
        private byte[] _material;

        private SiteSecret(byte[] material, string source)
        {
            if (material.Length < MinimumLength)
            {
                Array.Clear(material, 0, material.Length);
                throw new ArgumentException("The site secret from " + source + " is shorter than " + MinimumLength + " bytes.");
            }
            _material = material;
            Source = source;
        }

        /// <summary>Where the secret came from, for messages ("environment variable HAMLET_SITE_KEY"); never the value.</summary>
        public string Source { get; }

        /// <summary>Takes a copy of raw key bytes (e.g. 32 random bytes). The caller's array is left as it is.</summary>
        public static SiteSecret FromBytes(byte[] secret, string source = "parameter")
        {
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            return new SiteSecret((byte[])secret.Clone(), source);
        }

        /// <summary>Takes a passphrase as characters (UTF-8 encoded); when <paramref name="clearInput"/> the caller's array is zeroed.</summary>
        public static SiteSecret FromChars(char[] secret, bool clearInput = false, string source = "parameter")
        {
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            var bytes = Encoding.UTF8.GetBytes(secret);
            if (clearInput) Array.Clear(secret, 0, secret.Length);
            return new SiteSecret(bytes, source);
        }

        /// <summary>Reads the secret from an environment variable, decoded as <see cref="FromKeyText"/> does.</summary>
        public static SiteSecret FromEnvironment(string variableName)
        {
            if (string.IsNullOrEmpty(variableName)) throw new ArgumentNullException(nameof(variableName));
            var value = Environment.GetEnvironmentVariable(variableName);
            if (string.IsNullOrEmpty(value)) throw new InvalidOperationException("The environment variable " + variableName + " is not set or empty.");
            return FromKeyText(value, "environment variable " + variableName);
        }

        /// <summary>
        /// Reads a key file: a file of exactly 32 bytes that is not text is taken raw; otherwise the first non-empty line is
        /// the key text (see <see cref="FromKeyText"/>).
        /// </summary>
        public static SiteSecret FromKeyFile(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            if (!File.Exists(path)) throw new FileNotFoundException("The key file does not exist.", path);
            var raw = File.ReadAllBytes(path);
            try
            {
                if (raw.Length == 32 && !LooksLikeText(raw) && !IsMarkedText(raw)) return FromBytes(raw, "key file " + path);
                var text = KeyFileFirstLine(raw, path);
                if (text == null) throw new InvalidOperationException("The key file " + path + " is empty.");
                return FromKeyText(text, "key file " + path);
            }
            finally { Array.Clear(raw, 0, raw.Length); }
        }

        /// <summary>
        /// Interprets key text: "base64:..." or "hex:..." decode explicitly; 64 hex digits decode as 32 bytes; anything else is a
        /// passphrase taken as its UTF-8 bytes.
        /// </summary>
        public static SiteSecret FromKeyText(string text, string source = "parameter")
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            text = text.Trim();
            if (text.StartsWith("base64:", StringComparison.OrdinalIgnoreCase))
            {
                try { return new SiteSecret(Convert.FromBase64String(text.Substring(7)), source); }
                catch (FormatException) { throw new FormatException("The key from " + source + " is marked base64 but is not valid base64."); }
            }
            if (text.StartsWith("hex:", StringComparison.OrdinalIgnoreCase))
            {
                var hex = text.Substring(4);
                if (!IsHex(hex) || hex.Length % 2 != 0) throw new FormatException("The key from " + source + " is marked hex but is not valid hex.");
                return new SiteSecret(FromHex(hex), source);
            }
            if (text.Length == 64 && IsHex(text)) return new SiteSecret(FromHex(text), source);
            return new SiteSecret(Encoding.UTF8.GetBytes(text), source);
        }

        /// <summary>A copy of the key material, for derivation. The caller zeroes it after use.</summary>
        internal byte[] CopyMaterial()
        {
            if (_material == null) throw new ObjectDisposedException(nameof(SiteSecret));
            return (byte[])_material.Clone();
        }

        /// <summary>Replaces every occurrence of <paramref name="secret"/> in a message by "***" (for messages that might echo a value).</summary>
        public static string Redact(string message, string secret)
        {
            if (string.IsNullOrEmpty(message) || string.IsNullOrEmpty(secret)) return message;
            var sb = new StringBuilder(message.Length);
            int start = 0, hit;
            while ((hit = message.IndexOf(secret, start, StringComparison.Ordinal)) >= 0)
            {
                sb.Append(message, start, hit - start).Append("***");
                start = hit + secret.Length;
            }
            return sb.Append(message, start, message.Length - start).ToString();
        }

        public override string ToString() => "SiteSecret(from " + Source + ", ***)";

        public void Dispose()
        {
            if (_material != null) Array.Clear(_material, 0, _material.Length);
            _material = null;
        }

        /// <summary>
        /// The first non-empty line of a key file, decoded by its byte-order mark (UTF-8, UTF-16 LE as Windows PowerShell 5.1's
        /// <c>'key' &gt; file</c> writes it, UTF-16 BE) or as strict UTF-8 without one. A NUL (UTF-16 without a mark), an
        /// invalid byte sequence or U+FFFD (text damaged by an earlier conversion) is refused: a silently changed key would give
        /// other pseudonyms. The messages name the file and byte offset, never the key.
        /// </summary>
        internal static string KeyFileFirstLine(byte[] raw, string path)
        {
            Encoding encoding = Text.StrictText.FromByteOrderMark(raw, out int mark) ?? Text.StrictText.Utf8;
            string text;
            try
            {
                text = encoding.GetString(raw, mark, raw.Length - mark);
            }
            catch (DecoderFallbackException ex)
            {
                throw new FormatException("The key file " + path + " is not valid " + Text.StrictText.NameOf(encoding) + " text (byte offset " +
                    (mark + Math.Max(0, ex.Index)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "); save it as UTF-8 or UTF-16 text.");
            }
            int bad = text.IndexOfAny(new[] { '\0', '\uFFFD' });
            if (bad >= 0)
            {
                throw new FormatException("The key file " + path + (text[bad] == '\0'
                    ? " contains a NUL character (UTF-16 text without a byte-order mark?); save it as UTF-8 or UTF-16 text with a byte-order mark."
                    : " contains the replacement character U+FFFD: the key text was damaged by an earlier conversion."));
            }
            foreach (var line in text.TrimStart('\uFEFF').Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0) return trimmed;
            }
            return null;
        }

        /// <summary>A 32-byte file is a raw key unless it starts with a byte-order mark and decodes as clean text.</summary>
        private static bool IsMarkedText(byte[] raw)
        {
            if (Text.StrictText.FromByteOrderMark(raw, out _) == null) return false;
            try
            {
                return KeyFileFirstLine(raw, "(probe)") != null;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        private static bool LooksLikeText(byte[] raw)
        {
            foreach (var b in raw)
                if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b >= 0x7F) return false;
            return true;
        }

        private static bool IsHex(string s)
        {
            foreach (var c in s)
                if (!Uri.IsHexDigit(c)) return false;
            return s.Length > 0;
        }

        private static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
            return bytes;
        }
    }
}
