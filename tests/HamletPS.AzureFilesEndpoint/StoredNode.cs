using System;
using System.Collections.Generic;

namespace HamletPS.AzureFilesEndpoint;

public enum StoredNodeKind { Share, Directory, File }

/// <summary>One share, directory or file held by the endpoint: properties in memory, file bytes in a data file on disk.</summary>
public sealed class StoredNode
{
    internal StoredNode(StoredNodeKind kind, string path, long id)
    {
        Kind = kind;
        Path = path;
        Id = id;
    }

    public StoredNodeKind Kind { get; }
    /// <summary>"share", "share/dir" or "share/dir/file", as created (case preserved).</summary>
    public string Path { get; internal set; }
    public long Id { get; }
    public string Name => Path.Substring(Path.LastIndexOf('/') + 1);
    public string ETag { get; internal set; }
    public DateTimeOffset LastModified { get; internal set; }
    public DateTimeOffset Created { get; internal set; }
    public long Length { get; internal set; }
    public string ContentType { get; internal set; }
    public string ContentEncoding { get; internal set; }
    public string ContentLanguage { get; internal set; }
    public string CacheControl { get; internal set; }
    public string ContentDisposition { get; internal set; }
    /// <summary>Whole-file MD5 (base64) as set by the client; the service never computes it.</summary>
    public string ContentMd5 { get; internal set; }
    public Dictionary<string, string> Metadata { get; internal set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    internal string DataFile { get; set; }
    /// <summary>Written ranges (inclusive start, exclusive end), merged and sorted.</summary>
    internal List<(long Start, long End)> Ranges { get; } = new List<(long, long)>();
    internal readonly object Gate = new object();

    internal void AddRange(long start, long end)
    {
        Ranges.Add((start, end));
        Ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(long, long)>();
        foreach (var r in Ranges)
        {
            if (merged.Count > 0 && r.Start <= merged[merged.Count - 1].Item2)
            {
                var last = merged[merged.Count - 1];
                merged[merged.Count - 1] = (last.Item1, Math.Max(last.Item2, r.End));
            }
            else merged.Add(r);
        }
        Ranges.Clear();
        Ranges.AddRange(merged);
    }

    internal void RemoveRange(long start, long end)
    {
        var kept = new List<(long, long)>();
        foreach (var r in Ranges)
        {
            if (r.End <= start || r.Start >= end) { kept.Add(r); continue; }
            if (r.Start < start) kept.Add((r.Start, start));
            if (r.End > end) kept.Add((end, r.End));
        }
        Ranges.Clear();
        Ranges.AddRange(kept);
    }
}
