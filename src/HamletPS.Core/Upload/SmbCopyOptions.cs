using System;

namespace HamletPS.Core.Upload
{
    /// <summary>How <see cref="SmbRouteCopier"/> copies.</summary>
    public sealed class SmbCopyOptions
    {
        /// <summary>Replace a different file of the same name without asking.</summary>
        public bool Force { get; set; }
        /// <summary>Asked (with the destination path) when a different file is there and Force is off; true replaces it.</summary>
        public Func<string, bool> ConfirmOverwrite { get; set; }
        public int BufferSize { get; set; } = 1024 * 1024;
        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    }
}
