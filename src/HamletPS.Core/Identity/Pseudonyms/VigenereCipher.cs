using System;

namespace HamletPS.Core.Identity.Pseudonyms
{
    /// <summary>
    /// The compatibility method: a keyed Vigenère cipher over letters and digits, in the spirit of the earlier tool's CIPHER
    /// FOLDERKEY. Exactly: the key is ASCII letters and digits; key character i has shift k(i) = 0..9 for '0'..'9' and
    /// 10..35 for 'A'..'Z' / 'a'..'z' (case-insensitive). Character i of the MRN: a digit d becomes (d + k(i)) mod 10; an ASCII
    /// letter becomes (letter + k(i)) mod 26 keeping its case; anything else stays as it is (its key character is still used
    /// up, so the key position always equals the MRN position). The key must be longer than the MRN, else
    /// <see cref="KeyTooShortException"/>. Weak: it only keeps the MRN off the wire; use FF1 where possible.
    /// </summary>
    public sealed class VigenereCipher
    {
        private readonly int[] _shifts;

        public VigenereCipher(string key)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("The Vigenère key (CIPHER FOLDERKEY) is empty.", nameof(key));
            _shifts = new int[key.Length];
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (c >= '0' && c <= '9') _shifts[i] = c - '0';
                else if (c >= 'A' && c <= 'Z') _shifts[i] = 10 + (c - 'A');
                else if (c >= 'a' && c <= 'z') _shifts[i] = 10 + (c - 'a');
                else throw new ArgumentException("The Vigenère key (CIPHER FOLDERKEY) may contain only letters A-Z, a-z and digits 0-9 (character " + (i + 1) + " is not).", nameof(key));
            }
        }

        public int KeyLength => _shifts.Length;

        public string Encrypt(string text) => Run(text, +1);

        public string Decrypt(string text) => Run(text, -1);

        private string Run(string text, int direction)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (_shifts.Length <= text.Length) throw new KeyTooShortException(_shifts.Length, text.Length + 1);
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                int k = _shifts[i] * direction;
                if (c >= '0' && c <= '9') chars[i] = (char)('0' + Mod(c - '0' + k, 10));
                else if (c >= 'A' && c <= 'Z') chars[i] = (char)('A' + Mod(c - 'A' + k, 26));
                else if (c >= 'a' && c <= 'z') chars[i] = (char)('a' + Mod(c - 'a' + k, 26));
            }
            return new string(chars);
        }

        private static int Mod(int a, int m) => ((a % m) + m) % m;
    }
}
