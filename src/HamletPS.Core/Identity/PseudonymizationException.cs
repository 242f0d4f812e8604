using System;

namespace HamletPS.Core.Identity
{
    /// <summary>An MRN could not be pseudonymised or a pseudonym could not be revealed. The message never contains the MRN.</summary>
    public class PseudonymizationException : HamletException
    {
        public PseudonymizationException(string message) : base(ErrorIds.PseudonymizationFailed, message) { }
    }

    /// <summary>The Vigenère key (CIPHER FOLDERKEY) is not longer than the MRN it must encode.</summary>
    public sealed class KeyTooShortException : PseudonymizationException
    {
        public KeyTooShortException(int keyLength, int requiredLength)
            : base("The CIPHER FOLDERKEY has " + keyLength + " characters but must be longer than the MRN (at least " + requiredLength +
                   " characters). Choose a longer key, or add the patient to mapping.csv.")
        {
            KeyLength = keyLength;
            RequiredLength = requiredLength;
        }

        public int KeyLength { get; }
        public int RequiredLength { get; }
    }
}
