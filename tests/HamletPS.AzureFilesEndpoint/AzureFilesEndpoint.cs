using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>
/// A local Azure-Files-compatible endpoint on 127.0.0.1 (path-style: <c>http://127.0.0.1:PORT/&lt;account&gt;/&lt;share&gt;/…</c>)
/// for tests and benchmarks. Raw HTTP/1.1 over a TcpListener so faults are exact: a connection can be reset in the
/// middle of a range body, answers can be 5xx bursts or slow. File bytes live in a temporary folder on disk.
/// </summary>
public sealed class AzureFilesEndpoint : IDisposable
{
    /// <summary>The well-known development key (not a secret); tests may pass their own.</summary>
    public const string DefaultAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly byte[] _key;
    private readonly FileServiceHandler _service;
    private readonly List<FaultRule> _faults = new List<FaultRule>();
    private readonly ConcurrentQueue<RangeWrite> _rangeWrites = new ConcurrentQueue<RangeWrite>();
    private readonly ConcurrentQueue<RequestRecord> _requests = new ConcurrentQueue<RequestRecord>();
    private readonly ConcurrentDictionary<HttpConnection, byte> _connections = new ConcurrentDictionary<HttpConnection, byte>();
    private readonly bool _ownsRoot;
    private Task _acceptLoop;

