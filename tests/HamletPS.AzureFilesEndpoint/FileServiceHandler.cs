using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>The File service operations over the node table and the data folder.</summary>
internal sealed class FileServiceHandler
{
    private const int MaxRangeBytes = 4 * 1024 * 1024;
    private readonly AzureFilesEndpoint _endpoint;
    private readonly string _dataFolder;
    private readonly Dictionary<string, StoredNode> _nodes = new Dictionary<string, StoredNode>(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new object();
    private long _nextId = 1000;
    private long _etagCounter;

    public FileServiceHandler(AzureFilesEndpoint endpoint, string dataFolder)
    {
        _endpoint = endpoint;
        _dataFolder = dataFolder;
    }

    public StoredNode Find(string path)
    {
        lock (_gate) return _nodes.TryGetValue(path.Trim('/'), out var n) ? n : null;
    }

    public IReadOnlyList<StoredNode> Snapshot()
    {
        lock (_gate) return _nodes.Values.ToList();
    }

    public async Task<EndpointResponse> HandleAsync(EndpointRequest req, CancellationToken ct)
    {
        string restype = req.QueryValue("restype");
        string comp = req.QueryValue("comp");
        var segs = req.Segments;
        if (segs.Count == 0)
        {
            if (comp == "list" && req.Method == "GET") return ListShares(req);
            if (comp == "properties") return new EndpointResponse(req.Method == "GET" ? 200 : 202) { Body = req.Method == "GET" ? Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><StorageServiceProperties></StorageServiceProperties>") : null };
            throw new EndpointException(400, "InvalidQueryParameterValue", "The operation is not supported at the account level.");
        }
        if (restype == "share" || (segs.Count == 1 && restype == null && comp == null))
            return ShareOperation(req, comp);
        if (restype == "directory") return await DirectoryOperationAsync(req, comp, ct).ConfigureAwait(false);
        return await FileOperationAsync(req, comp, ct).ConfigureAwait(false);
    }

    // ---------------- shares ----------------

    private EndpointResponse ShareOperation(EndpointRequest req, string comp)
    {
        string name = req.Segments[0];
        if (req.Segments.Count != 1) throw new EndpointException(400, "InvalidUri", "A share request addresses the share only.");
        lock (_gate)
        {
            _nodes.TryGetValue(name, out var share);
            switch (req.Method)
            {
                case "PUT" when comp == null:
                    if (share != null) throw new EndpointException(409, "ShareAlreadyExists", "The specified share already exists.");
                    share = NewNode(StoredNodeKind.Share, name);
                    ApplyMetadata(share, req);
                    _nodes[name] = share;
                    return WithETag(new EndpointResponse(201), share);
                case "PUT" when comp == "metadata":
                    RequireShare(share);
                    ApplyMetadata(share, req);
                    Touch(share);
                    return WithETag(new EndpointResponse(200), share);
                case "GET" when comp == null:
                case "HEAD" when comp == null:
                    RequireShare(share);
                    var r = WithETag(new EndpointResponse(200), share);
                    r.Set("x-ms-share-quota", "5120");
                    r.Set("x-ms-access-tier", "TransactionOptimized");
                    AddMetadataHeaders(r, share);
                    return r;
                case "DELETE":
                    RequireShare(share);
                    foreach (var key in _nodes.Keys.Where(k => k.Equals(name, StringComparison.OrdinalIgnoreCase) || k.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        if (_nodes[key].DataFile != null) TryDelete(_nodes[key].DataFile);
                        _nodes.Remove(key);
                    }
                    return new EndpointResponse(202);
                default:
                    throw new EndpointException(400, "UnsupportedHttpVerb", "The share operation is not supported.");
            }
        }
    }

    private EndpointResponse ListShares(EndpointRequest req)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.Append("<EnumerationResults ServiceEndpoint=\"").Append(SecurityElement.Escape(_endpoint.ServiceUri.ToString())).Append("\"><Shares>");
        lock (_gate)
        {
            foreach (var s in _nodes.Values.Where(n => n.Kind == StoredNodeKind.Share).OrderBy(n => n.Path, StringComparer.Ordinal))
            {
                sb.Append("<Share><Name>").Append(SecurityElement.Escape(s.Path)).Append("</Name><Properties><Last-Modified>")
                  .Append(s.LastModified.ToString("r", CultureInfo.InvariantCulture)).Append("</Last-Modified><Etag>")
                  .Append(SecurityElement.Escape(s.ETag)).Append("</Etag><Quota>5120</Quota></Properties></Share>");
            }
        }
        sb.Append("</Shares><NextMarker /></EnumerationResults>");
        return EndpointResponse.Xml(200, sb.ToString());
    }

    // ---------------- directories ----------------

    private async Task<EndpointResponse> DirectoryOperationAsync(EndpointRequest req, string comp, CancellationToken ct)
    {
        string path = req.ResourcePath;
        await Task.CompletedTask.ConfigureAwait(false);
        lock (_gate)
        {
            RequireShare(Get(req.Segments[0]));
            var node = req.Segments.Count == 1 ? Get(path) : Get(path);
            switch (req.Method)
            {
                case "PUT" when comp == null:
                    if (node != null) throw new EndpointException(409, "ResourceAlreadyExists", "The specified resource already exists.");
                    RequireParent(path);
                    node = NewNode(StoredNodeKind.Directory, path);
                    ApplyMetadata(node, req);
                    _nodes[path] = node;
                    return FileSystemHeaders(WithETag(new EndpointResponse(201), node), node);
                case "GET" when comp == "list":
                    if (node == null) throw NotFound(req.Segments.Count == 1 ? "ShareNotFound" : "ResourceNotFound");
                    return ListDirectory(req, node);
                case "GET" when comp == null:
                case "HEAD" when comp == null:
                    if (node == null) throw NotFound("ResourceNotFound");
                    var r = FileSystemHeaders(WithETag(new EndpointResponse(200), node), node);
                    AddMetadataHeaders(r, node);
                    return r;
                case "PUT" when comp == "metadata":
                    if (node == null) throw NotFound("ResourceNotFound");
                    ApplyMetadata(node, req);
                    Touch(node);
                    return WithETag(new EndpointResponse(200), node);
                case "PUT" when comp == "properties":
                    if (node == null) throw NotFound("ResourceNotFound");
                    Touch(node);
                    return FileSystemHeaders(WithETag(new EndpointResponse(200), node), node);
                case "PUT" when comp == "rename":
                    return Rename(req, StoredNodeKind.Directory);
                case "DELETE":
                    if (node == null || node.Kind != StoredNodeKind.Directory) throw NotFound("ResourceNotFound");
                    if (_nodes.Keys.Any(k => k.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase)))
                        throw new EndpointException(409, "DirectoryNotEmpty", "The specified directory is not empty.");
                    _nodes.Remove(path);
                    return new EndpointResponse(202);
                default:
                    throw new EndpointException(400, "UnsupportedHttpVerb", "The directory operation is not supported.");
            }
        }
    }

    private EndpointResponse ListDirectory(EndpointRequest req, StoredNode dir)
    {
        string prefix = req.QueryValue("prefix") ?? string.Empty;
        string marker = req.QueryValue("marker");
        int max = int.TryParse(req.QueryValue("maxresults"), out int m) && m > 0 ? Math.Min(m, 5000) : 5000;
        string basePath = dir.Path + "/";
        var children = _nodes.Values
            .Where(n => n.Kind != StoredNodeKind.Share && n.Path.StartsWith(basePath, StringComparison.OrdinalIgnoreCase)
                        && n.Path.IndexOf('/', basePath.Length) < 0
                        && n.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (marker != null) children = children.Where(n => string.Compare(n.Name, marker, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
        var page = children.Take(max).ToList();
        string next = children.Count > max ? children[max].Name : null;
        bool timestamps = (req.QueryValue("include") ?? string.Empty).IndexOf("Timestamps", StringComparison.OrdinalIgnoreCase) >= 0;

        string share = req.Segments[0];
        string dirPath = string.Join("/", req.Segments.Skip(1));
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.Append("<EnumerationResults ServiceEndpoint=\"").Append(SecurityElement.Escape(_endpoint.ServiceUri.ToString()))
          .Append("\" ShareName=\"").Append(SecurityElement.Escape(share)).Append("\" DirectoryPath=\"").Append(SecurityElement.Escape(dirPath)).Append("\">");
        if (marker != null) sb.Append("<Marker>").Append(SecurityElement.Escape(marker)).Append("</Marker>");
        if (prefix.Length > 0) sb.Append("<Prefix>").Append(SecurityElement.Escape(prefix)).Append("</Prefix>");
        if (req.QueryValue("maxresults") != null) sb.Append("<MaxResults>").Append(max).Append("</MaxResults>");
        sb.Append("<DirectoryId>").Append(dir.Id).Append("</DirectoryId><Entries>");
        foreach (var n in page)
        {
            string tag = n.Kind == StoredNodeKind.File ? "File" : "Directory";
            sb.Append('<').Append(tag).Append("><Name>").Append(SecurityElement.Escape(n.Name)).Append("</Name><FileId>").Append(n.Id).Append("</FileId><Properties>");
            if (n.Kind == StoredNodeKind.File) sb.Append("<Content-Length>").Append(n.Length).Append("</Content-Length>");
            if (timestamps)
            {
                sb.Append("<CreationTime>").Append(IsoTime(n.Created)).Append("</CreationTime>")
                  .Append("<LastAccessTime>").Append(IsoTime(n.LastModified)).Append("</LastAccessTime>")
                  .Append("<LastWriteTime>").Append(IsoTime(n.LastModified)).Append("</LastWriteTime>")
                  .Append("<ChangeTime>").Append(IsoTime(n.LastModified)).Append("</ChangeTime>");
            }
            sb.Append("<Last-Modified>").Append(n.LastModified.ToString("r", CultureInfo.InvariantCulture)).Append("</Last-Modified>")
              .Append("<Etag>").Append(SecurityElement.Escape(n.ETag)).Append("</Etag></Properties>");
            if (timestamps) sb.Append("<Attributes>").Append(n.Kind == StoredNodeKind.File ? "Archive" : "Directory").Append("</Attributes><PermissionKey>4066528134148476695*1</PermissionKey>");
            sb.Append("</").Append(tag).Append('>');
        }
        sb.Append("</Entries>");
        if (next != null) sb.Append("<NextMarker>").Append(SecurityElement.Escape(next)).Append("</NextMarker>");
        else sb.Append("<NextMarker />");
        sb.Append("</EnumerationResults>");
        return EndpointResponse.Xml(200, sb.ToString());
    }

    // ---------------- files ----------------

    private async Task<EndpointResponse> FileOperationAsync(EndpointRequest req, string comp, CancellationToken ct)
    {
        string path = req.ResourcePath;
        if (req.Method == "PUT" && comp == "range") return await PutRangeAsync(req, path, ct).ConfigureAwait(false);
        lock (_gate)
        {
            RequireShare(Get(req.Segments[0]));
            var node = Get(path);
            if (node != null && node.Kind != StoredNodeKind.File && req.Method != "PUT")
                throw new EndpointException(400, "InvalidResourceName", "The resource is a directory, not a file.");
            switch (req.Method)
            {
                case "PUT" when comp == null:
                    if (req.Header("x-ms-copy-source") != null) throw new EndpointException(400, "UnsupportedHeader", "Copy is not supported by this endpoint.");
                    if (node != null && node.Kind != StoredNodeKind.File) throw new EndpointException(409, "ResourceTypeMismatch", "A directory of that name exists.");
                    RequireParent(path);
                    if (node != null) CheckConditions(req, node);
                    if (!long.TryParse(req.Header("x-ms-content-length"), out long size) || size < 0)
                        throw new EndpointException(400, "MissingRequiredHeader", "x-ms-content-length is required.");
                    if (node == null)
                    {
                        node = NewNode(StoredNodeKind.File, path);
                        node.DataFile = Path.Combine(_dataFolder, node.Id.ToString(CultureInfo.InvariantCulture) + ".bin");
                        _nodes[path] = node;
                    }
                    lock (node.Gate)
                    {
                        using (var fs = new FileStream(node.DataFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                            fs.SetLength(size);
                        node.Length = size;
                        node.Ranges.Clear();
                    }
                    ApplyContentHeaders(node, req, "x-ms-");
                    ApplyMetadata(node, req);
                    Touch(node);
                    return FileSystemHeaders(WithETag(new EndpointResponse(201), node), node);
                case "PUT" when comp == "properties":
                    if (node == null) throw NotFound("ResourceNotFound");
                    CheckConditions(req, node);
                    if (long.TryParse(req.Header("x-ms-content-length"), out long newSize))
                    {
                        lock (node.Gate)
                        {
                            using (var fs = new FileStream(node.DataFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                                fs.SetLength(newSize);
                            if (newSize < node.Length) node.RemoveRange(newSize, long.MaxValue);
                            node.Length = newSize;
                        }
                    }
                    ApplyContentHeaders(node, req, "x-ms-");
                    Touch(node);
                    return FileSystemHeaders(WithETag(new EndpointResponse(200), node), node);
                case "PUT" when comp == "metadata":
                    if (node == null) throw NotFound("ResourceNotFound");
                    CheckConditions(req, node);
                    ApplyMetadata(node, req);
                    Touch(node);
                    return WithETag(new EndpointResponse(200), node);
                case "PUT" when comp == "rename":
                    return Rename(req, StoredNodeKind.File);
                case "GET" when comp == "rangelist":
                    if (node == null) throw NotFound("ResourceNotFound");
                    CheckConditions(req, node);
                    var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><Ranges>");
                    lock (node.Gate)
                    {
                        foreach (var r in node.Ranges)
                            sb.Append("<Range><Start>").Append(r.Start).Append("</Start><End>").Append(r.End - 1).Append("</End></Range>");
                    }
                    sb.Append("</Ranges>");
                    var list = WithETag(EndpointResponse.Xml(200, sb.ToString()), node);
                    list.Set("x-ms-content-length", node.Length.ToString(CultureInfo.InvariantCulture));
                    return list;
                case "GET" when comp == null:
                case "HEAD" when comp == null:
                    if (node == null) throw NotFound("ResourceNotFound");
                    CheckConditions(req, node);
                    return ReadFile(req, node);
                case "DELETE":
                    if (node == null) throw NotFound("ResourceNotFound");
                    CheckConditions(req, node);
                    _nodes.Remove(path);
                    TryDelete(node.DataFile);
                    return new EndpointResponse(202);
                default:
                    throw new EndpointException(400, "UnsupportedHttpVerb", "The file operation is not supported.");
            }
        }
    }

    private EndpointResponse ReadFile(EndpointRequest req, StoredNode node)
    {
        var r = FileSystemHeaders(WithETag(new EndpointResponse(200), node), node);
        AddMetadataHeaders(r, node);
        r.Set("x-ms-type", "File");
        r.Set("Accept-Ranges", "bytes");
        r.Set("Content-Type", node.ContentType ?? "application/octet-stream");
        r.Set("Content-Encoding", node.ContentEncoding);
        r.Set("Content-Language", node.ContentLanguage);
        r.Set("Cache-Control", node.CacheControl);
        r.Set("Content-Disposition", node.ContentDisposition);
        r.Set("x-ms-server-encrypted", "true");
        r.Set("x-ms-lease-state", "available");
        r.Set("x-ms-lease-status", "unlocked");
        string range = req.Header("x-ms-range") ?? req.Header("Range");
        if (range == null)
        {
            r.Set("Content-MD5", node.ContentMd5);
            r.BodyFile = node.DataFile;
            r.BodyFileOffset = 0;
            r.BodyFileLength = node.Length;
            return r;
        }
        var (start, end) = ParseRange(range, node.Length, forRead: true);
        r.Status = 206;
        r.Set("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + node.Length);
        r.Set("x-ms-content-md5", node.ContentMd5);
        r.BodyFile = node.DataFile;
        r.BodyFileOffset = start;
        r.BodyFileLength = end - start;
        if (string.Equals(req.Header("x-ms-range-get-content-md5"), "true", StringComparison.OrdinalIgnoreCase))
        {
            if (end - start > MaxRangeBytes) throw new EndpointException(400, "OutOfRangeInput", "x-ms-range-get-content-md5 needs a range of at most 4 MiB.");
            r.Set("Content-MD5", Convert.ToBase64String(HashRegion(node.DataFile, start, end - start)));
        }
        return r;
    }

    private async Task<EndpointResponse> PutRangeAsync(EndpointRequest req, string path, CancellationToken ct)
    {
        StoredNode node;
        lock (_gate)
        {
            RequireShare(Get(req.Segments[0]));
            node = Get(path);
            if (node == null || node.Kind != StoredNodeKind.File) throw NotFound("ResourceNotFound");
            CheckConditions(req, node);
        }
        string range = req.Header("x-ms-range") ?? req.Header("Range");
        if (range == null) throw new EndpointException(400, "MissingRequiredHeader", "x-ms-range is required.");
        var (start, end) = ParseRange(range, node.Length, forRead: false);
        if (end - start > MaxRangeBytes) throw new EndpointException(413, "RequestBodyTooLarge", "A range write is at most 4 MiB.");
        string write = req.Header("x-ms-write");
        if (string.Equals(write, "clear", StringComparison.OrdinalIgnoreCase))
        {
            await req.DrainBodyAsync(ct).ConfigureAwait(false);
            lock (node.Gate)
            {
                using (var fs = new FileStream(node.DataFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    fs.Seek(start, SeekOrigin.Begin);
                    fs.Write(new byte[end - start]);
                }
                node.RemoveRange(start, end);
            }
            lock (_gate) Touch(node);
            return FileSystemHeaders(WithETag(new EndpointResponse(201), node), node);
        }
        if (!string.Equals(write, "update", StringComparison.OrdinalIgnoreCase))
            throw new EndpointException(400, "InvalidHeaderValue", "x-ms-write must be update or clear.");

        var (pooled, bodyLength) = await req.ReadBodyPooledAsync(MaxRangeBytes + 64 * 1024, ct).ConfigureAwait(false);
        var response = new EndpointResponse(201);
        try
        {
            byte[] body = pooled;
            string structured = req.Header("x-ms-structured-body");
            if (structured != null)
            {
                long declared = long.TryParse(req.Header("x-ms-structured-content-length"), out long d) ? d : -1;
                body = StructuredMessage.Decode(pooled.AsSpan(0, bodyLength).ToArray(), declared);
                bodyLength = body.Length;
                response.Set("x-ms-structured-body", structured);
            }
            if (bodyLength != end - start) throw new EndpointException(400, "InvalidHeaderValue", "The body length does not match the range.");
            string md5 = req.Header("Content-MD5");
            if (md5 != null)
            {
                string actual = Convert.ToBase64String(MD5.HashData(body.AsSpan(0, bodyLength)));
                if (actual != md5) throw new EndpointException(400, "Md5Mismatch", "The MD5 value specified in the request did not match with the MD5 value calculated by the server.");
                response.Set("Content-MD5", actual);
            }
            else if (_endpoint.HashEveryRange)
            {
                // Same work per range whether or not the client sent a Content-MD5 (benchmarks compare clients fairly).
                response.Set("Content-MD5", Convert.ToBase64String(MD5.HashData(body.AsSpan(0, bodyLength))));
            }
            string crc = req.Header("x-ms-content-crc64");
            if (crc != null)
            {
                byte[] actual = BitConverter.GetBytes(StorageCrc64.Compute(body.AsSpan(0, bodyLength)));
                if (Convert.ToBase64String(actual) != crc) throw new EndpointException(400, "Crc64Mismatch", "The CRC64 value specified in the request did not match with the value calculated by the server.");
                response.Set("x-ms-content-crc64", crc);
            }
            // Positional writes: concurrent ranges of one file never block each other (nor a thread-pool thread on a lock).
            try
            {
                using (var handle = File.OpenHandle(node.DataFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous))
                    await RandomAccess.WriteAsync(handle, body.AsMemory(0, bodyLength), start, ct).ConfigureAwait(false);
            }
            catch (FileNotFoundException) { throw NotFound("ResourceNotFound"); }
            lock (node.Gate) node.AddRange(start, end);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pooled);
        }
        lock (_gate) Touch(node);
        _endpoint.RecordRangeWrite(node.Path, start, end - start);
        return FileSystemHeaders(WithETag(response, node), node);
    }

    private EndpointResponse Rename(EndpointRequest req, StoredNodeKind kind)
    {
        // Caller holds _gate.
        string source = req.Header("x-ms-file-rename-source");
        if (string.IsNullOrEmpty(source)) throw new EndpointException(400, "MissingRequiredHeader", "x-ms-file-rename-source is required.");
        string sourcePath = _endpoint.ResourcePathFromUrl(source);
        var src = Get(sourcePath);
        if (src == null || src.Kind != kind) throw NotFound("ResourceNotFound");
        string dest = req.ResourcePath;
        if (!string.Equals(sourcePath.Split('/')[0], req.Segments[0], StringComparison.OrdinalIgnoreCase))
            throw new EndpointException(400, "InvalidInput", "A rename stays inside its share.");
        RequireParent(dest);
        var existing = Get(dest);
        if (existing != null && !ReferenceEquals(existing, src))
        {
            bool replace = string.Equals(req.Header("x-ms-file-rename-replace-if-exists"), "true", StringComparison.OrdinalIgnoreCase);
            if (!replace || existing.Kind != StoredNodeKind.File)
                throw new EndpointException(409, "ResourceAlreadyExists", "The specified resource already exists.");
            _nodes.Remove(dest);
            TryDelete(existing.DataFile);
        }
        var moved = _nodes.Where(kv => kv.Key.Equals(sourcePath, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(sourcePath + "/", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var kv in moved) _nodes.Remove(kv.Key);
        foreach (var kv in moved)
        {
            kv.Value.Path = dest + kv.Value.Path.Substring(sourcePath.Length);
            _nodes[kv.Value.Path] = kv.Value;
        }
        Touch(src);
        return FileSystemHeaders(WithETag(new EndpointResponse(200), src), src);
    }

    // ---------------- helpers ----------------

    private StoredNode Get(string path) => _nodes.TryGetValue(path, out var n) ? n : null;

    private StoredNode NewNode(StoredNodeKind kind, string path)
    {
        var node = new StoredNode(kind, path, Interlocked.Increment(ref _nextId));
        node.Created = DateTimeOffset.UtcNow;
        Touch(node);
        return node;
    }

    private void Touch(StoredNode node)
    {
        node.LastModified = DateTimeOffset.UtcNow;
        long n = Interlocked.Increment(ref _etagCounter);
        node.ETag = "\"0x" + (0x8DD0000_0000_0000L + n).ToString("X", CultureInfo.InvariantCulture) + "\"";
    }

    private void RequireParent(string path)
    {
        int slash = path.LastIndexOf('/');
        string parent = path.Substring(0, slash);
        var p = Get(parent);
        if (p == null || p.Kind == StoredNodeKind.File)
            throw new EndpointException(404, "ParentNotFound", "The specified parent path does not exist.");
    }

    private static void RequireShare(StoredNode share)
    {
        if (share == null) throw NotFound("ShareNotFound", "The specified share does not exist.");
    }

    private static EndpointException NotFound(string code, string message = "The specified resource does not exist.") =>
        new EndpointException(404, code, message);

    private static void CheckConditions(EndpointRequest req, StoredNode node)
    {
        string ifMatch = req.Header("If-Match");
        if (ifMatch != null && ifMatch != "*" && !ifMatch.Split(',').Select(s => s.Trim()).Contains(node.ETag))
            throw new EndpointException(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
        string ifNoneMatch = req.Header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Select(s => s.Trim()).Contains(node.ETag)))
            throw new EndpointException(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
    }

    private static void ApplyMetadata(StoredNode node, EndpointRequest req)
    {
        node.Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in req.Headers)
            if (h.Key.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                node.Metadata[h.Key.Substring("x-ms-meta-".Length)] = h.Value;
    }

    /// <summary>Create and Set Properties: content headers not given are cleared (as the service does).</summary>
    private static void ApplyContentHeaders(StoredNode node, EndpointRequest req, string prefix)
    {
        node.ContentType = req.Header(prefix + "content-type");
        node.ContentEncoding = req.Header(prefix + "content-encoding");
        node.ContentLanguage = req.Header(prefix + "content-language");
        node.CacheControl = req.Header(prefix + "cache-control");
        node.ContentDisposition = req.Header(prefix + "content-disposition");
        string md5 = req.Header(prefix + "content-md5");
        if (md5 != null)
        {
            try { if (Convert.FromBase64String(md5).Length != 16) throw new FormatException(); }
            catch (FormatException) { throw new EndpointException(400, "InvalidHeaderValue", "x-ms-content-md5 is not a base64 MD5."); }
        }
        node.ContentMd5 = md5;
    }

    private static void AddMetadataHeaders(EndpointResponse r, StoredNode node)
    {
        foreach (var kv in node.Metadata) r.Set("x-ms-meta-" + kv.Key, kv.Value);
    }

    private static EndpointResponse WithETag(EndpointResponse r, StoredNode node)
    {
        r.Set("ETag", node.ETag);
        r.Set("Last-Modified", node.LastModified.ToString("r", CultureInfo.InvariantCulture));
        r.Set("x-ms-request-server-encrypted", "true");
        return r;
    }

    private static EndpointResponse FileSystemHeaders(EndpointResponse r, StoredNode node)
    {
        r.Set("x-ms-file-creation-time", IsoTime(node.Created));
        r.Set("x-ms-file-last-write-time", IsoTime(node.LastModified));
        r.Set("x-ms-file-change-time", IsoTime(node.LastModified));
        r.Set("x-ms-file-attributes", node.Kind == StoredNodeKind.File ? "Archive" : "Directory");
        r.Set("x-ms-file-permission-key", "4066528134148476695*1");
        r.Set("x-ms-file-id", node.Id.ToString(CultureInfo.InvariantCulture));
        r.Set("x-ms-file-parent-id", "0");
        return r;
    }

    private static string IsoTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static (long Start, long End) ParseRange(string header, long size, bool forRead)
    {
        string v = header.Trim();
        if (!v.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) throw new EndpointException(400, "InvalidRange", "The range header is malformed.");
        string[] parts = v.Substring(6).Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], out long a)) throw new EndpointException(400, "InvalidRange", "The range header is malformed.");
        long b = parts[1].Length == 0 ? size - 1 : long.TryParse(parts[1], out long e) ? e : throw new EndpointException(400, "InvalidRange", "The range header is malformed.");
        if (forRead)
        {
            if (a >= size && size > 0 || a > b) throw new EndpointException(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");
            b = Math.Min(b, size - 1);
            return (a, Math.Max(a, b + 1));
        }
        if (a > b || b >= size) throw new EndpointException(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");
        return (a, b + 1);
    }

    private static byte[] HashRegion(string file, long offset, long length)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        fs.Seek(offset, SeekOrigin.Begin);
        byte[] buf = new byte[length];
        int read = 0;
        while (read < length) { int n = fs.Read(buf, read, (int)length - read); if (n == 0) break; read += n; }
        return MD5.HashData(buf);
    }

    private static void TryDelete(string file)
    {
        if (file == null) return;
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
