using System;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet list-azure --json`: one line per file or folder of the share.</summary>
    public sealed class ShareItemLine
    {
        public string Name { get; set; }
        public string Path { get; set; }
        public bool IsDirectory { get; set; }
        public long? Length { get; set; }
        public DateTimeOffset? LastModified { get; set; }
        public string ContentMD5 { get; set; }
        public string Md5Hex { get; set; }
        public string Uri { get; set; }

        public static ShareItemLine From(ShareItem item) => new ShareItemLine
        {
            Name = item.Name, Path = item.Path, IsDirectory = item.IsDirectory, Length = item.Length, LastModified = item.LastModified,
            ContentMD5 = item.ContentMD5, Md5Hex = item.Md5Hex, Uri = item.Uri?.ToString(),
        };
    }
}
