using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>A response being built: status, headers and either a small byte body or a file region streamed from disk.</summary>
public sealed class EndpointResponse
{
    private readonly List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();

    public EndpointResponse(int status) { Status = status; }

    public int Status { get; set; }
    public byte[] Body { get; set; }
    public string BodyFile { get; set; }
    public long BodyFileOffset { get; set; }
    public long BodyFileLength { get; set; }
    /// <summary>Content-Length to announce on HEAD (the size of what GET would return).</summary>
    public long? HeadContentLength { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public EndpointResponse Set(string name, string value)
    {
        _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (value != null) _headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public string Get(string name)
    {
        foreach (var h in _headers) if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }

    public static EndpointResponse Xml(int status, string xml)
    {
        var r = new EndpointResponse(status) { Body = new UTF8Encoding(false).GetBytes(xml) };
        r.Set("Content-Type", "application/xml");
        return r;
    }

    internal async Task WriteAsync(Stream stream, bool isHead, bool close, CancellationToken ct)
    {
        long length = BodyFile != null ? BodyFileLength : Body?.Length ?? 0;
        if (isHead) length = HeadContentLength ?? length;
        var sb = new StringBuilder();
        sb.Append("HTTP/1.1 ").Append(Status).Append(' ').Append(ReasonPhrase(Status)).Append("\r\n");
        foreach (var h in _headers)
        {
            if (string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        }
        sb.Append("Content-Length: ").Append(length).Append("\r\n");
        sb.Append("Server: HamletPS.AzureFilesEndpoint\r\n");
        if (close) sb.Append("Connection: close\r\n");
        sb.Append("\r\n");
        byte[] head = Encoding.Latin1.GetBytes(sb.ToString());
        await stream.WriteAsync(head, ct).ConfigureAwait(false);
        if (!isHead)
        {
            if (BodyFile != null && BodyFileLength > 0)
            {
                using var fs = new FileStream(BodyFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
                fs.Seek(BodyFileOffset, SeekOrigin.Begin);
                byte[] buf = new byte[256 * 1024];
                long left = BodyFileLength;
                while (left > 0)
                {
                    int n = await fs.ReadAsync(buf.AsMemory(0, (int)Math.Min(buf.Length, left)), ct).ConfigureAwait(false);
                    if (n == 0) { Array.Clear(buf); n = (int)Math.Min(buf.Length, left); }
                    await stream.WriteAsync(buf.AsMemory(0, n), ct).ConfigureAwait(false);
                    left -= n;
                }
            }
            else if (Body != null && Body.Length > 0)
            {
                await stream.WriteAsync(Body, ct).ConfigureAwait(false);
            }
        }
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 201 => "Created", 202 => "Accepted", 206 => "Partial Content", 304 => "Not Modified",
        400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", 409 => "Conflict",
        412 => "Precondition Failed", 413 => "Request Entity Too Large", 416 => "Requested Range Not Satisfiable",
        500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status",
    };
}
