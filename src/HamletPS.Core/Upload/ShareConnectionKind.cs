namespace HamletPS.Core.Upload
{
    /// <summary>How a <see cref="ShareConnection"/> authenticates.</summary>
    public enum ShareConnectionKind
    {
        ConnectionString,
        SasToken,
        AccountKey,
    }
}
