namespace HamletPS.Core.Identity
{
    /// <summary>How an MRN that is not in the lookup table becomes a pseudonym.</summary>
    public enum PseudonymMethod
    {
        /// <summary>FF1 format-preserving encryption (NIST SP 800-38G, AES-256) keyed from the site secret. The default.</summary>
        Ff1 = 0,
        /// <summary>The earlier tool's keyed Vigenère cipher with CIPHER FOLDERKEY (weak; for continuity only).</summary>
        Vigenere,
    }
}