    public AzureFilesEndpoint(string accountName = "devacct", string accountKey = DefaultAccountKey, string rootFolder = null)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        _key = Convert.FromBase64String(accountKey);
        _ownsRoot = rootFolder == null;
        RootFolder = rootFolder ?? Path.Combine(Path.GetTempPath(), "hamlet-azfiles-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(RootFolder);
        _service = new FileServiceHandler(this, RootFolder);
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    public string AccountName { get; }
    public string AccountKey { get; }
    public string RootFolder { get; }
    public int Port { get; private set; }
    /// <summary>http://127.0.0.1:PORT/account/ (https:// when started with TLS)</summary>
    public Uri ServiceUri => new Uri((Certificate == null ? "http" : "https") + "://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/" + AccountName + "/");
    public string ConnectionString =>
        "DefaultEndpointsProtocol=" + (Certificate == null ? "http" : "https") + ";AccountName=" + AccountName + ";AccountKey=" + AccountKey + ";FileEndpoint=" + ServiceUri.ToString().TrimEnd('/');
    /// <summary>
    /// The endpoint's self-signed server certificate (CN=127.0.0.1, IP SAN 127.0.0.1) when it was started with TLS
    /// (<see cref="StartTls"/>), else null. Clients trust it explicitly, e.g. by comparing its thumbprint. The SDK sends
    /// bearer tokens only over HTTPS, so the access-token route is tested over TLS.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; private set; }
    /// <summary>Called with every request head before it is handled (tests use it to inspect headers; keep it quick).</summary>
    public Action<EndpointRequest> RequestObserver { get; set; }
    /// <summary>
    /// Hash every range body with MD5 even when the client sent no Content-MD5 (the hash is returned as the response's
    /// Content-MD5). Off by default; benchmarks turn it on so the endpoint does the same work for every client.
    /// </summary>
    public bool HashEveryRange { get; set; }
    /// <summary>
    /// A Microsoft Entra ID access token the endpoint accepts as <c>Authorization: Bearer &lt;token&gt;</c> (null: none).
    /// As the Files OAuth API does, a bearer request must also carry <c>x-ms-file-request-intent: backup</c>
    /// (400 MissingRequiredHeader otherwise); another token answers 401 InvalidAuthenticationInfo. No token checks beyond
    /// equality: this stands in for Entra ID and RBAC, which are not emulated.
    /// </summary>
    public string AcceptedBearerToken { get; set; }
    /// <summary>Clock used for SAS expiry and request-date checks.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public static AzureFilesEndpoint Start(string accountName = "devacct", string accountKey = DefaultAccountKey, string rootFolder = null)
    {
        var e = new AzureFilesEndpoint(accountName, accountKey, rootFolder);
        e.Start();
        return e;
    }

    /// <summary>Starts an endpoint that speaks HTTPS with a fresh self-signed certificate (see <see cref="Certificate"/>).</summary>
    public static AzureFilesEndpoint StartTls(string accountName = "devacct", string accountKey = DefaultAccountKey, string rootFolder = null)
    {
        var e = new AzureFilesEndpoint(accountName, accountKey, rootFolder);
        e.Certificate = SelfSignedCertificate();
        e.Start();
        return e;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(created.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    public void Start()
    {
        // Range bodies are hashed synchronously on pool threads; enough threads that parallel clients are not queued behind them.
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < 32) ThreadPool.SetMinThreads(32, Math.Max(io, 32));
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    // ---------------- faults and observation ----------------

    public FaultRule AddFault(FaultRule rule)
    {
        lock (_faults) _faults.Add(rule);
        return rule;
    }

    public void ClearFaults()
    {
        lock (_faults) _faults.Clear();
    }

    /// <summary>Every range write that the endpoint acknowledged (path at the time of the write, offset, length).</summary>
    public IReadOnlyList<RangeWrite> RangeWrites => _rangeWrites.ToArray();

    /// <summary>Every request answered or dropped (method, resource, query names, status; 0 = dropped).</summary>
    public IReadOnlyList<RequestRecord> Requests => _requests.ToArray();

    public void ResetCounters()
    {
        while (_rangeWrites.TryDequeue(out _)) { }
        while (_requests.TryDequeue(out _)) { }
    }

    /// <summary>The stored node for "share/dir/file", or null.</summary>
    public StoredNode Find(string resourcePath) => _service.Find(resourcePath);

    public IReadOnlyList<StoredNode> Nodes => _service.Snapshot();

    /// <summary>Path of the on-disk data of a stored file (for assertions).</summary>
    public string DataFileOf(string resourcePath) => _service.Find(resourcePath)?.DataFile;

    internal void RecordRangeWrite(string path, long offset, long length) => _rangeWrites.Enqueue(new RangeWrite(path, offset, length));

    /// <summary>Creates a share directly (test set-up that does not go through HTTP).</summary>
    public void CreateShare(string name)
    {
        string thumbprint = Certificate?.Thumbprint;
        using var client = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || (cert != null && cert.Thumbprint == thumbprint),
        });
        var req = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Put, new Uri(ServiceUri, name + "?restype=share"));
        SignForTests(req);
        var resp = client.Send(req);
        if ((int)resp.StatusCode != 201 && (int)resp.StatusCode != 409) throw new InvalidOperationException("share creation failed: " + (int)resp.StatusCode);
    }

