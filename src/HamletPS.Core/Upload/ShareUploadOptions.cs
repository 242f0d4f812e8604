using System;

namespace HamletPS.Core.Upload
{
    /// <summary>How <see cref="ShareUploader"/> sends files. Defaults suit a site's internet link.</summary>
    public sealed class ShareUploadOptions
    {
        public const int MaxRangeSize = 4 * 1024 * 1024;

        /// <summary>Bytes per range (at most and by default 4 MiB, the service maximum).</summary>
        public int RangeSize { get; set; } = MaxRangeSize;
        /// <summary>Ranges in flight at once.</summary>
        public int MaxParallelRanges { get; set; } = 8;
        /// <summary>Replace a remote file whose content differs without asking.</summary>
        public bool Force { get; set; }
        /// <summary>Asked (with the remote path) when the remote file differs and <see cref="Force"/> is off; true replaces it. A cmdlet calls ShouldProcess here.</summary>
        public Func<string, bool> ConfirmOverwrite { get; set; }
        /// <summary>Folder for resume ledgers; null disables resume.</summary>
        public string LedgerFolder { get; set; }
        /// <summary>Attempts per range by our own retry loop (each attempt already includes the SDK's retries).</summary>
        public int MaxAttemptsPerRange { get; set; } = 4;
        /// <summary>First back-off delay of our retry loop; doubles each attempt (with jitter), capped at <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>The SDK's own retries per request (exponential, starting at <see cref="SdkRetryDelay"/>).</summary>
        public int SdkMaxRetries { get; set; } = 3;
        public TimeSpan SdkRetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);
        /// <summary>Timeout of one HTTP request (a stalled range fails after this and is retried).</summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Minimum time between two progress reports.</summary>
        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);
        /// <summary>Read the local file once more after upload and compare its MD5 (catches changes that keep size and time).</summary>
        public bool RehashAfterUpload { get; set; }

        internal void Validate()
        {
            if (RangeSize <= 0 || RangeSize > MaxRangeSize) throw new ArgumentOutOfRangeException(nameof(RangeSize), "RangeSize must be between 1 byte and 4 MiB.");
            if (MaxParallelRanges < 1 || MaxParallelRanges > 64) throw new ArgumentOutOfRangeException(nameof(MaxParallelRanges), "MaxParallelRanges must be between 1 and 64.");
            if (MaxAttemptsPerRange < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerRange));
            if (SdkMaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(SdkMaxRetries));
        }
    }
}
