namespace HamletPS.Core.Security
{
    /// <summary>Sealed data did not authenticate: wrong key, wrong associated data, or the bytes were altered. No plaintext was released.</summary>
    public sealed class AuthenticationFailedException : HamletException
    {
        public AuthenticationFailedException(string message) : base(ErrorIds.VaultRecordTampered, message) { }
    }
}
