namespace HamletPS.Core.Configuration
{
    /// <summary>UPLOAD section (new): how archives are sent to the Azure file share.</summary>
    public sealed class UploadSettings
    {
        public const int DefaultParallelism = 4;
        /// <summary>4 MiB, the largest range Azure Files accepts in one Put Range.</summary>
        public const int DefaultRangeSize = 4 * 1024 * 1024;
        public const int DefaultRetries = 5;

        public int Parallelism { get; set; } = DefaultParallelism;
        public int RangeSize { get; set; } = DefaultRangeSize;
        public int Retries { get; set; } = DefaultRetries;
    }
}
