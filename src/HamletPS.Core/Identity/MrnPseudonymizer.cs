using System;
using System.Text;
using HamletPS.Core.Identity.Pseudonyms;
using HamletPS.Core.Security;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// Keyed, deterministic, reversible pseudonyms for MRNs that are not in the lookup table. No marker is added: a pseudonym
    /// looks like an MRN, and re-identification tries the lookup table first and this reversal second.
    /// <para>
    /// FF1 (default): the MRN's shape is public and kept — length, the position of every digit, letter and other character
    /// ('-', '/', spaces… stay in place), and the case of every letter. Two modes, chosen from the character counts alone
    /// (which both modes preserve or restore, so <see cref="Reveal"/> picks the same mode):
    /// </para>
    /// <list type="number">
    /// <item>Group mode, when every non-empty class has a domain of at least one million (SP 800-38G Rev. 1): six or more
    /// digits, and either no letters or five or more. The digits are FF1-encrypted in radix 10 with a tweak binding the
    /// shape and the (plain) letters; then the letters are encrypted in radix 26 with a tweak binding the shape and the
    /// encrypted digits (a two-round Feistel over the classes, so each part depends on the whole MRN). Digits stay digits,
    /// letters stay letters.</item>
    /// <item>Mixed mode, for short MRNs (e.g. "A12345", "bioc-157w-nq2u"): all letters and digits together are encrypted in
    /// radix 62 (0-9A-Za-z) with a tweak binding the separators, cycle-walking until the result would not itself qualify
    /// for group mode. Length and separators are kept; a digit may become a letter. At least 2 letters/digits are needed
    /// (62^2 >= 100, FF1's hard minimum); shorter MRNs are refused — list them in mapping.csv.</item>
    /// </list>
    /// Vigenère: see <see cref="VigenereCipher"/>.
    /// </summary>
    public sealed class MrnPseudonymizer
    {
        /// <summary>SP 800-38G Rev. 1 minimum domain size for each class encrypted on its own.</summary>
        public const int GroupMinimumDomain = 1000000;
        private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        private const int MaxCycleWalk = 100000;
        private readonly Ff1Cipher _digits, _letters, _mixed;
        private readonly VigenereCipher _vigenere;

        private MrnPseudonymizer(byte[] ff1Key)
        {
            Method = PseudonymMethod.Ff1;
            _digits = new Ff1Cipher(ff1Key, 10);
            _letters = new Ff1Cipher(ff1Key, 26);
            _mixed = new Ff1Cipher(ff1Key, 62);
        }

        private MrnPseudonymizer(VigenereCipher vigenere)
        {
            Method = PseudonymMethod.Vigenere;
            _vigenere = vigenere;
        }

        public PseudonymMethod Method { get; }

        /// <summary>FF1 with an AES-256 key (use <see cref="Secrets.SiteKeys.Ff1Key"/>).</summary>
        public static MrnPseudonymizer CreateFf1(byte[] ff1Key)
        {
            if (ff1Key == null) throw new ArgumentNullException(nameof(ff1Key));
            if (ff1Key.Length != 32) throw new ArgumentException("The FF1 pseudonym key is an AES-256 key (32 bytes).", nameof(ff1Key));
            return new MrnPseudonymizer(ff1Key);
        }

        /// <summary>Vigenère with the CIPHER FOLDERKEY text.</summary>
        public static MrnPseudonymizer CreateVigenere(string folderKey) => new MrnPseudonymizer(new VigenereCipher(folderKey));

        /// <summary>The Vigenère key length (0 for FF1), for the configuration check against mapping.csv.</summary>
        public int VigenereKeyLength => _vigenere?.KeyLength ?? 0;

        /// <summary>The pseudonym for an MRN (surrounding spaces ignored).</summary>
        public string Pseudonymize(string mrn) => Transform(mrn, encrypt: true);

        /// <summary>The MRN a pseudonym was made from.</summary>
        public string Reveal(string pseudonym) => Transform(pseudonym, encrypt: false);

        private string Transform(string value, bool encrypt)
        {
            if (value == null) throw new ArgumentNullException(encrypt ? "mrn" : "pseudonym");
            value = value.Trim();
            if (value.Length == 0) throw new PseudonymizationException("An empty " + (encrypt ? "MRN" : "pseudonym") + " cannot be " + (encrypt ? "pseudonymised." : "revealed."));
            if (Method == PseudonymMethod.Vigenere) return encrypt ? _vigenere.Encrypt(value) : _vigenere.Decrypt(value);

            var chars = value.ToCharArray();
            int digits = 0, letters = 0;
            foreach (var c in chars)
            {
                if (IsDigit(c)) digits++;
                else if (IsLetter(c)) letters++;
            }
            if (digits + letters < 2)
                throw new PseudonymizationException("The MRN has fewer than 2 letters or digits, too short for FF1 (radix^length >= 100); add it to mapping.csv.");
            return QualifiesForGroupMode(digits, letters) ? GroupMode(chars, encrypt) : MixedMode(chars, encrypt);
        }

        private static bool QualifiesForGroupMode(int digits, int letters)
            => (digits == 0 || digits >= 6) && (letters == 0 || letters >= 5);

        private string GroupMode(char[] chars, bool encrypt)
        {
            string shape = Shape(chars);
            int[] d = Extract(chars, IsDigit, c => c - '0');
            int[] l = Extract(chars, IsLetter, c => char.ToLowerInvariant(c) - 'a');
            if (encrypt)
            {
                if (d.Length > 0) d = _digits.Encrypt(d, Tweak("G|D|" + shape + "|", l));
                if (l.Length > 0) l = _letters.Encrypt(l, Tweak("G|L|" + shape + "|", d));
            }
            else
            {
                if (l.Length > 0) l = _letters.Decrypt(l, Tweak("G|L|" + shape + "|", d));
                if (d.Length > 0) d = _digits.Decrypt(d, Tweak("G|D|" + shape + "|", l));
            }
            var result = (char[])chars.Clone();
            int di = 0, li = 0;
            for (int i = 0; i < result.Length; i++)
            {
                if (IsDigit(chars[i])) result[i] = (char)('0' + d[di++]);
                else if (IsLetter(chars[i])) result[i] = (char)((char.IsUpper(chars[i]) ? 'A' : 'a') + l[li++]);
            }
            return new string(result);
        }

        private string MixedMode(char[] chars, bool encrypt)
        {
            var skeleton = new StringBuilder(chars.Length);
            foreach (var c in chars) skeleton.Append(IsDigit(c) || IsLetter(c) ? '*' : c);
            var tweak = Encoding.UTF8.GetBytes("HamletPS MRN v1|M|" + skeleton);
            int[] x = Extract(chars, c => IsDigit(c) || IsLetter(c), c => Base62.IndexOf(c));
            for (int walk = 0; ; walk++)
            {
                if (walk >= MaxCycleWalk) throw new PseudonymizationException("FF1 cycle-walking did not terminate (internal error).");
                x = encrypt ? _mixed.Encrypt(x, tweak) : _mixed.Decrypt(x, tweak);
                int digits = 0, letters = 0;
                foreach (var v in x) { if (v < 10) digits++; else letters++; }
                if (!QualifiesForGroupMode(digits, letters)) break;
            }
            var result = (char[])chars.Clone();
            int xi = 0;
            for (int i = 0; i < result.Length; i++)
                if (IsDigit(chars[i]) || IsLetter(chars[i])) result[i] = Base62[x[xi++]];
            return new string(result);
        }

        private static byte[] Tweak(string prefix, int[] other)
        {
            var sb = new StringBuilder("HamletPS MRN v1|").Append(prefix);
            foreach (var v in other) sb.Append((char)('a' + v)); // every numeral is below 26
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        private static string Shape(char[] chars)
        {
            var sb = new StringBuilder(chars.Length);
            foreach (var c in chars)
                sb.Append(IsDigit(c) ? '9' : c >= 'A' && c <= 'Z' ? 'A' : c >= 'a' && c <= 'z' ? 'a' : c);
            return sb.ToString();
        }

        private static int[] Extract(char[] chars, Func<char, bool> select, Func<char, int> value)
        {
            int n = 0;
            foreach (var c in chars) if (select(c)) n++;
            var result = new int[n];
            int k = 0;
            foreach (var c in chars) if (select(c)) result[k++] = value(c);
            return result;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
        private static bool IsLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
