namespace HamletPS.Core.Upload
{
    /// <summary>How a <see cref="ShareConnection"/> authenticates.</summary>
    public enum ShareConnectionKind
    {
        ConnectionString,
        SasToken,
        AccountKey,
        /// <summary>A Microsoft Entra ID access token (bearer) given by the user; requests carry the backup intent the Files OAuth API requires.</summary>
        AccessToken,
    }
}
