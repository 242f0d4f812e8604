namespace HamletPS.Core.Identity
{
    /// <summary>
    /// The outcome of reversing identity replacement (site only): the original Patient ID (or accession number, for a coupling
    /// list) for a protected ID. <see cref="Message"/> names only the protected ID.
    /// </summary>
    public sealed class RevealedIdentity
    {
        public RevealedIdentity(string originalId, IdentitySource source, LookupKeyKind keyKind, string message)
        {
            OriginalId = originalId;
            Source = source;
            KeyKind = keyKind;
            Message = message;
        }

        /// <summary>The original MRN (or, for a coupling list, the accession number). Handle as a patient identifier.</summary>
        public string OriginalId { get; }
        public IdentitySource Source { get; }
        /// <summary>What <see cref="OriginalId"/> is: an MRN or an accession number.</summary>
        public LookupKeyKind KeyKind { get; }
        public string Message { get; }

        /// <summary>Never prints the original ID.</summary>
        public override string ToString() => Message;
    }
}
