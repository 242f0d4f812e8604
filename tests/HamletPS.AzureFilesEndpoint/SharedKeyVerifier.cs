using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>
/// Verifies <c>Authorization: SharedKey account:signature</c> for the File service. The string to sign is the verb, the
/// standard headers (Content-Length empty when 0), the canonicalized x-ms- headers and the canonicalized resource
/// <c>/account + request path</c> followed by one line per (lower-cased, sorted) query parameter.
/// </summary>
internal static class SharedKeyVerifier
{
    private static readonly string[] StandardHeaders =
    {
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    };

    public static string BuildStringToSign(EndpointRequest request, string accountName, string path)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method).Append('\n');
        foreach (string name in StandardHeaders)
        {
            string value = request.Header(name) ?? string.Empty;
            if (name == "Content-Length" && value == "0") value = string.Empty;
            sb.Append(value).Append('\n');
        }
        var msHeaders = request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => h.Key.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var g in msHeaders)
            sb.Append(g.Key).Append(':').Append(string.Join(",", g.Select(h => h.Value.Trim()))).Append('\n');
        sb.Append('/').Append(accountName).Append(path);
        foreach (var q in request.Query.OrderBy(q => q.Key, StringComparer.Ordinal))
            sb.Append('\n').Append(q.Key).Append(':').Append(string.Join(",", q.Value));
        return sb.ToString();
    }

    /// <summary>Throws 403 AuthenticationFailed unless the request carries a valid signature made with the account key.</summary>
    public static void Verify(EndpointRequest request, string authorization, string accountName, byte[] key, DateTimeOffset now)
    {
        string value = authorization.Substring("SharedKey ".Length).Trim();
        int colon = value.LastIndexOf(':');
        if (colon <= 0) throw Fail("The Authorization header is malformed.");
        string account = value.Substring(0, colon);
        string signature = value.Substring(colon + 1);
        if (!string.Equals(account, accountName, StringComparison.Ordinal)) throw Fail("The account in the Authorization header is not this account.");

        string date = request.Header("x-ms-date") ?? request.Header("Date");
        if (date == null || !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
            throw Fail("The request has no valid x-ms-date or Date header.");
        if ((now - sent).Duration() > TimeSpan.FromMinutes(15))
            throw Fail("The request date is more than 15 minutes from the server time.");

        byte[] given;
        try { given = Convert.FromBase64String(signature); }
        catch (FormatException) { throw Fail("The signature is not base64."); }

        // The path as sent (percent-encoded, as the .NET and Python clients sign it); also try the decoded form.
        foreach (string path in new[] { request.RawPath, Uri.UnescapeDataString(request.RawPath) }.Distinct())
        {
            byte[] expected = Sign(BuildStringToSign(request, accountName, path), key);
            if (CryptographicOperations.FixedTimeEquals(expected, given)) return;
        }
        throw Fail("The MAC signature found in the HTTP request is not the same as any computed signature.");
    }

    internal static byte[] Sign(string stringToSign, byte[] key)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign));
    }

    private static EndpointException Fail(string reason) =>
        new EndpointException(403, "AuthenticationFailed",
            "Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature. " + reason);
}
