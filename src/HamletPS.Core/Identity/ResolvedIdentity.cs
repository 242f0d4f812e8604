namespace HamletPS.Core.Identity
{
    /// <summary>The outcome of identity replacement for one patient. Holds only the new ID: never the MRN.</summary>
    public sealed class ResolvedIdentity
    {
        public ResolvedIdentity(string newId, IdentitySource source, string message)
        {
            NewId = newId;
            Source = source;
            Message = message;
        }

        /// <summary>The Study ID or pseudonym that replaces the Patient ID.</summary>
        public string NewId { get; }
        public IdentitySource Source { get; }
        /// <summary>A report line naming the patient by the new ID only.</summary>
        public string Message { get; }

        public override string ToString() => Message;
    }
}
