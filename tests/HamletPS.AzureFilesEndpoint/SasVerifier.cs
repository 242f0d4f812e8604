using System;
using System.Globalization;
using System.Security.Cryptography;

namespace HamletPS.AzureFilesEndpoint;

/// <summary>
/// Verifies account SAS (<c>ss</c>, <c>srt</c>) and File service SAS (<c>sr</c> = s share or f file) tokens: signature over
/// the documented string to sign, validity window (<c>st</c>/<c>se</c>), protocol (<c>spr</c>), service, resource type and
/// permissions for the operation. Any failure is 403 AuthenticationFailed (permission failures 403 AuthorizationPermissionMismatch).
/// </summary>
internal static class SasVerifier
{
    public static void Verify(EndpointRequest request, string accountName, byte[] key, DateTimeOffset now, char permission, char resourceType)
    {
        string sv = request.QueryValue("sv");
        string sig = request.QueryValue("sig");
        string sp = request.QueryValue("sp") ?? string.Empty;
        string st = request.QueryValue("st") ?? string.Empty;
        string se = request.QueryValue("se") ?? string.Empty;
        string sip = request.QueryValue("sip") ?? string.Empty;
        string spr = request.QueryValue("spr") ?? string.Empty;
        if (string.IsNullOrEmpty(sv) || string.IsNullOrEmpty(sig)) throw Fail("The SAS is missing sv or sig.");

        string stringToSign;
        string ss = request.QueryValue("ss");
        if (ss != null)
        {
            string srt = request.QueryValue("srt") ?? string.Empty;
            string ses = request.QueryValue("ses") ?? string.Empty;
            stringToSign = string.CompareOrdinal(sv, "2020-12-06") >= 0
                ? string.Join("\n", accountName, sp, ss, srt, st, se, sip, spr, sv, ses, string.Empty)
                : string.Join("\n", accountName, sp, ss, srt, st, se, sip, spr, sv, string.Empty);
            Check(stringToSign, sig, key);
            if (ss.IndexOf('f') < 0) throw Fail("The account SAS does not cover the File service.");
            if (srt.IndexOf(resourceType) < 0) throw Permission("The account SAS does not cover this resource type.");
        }
        else
        {
            string sr = request.QueryValue("sr") ?? string.Empty;
            string canonical = "/file/" + accountName;
            var segs = request.Segments;
            if (sr == "s")
            {
                if (segs.Count < 1) throw Fail("A share SAS cannot address the account.");
                canonical += "/" + segs[0];
            }
            else if (sr == "f")
            {
                canonical += "/" + string.Join("/", segs);
            }
            else throw Fail("The SAS signed resource (sr) is not supported.");
            stringToSign = string.Join("\n", sp, st, se, canonical,
                request.QueryValue("si") ?? string.Empty, sip, spr, sv,
                request.QueryValue("rscc") ?? string.Empty, request.QueryValue("rscd") ?? string.Empty,
                request.QueryValue("rsce") ?? string.Empty, request.QueryValue("rscl") ?? string.Empty,
                request.QueryValue("rsct") ?? string.Empty);
            Check(stringToSign, sig, key);
        }

        if (st.Length > 0 && ParseTime(st) > now.AddMinutes(5)) throw Fail("The SAS is not valid yet (st).");
        if (se.Length == 0 || ParseTime(se) < now) throw Fail("Signed expiry time (se) must be after the current time: the SAS has expired.");
        if (spr == "https") throw new EndpointException(403, "AuthorizationProtocolMismatch", "This request is not authorized to perform this operation using this protocol.");
        if (sp.IndexOf(permission) < 0 && !(permission == 'c' && sp.IndexOf('w') >= 0))
            throw Permission("The SAS does not grant the permission this operation needs (" + permission + ").");
    }

    private static void Check(string stringToSign, string sig, byte[] key)
    {
        byte[] given;
        try { given = Convert.FromBase64String(sig); }
        catch (FormatException) { throw Fail("The SAS signature is not base64."); }
        if (!CryptographicOperations.FixedTimeEquals(SharedKeyVerifier.Sign(stringToSign, key), given))
            throw Fail("Signature did not match.");
    }

    private static DateTimeOffset ParseTime(string value)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw Fail("A SAS time field is malformed.");
        return t;
    }

    private static EndpointException Fail(string reason) =>
        new EndpointException(403, "AuthenticationFailed",
            "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. " + reason);

    private static EndpointException Permission(string reason) =>
        new EndpointException(403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission. " + reason);
}
