using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>A parsed HTTP request as the endpoint sees it: method, raw path, decoded query, headers and a body reader.</summary>
public sealed class EndpointRequest
{
    private readonly HttpConnection _connection;
    private readonly List<KeyValuePair<string, string>> _headers;
    private long _bodyRemaining;
    private readonly bool _chunked;
    private long _chunkRemaining;
    private bool _chunkedDone;

    internal EndpointRequest(string method, string target, List<KeyValuePair<string, string>> headers, HttpConnection connection)
    {
        Method = method.ToUpperInvariant();
        _headers = headers;
        _connection = connection;
        int q = target.IndexOf('?');
        RawPath = q < 0 ? target : target.Substring(0, q);
        RawQuery = q < 0 ? string.Empty : target.Substring(q + 1);
        Query = ParseQuery(RawQuery);
        string te = Header("Transfer-Encoding");
        _chunked = te != null && te.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0;
        string cl = Header("Content-Length");
        _bodyRemaining = _chunked ? 0 : (long.TryParse(cl, out long n) ? n : 0);
        ContentLength = _chunked ? -1 : _bodyRemaining;
    }

    public string Method { get; }
    /// <summary>The request path exactly as sent (still percent-encoded), e.g. <c>/account/share/dir/file</c>.</summary>
    public string RawPath { get; }
    public string RawQuery { get; }
    /// <summary>Query parameters, names lower-cased, values percent-decoded (repeated names keep every value).</summary>
    public IReadOnlyDictionary<string, List<string>> Query { get; }
    /// <summary>Content-Length of the body (-1 when chunked).</summary>
    public long ContentLength { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>Path segments after the account (decoded): [share, dir…, file]. Filled in by the router.</summary>
    public IReadOnlyList<string> Segments { get; internal set; } = Array.Empty<string>();
    public string AccountSegment { get; internal set; }

    public string Header(string name)
    {
        string found = null;
        foreach (var h in _headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                found = found == null ? h.Value : found + "," + h.Value;
        }
        return found;
    }

    public string QueryValue(string name) => Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    /// <summary>"share/dir/file" (decoded), or the empty string at the account level.</summary>
    public string ResourcePath => string.Join("/", Segments);

    public bool IsPutRange => Method == "PUT" && QueryValue("comp") == "range";

    internal HttpConnection Connection => _connection;

    /// <summary>Reads body bytes; 0 at the end of the body.</summary>
    public async ValueTask<int> ReadBodyAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (destination.Length == 0) return 0;
        if (!_chunked)
        {
            if (_bodyRemaining <= 0) return 0;
            int want = (int)Math.Min(destination.Length, _bodyRemaining);
            int n = await _connection.ReadRawAsync(destination.Slice(0, want), ct).ConfigureAwait(false);
            if (n == 0) throw new EndOfStreamException("connection closed inside a request body");
            _bodyRemaining -= n;
            return n;
        }
        if (_chunkedDone) return 0;
        if (_chunkRemaining == 0)
        {
            string sizeLine = await _connection.ReadChunkLineAsync(ct).ConfigureAwait(false);
            if (sizeLine == null) throw new EndOfStreamException("connection closed inside a chunked body");
            int semi = sizeLine.IndexOf(';');
            if (semi >= 0) sizeLine = sizeLine.Substring(0, semi);
            _chunkRemaining = Convert.ToInt64(sizeLine.Trim(), 16);
            if (_chunkRemaining == 0)
            {
                while (!string.IsNullOrEmpty(await _connection.ReadChunkLineAsync(ct).ConfigureAwait(false))) { }
                _chunkedDone = true;
                return 0;
            }
        }
        int take = (int)Math.Min(destination.Length, _chunkRemaining);
        int read = await _connection.ReadRawAsync(destination.Slice(0, take), ct).ConfigureAwait(false);
        if (read == 0) throw new EndOfStreamException("connection closed inside a chunked body");
        _chunkRemaining -= read;
        if (_chunkRemaining == 0) await _connection.ReadChunkLineAsync(ct).ConfigureAwait(false);
        return read;
    }

    /// <summary>
    /// Reads the whole body into a buffer rented from the shared pool (return it with ArrayPool&lt;byte&gt;.Shared.Return),
    /// refusing bodies over <paramref name="limit"/> bytes. Returns the buffer and the body length.
    /// </summary>
    public async Task<(byte[] Buffer, int Length)> ReadBodyPooledAsync(int limit, CancellationToken ct)
    {
        if (ContentLength > limit) throw new EndpointException(413, "RequestBodyTooLarge", "The request body is too large.");
        if (ContentLength >= 0)
        {
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(1, ContentLength));
            int read = 0;
            try
            {
                while (read < ContentLength)
                {
                    int n = await ReadBodyAsync(buffer.AsMemory(read, (int)ContentLength - read), ct).ConfigureAwait(false);
                    if (n == 0) throw new EndOfStreamException("connection closed inside a request body");
                    read += n;
                }
            }
            catch
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
            return (buffer, read);
        }
        var ms = new MemoryStream();
        byte[] chunk = new byte[81920];
        int c;
        while ((c = await ReadBodyAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            ms.Write(chunk, 0, c);
            if (ms.Length > limit) throw new EndpointException(413, "RequestBodyTooLarge", "The request body is too large.");
        }
        byte[] result = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(1, ms.Length));
        ms.Position = 0;
        ms.ReadExactly(result, 0, (int)ms.Length);
        return (result, (int)ms.Length);
    }

    /// <summary>Reads and discards whatever is left of the body (so the connection can carry the next request).</summary>
    public async Task DrainBodyAsync(CancellationToken ct)
    {
        byte[] buf = new byte[81920];
        while (await ReadBodyAsync(buf, ct).ConfigureAwait(false) > 0) { }
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query)) return result;
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0) continue;
            int eq = pair.IndexOf('=');
            string name = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq))).ToLowerInvariant();
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1));
            if (!result.TryGetValue(name, out var list)) result[name] = list = new List<string>();
            list.Add(value);
        }
        return result;
    }

    public override string ToString() => Method + " " + RawPath + (RawQuery.Length > 0 ? "?" + string.Join("&", Query.Keys.Where(k => k != "sig")) : "");
}
