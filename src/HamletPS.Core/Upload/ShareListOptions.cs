namespace HamletPS.Core.Upload
{
    /// <summary>What <see cref="ShareLister"/> returns.</summary>
    public sealed class ShareListOptions
    {
        /// <summary>Descend into subdirectories.</summary>
        public bool Recursive { get; set; }
        /// <summary>Read each file's properties for its Content-MD5 (one HEAD per file, done in parallel).</summary>
        public bool IncludeMd5 { get; set; } = true;
        /// <summary>Properties requests in flight at once.</summary>
        public int MaxParallelRequests { get; set; } = 8;
        /// <summary>Entries per listing page (the service maximum is 5000).</summary>
        public int PageSize { get; set; } = 1000;
        public int SdkMaxRetries { get; set; } = 3;
    }
}
