using System;

namespace HamletPS.Core.Upload
{
    /// <summary>One file or directory on a share, as listed by <see cref="ShareLister"/> (plain output type: no SDK types, no secret in <see cref="Uri"/>).</summary>
    public sealed class ShareItem
    {
        /// <summary>Path inside the share, e.g. "site-a/2026/batch-001.zip".</summary>
        public string Path { get; set; }
        public string Name { get; set; }
        public bool IsDirectory { get; set; }
        /// <summary>Bytes (null for directories).</summary>
        public long? Size { get; set; }
        public DateTimeOffset? LastModified { get; set; }
        /// <summary>The Content-MD5 property (base64), null when none was set or for directories.</summary>
        public string Md5Base64 { get; set; }
        public string Md5Hex { get; set; }
        public Uri Uri { get; set; }
        /// <summary>The same as <see cref="Size"/>, under the name FileInfo uses (so Measure-Object -Property Length works).</summary>
        public long? Length => Size;
        /// <summary>The same as <see cref="Md5Base64"/>, under the service's property name.</summary>
        public string ContentMD5 => Md5Base64;

        public override string ToString() => IsDirectory ? Path + "/" : Path + " (" + Size + " bytes)";
    }
}