    /// <summary>Signs a request with Shared Key (used only by the endpoint's own test helpers).</summary>
    internal void SignForTests(System.Net.Http.HttpRequestMessage req)
    {
        string date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        req.Headers.TryAddWithoutValidation("x-ms-date", date);
        req.Headers.TryAddWithoutValidation("x-ms-version", "2026-10-06");
        var sb = new StringBuilder();
        sb.Append(req.Method.Method).Append("\n\n\n\n\n\n\n\n\n\n\n\n");
        sb.Append("x-ms-date:").Append(date).Append('\n').Append("x-ms-version:2026-10-06\n");
        sb.Append('/').Append(AccountName).Append(req.RequestUri.AbsolutePath);
        foreach (var q in req.RequestUri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).OrderBy(p => p[0], StringComparer.Ordinal))
            sb.Append('\n').Append(q[0].ToLowerInvariant()).Append(':').Append(Uri.UnescapeDataString(q.Length > 1 ? q[1] : ""));
        string sig = Convert.ToBase64String(SharedKeyVerifier.Sign(sb.ToString(), _key));
        req.Headers.TryAddWithoutValidation("Authorization", "SharedKey " + AccountName + ":" + sig);
    }

    // ---------------- serving ----------------

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeConnectionAsync(socket));
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        System.Net.Security.SslStream tls = null;
        if (Certificate != null)
        {
            tls = new System.Net.Security.SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
            try { await tls.AuthenticateAsServerAsync(Certificate).ConfigureAwait(false); }
            catch (Exception)
            {
                tls.Dispose();
                socket.Dispose();
                return;
            }
        }
        using var connection = new HttpConnection(socket, tls);
        _connections[connection] = 0;
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                EndpointRequest req = await connection.ReadRequestHeadAsync(ct).ConfigureAwait(false);
                if (req == null) return;
                bool keepAlive = !string.Equals(req.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
                RequestObserver?.Invoke(req);
                if (string.Equals(req.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await connection.Stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
                }
                EndpointResponse response = await HandleAsync(req, ct).ConfigureAwait(false);
                if (response == null)
                {
                    connection.Abort();
                    return;
                }
                // An operation that failed before reading the body: drain it so the next request parses (bounded).
                try { await req.DrainBodyAsync(ct).ConfigureAwait(false); }
                catch (IOException) { return; }
                await response.WriteAsync(connection.Stream, req.Method == "HEAD", !keepAlive, ct).ConfigureAwait(false);
                if (!keepAlive) return;
            }
        }
        catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is InvalidDataException)
        {
            // The peer went away or sent garbage: nothing to answer.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>Authenticates, applies faults, dispatches; null means "drop the connection without answering".</summary>
    private async Task<EndpointResponse> HandleAsync(EndpointRequest req, CancellationToken ct)
    {
        string requestId = Guid.NewGuid().ToString();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        EndpointResponse response;
        try
        {
            Route(req);
            Authenticate(req);
            FaultRule fault = null;
            lock (_faults)
            {
                foreach (var rule in _faults)
                    if (rule.TryConsume(req)) { fault = rule; break; }
            }
            if (fault != null)
            {
                switch (fault.Kind)
                {
                    case FaultKind.DropConnection:
                        byte[] buf = new byte[64 * 1024];
                        long read = 0;
                        while (read < fault.DropAfterBytes)
                        {
                            int n = await req.ReadBodyAsync(buf.AsMemory(0, (int)Math.Min(buf.Length, fault.DropAfterBytes - read)), ct).ConfigureAwait(false);
                            if (n == 0) break;
                            read += n;
                        }
                        _requests.Enqueue(new RequestRecord(req.Method, req.ResourcePath, req.QueryValue("comp"), 0, null));
                        return null;
                    case FaultKind.Status:
                        throw new EndpointException(fault.StatusCode, fault.ErrorCode,
                            fault.StatusCode == 503 ? "The server is currently unable to receive requests. Please retry your request." : "The server encountered an internal error. Please retry the request.");
                    case FaultKind.Delay:
                        await Task.Delay(fault.Delay, ct).ConfigureAwait(false);
                        break;
                }
            }
            response = await _service.HandleAsync(req, ct).ConfigureAwait(false);
        }
        catch (EndpointException ex)
        {
            response = ErrorResponse(ex, requestId, req.Method == "HEAD");
        }
        catch (Exception ex) when (ex is IOException && !(ex is EndOfStreamException) && !(ex is FileNotFoundException))
        {
            throw;
        }
        response.Set("x-ms-request-id", requestId);
        response.Set("x-ms-version", req.Header("x-ms-version") ?? "2026-10-06");
        response.Set("Date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
        string clientRequestId = req.Header("x-ms-client-request-id");
        if (clientRequestId != null) response.Set("x-ms-client-request-id", clientRequestId);
        _requests.Enqueue(new RequestRecord(req.Method, req.ResourcePath, req.QueryValue("comp"), response.Status, response.Get("x-ms-error-code")) { HandlingTime = clock.Elapsed });
        return response;
    }

    private static EndpointResponse ErrorResponse(EndpointException ex, string requestId, bool isHead)
    {
        var r = isHead ? new EndpointResponse(ex.Status) { HeadContentLength = 0 } : EndpointResponse.Xml(ex.Status,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + SecurityElement.Escape(ex.ErrorCode) + "</Code><Message>" +
            SecurityElement.Escape(ex.Message + "\nRequestId:" + requestId + "\nTime:" + DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture)) + "</Message></Error>");
        r.Set("x-ms-error-code", ex.ErrorCode);
        return r;
    }

    private void Route(EndpointRequest req)
    {
        var parts = req.RawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (parts.Count == 0 || !string.Equals(parts[0], AccountName, StringComparison.Ordinal))
            throw new EndpointException(400, "InvalidUri", "The path must start with the account name (path-style addressing).");
        req.AccountSegment = parts[0];
        req.Segments = parts.Skip(1).ToList();
    }

    private void Authenticate(EndpointRequest req)
    {
        string auth = req.Header("Authorization");
        var now = Clock();
        if (auth != null && auth.StartsWith("SharedKey ", StringComparison.Ordinal))
        {
            SharedKeyVerifier.Verify(req, auth, AccountName, _key, now);
            return;
        }
        if (auth != null && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            string accepted = AcceptedBearerToken;
            byte[] presented = Encoding.UTF8.GetBytes(auth.Substring(7).Trim());
            if (accepted == null || !CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(accepted)))
                throw new EndpointException(401, "InvalidAuthenticationInfo", "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.");
            if (!string.Equals(req.Header("x-ms-file-request-intent"), "backup", StringComparison.OrdinalIgnoreCase))
                throw new EndpointException(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: x-ms-file-request-intent (OAuth requests to the File service need the backup intent).");
            return;
        }
        if (auth != null) throw new EndpointException(403, "AuthenticationFailed", "Server failed to authenticate the request: unsupported Authorization scheme.");
        if (req.QueryValue("sig") != null)
        {
            SasVerifier.Verify(req, AccountName, _key, now, RequiredPermission(req), ResourceType(req));
            return;
        }
        throw new EndpointException(401, "NoAuthenticationInformation", "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.");
    }

    private static char RequiredPermission(EndpointRequest req)
    {
        string comp = req.QueryValue("comp");
        return req.Method switch
        {
            "GET" or "HEAD" => comp == "list" ? 'l' : 'r',
            "DELETE" => 'd',
            "PUT" when comp == null => 'c',
            _ => 'w',
        };
    }

    private static char ResourceType(EndpointRequest req)
    {
        if (req.Segments.Count == 0) return 's';
        if (req.Segments.Count == 1 && req.QueryValue("restype") != "directory") return 'c';
        return 'o';
    }

    /// <summary>"share/dir/file" for a URL of this endpoint (used by rename's x-ms-file-rename-source).</summary>
    internal string ResourcePathFromUrl(string url)
    {
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri)) path = uri.AbsolutePath;
        else path = url.Split('?')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (parts.Count > 0 && parts[0] == AccountName) parts.RemoveAt(0);
        return string.Join("/", parts);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); } catch { }
        foreach (var c in _connections.Keys) c.Abort();
        try { _acceptLoop?.Wait(2000); } catch { }
        if (_ownsRoot)
        {
            try { Directory.Delete(RootFolder, recursive: true); } catch { }
        }
    }
}

/// <summary>A range write the endpoint acknowledged.</summary>
public sealed record RangeWrite(string Path, long Offset, long Length);

/// <summary>One request as the endpoint answered it (Status 0: connection dropped by a fault).</summary>
public sealed record RequestRecord(string Method, string Path, string Comp, int Status, string ErrorCode)
{
    /// <summary>From the end of the request head to the response being ready (includes reading the body).</summary>
    public TimeSpan HandlingTime { get; init; }
}
