namespace HamletPS.Core.Archive
{
    /// <summary>How an entry's bytes are stored in the ZIP file (the values are the ZIP "compression method" codes).</summary>
    public enum ZipCompressionMethod
    {
        /// <summary>Bytes copied as they are: for data that is already compressed (e.g. encapsulated JPEG/JPEG 2000 pixel data).</summary>
        Store = 0,

        /// <summary>Deflate (RFC 1951). Falls back to Store for an entry whose deflated form is not smaller.</summary>
        Deflate = 8,
    }
}
