using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>One accepted HTTP/1.1 connection: buffered reading of request heads and bodies, raw writing of responses.</summary>
internal sealed class HttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public HttpConnection(Socket socket, Stream stream = null)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = stream ?? new NetworkStream(socket, ownsSocket: false);
    }

    public Stream Stream => _stream;

    /// <summary>Reads one request head; null when the peer closed the connection between requests.</summary>
    public async Task<EndpointRequest> ReadRequestHeadAsync(CancellationToken ct)
    {
        string requestLine = await ReadLineAsync(ct).ConfigureAwait(false);
        if (requestLine == null) return null;
        while (requestLine.Length == 0)
        {
            requestLine = await ReadLineAsync(ct).ConfigureAwait(false);
            if (requestLine == null) return null;
        }
        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3) throw new InvalidDataException("malformed request line");
        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            string line = await ReadLineAsync(ct).ConfigureAwait(false);
            if (line == null) throw new EndOfStreamException("connection closed inside a request head");
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException("malformed header line");
            headers.Add(new KeyValuePair<string, string>(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
        }
        return new EndpointRequest(parts[0], parts[1], headers, this);
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                if (!await FillAsync(ct).ConfigureAwait(false)) return sb.Length == 0 ? null : throw new EndOfStreamException();
            }
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (nl < 0)
            {
                sb.Append(Encoding.Latin1.GetString(_buffer, _start, _end - _start));
                _start = _end;
                if (sb.Length > 64 * 1024) throw new InvalidDataException("request head too long");
                continue;
            }
            sb.Append(Encoding.Latin1.GetString(_buffer, _start, nl - _start));
            _start = nl + 1;
            if (sb.Length > 0 && sb[sb.Length - 1] == '\r') sb.Length--;
            return sb.ToString();
        }
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
        return _end > 0;
    }

    /// <summary>Reads up to destination.Length bytes of raw body data (buffered bytes first).</summary>
    public async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (_start < _end)
        {
            int n = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, n).CopyTo(destination);
            _start += n;
            return n;
        }
        return await _stream.ReadAsync(destination, ct).ConfigureAwait(false);
    }

    public Task<string> ReadChunkLineAsync(CancellationToken ct) => ReadLineAsync(ct);

    /// <summary>Drops the connection at once with a TCP reset (fault injection: "connection dropped mid-range").</summary>
    public void Abort()
    {
        try { _socket.LingerState = new LingerOption(true, 0); } catch { }
        try { _socket.Close(); } catch { }
    }

    public void Dispose()
    {
        try { _stream.Dispose(); } catch { }
        try { _socket.Dispose(); } catch { }
    }
}
