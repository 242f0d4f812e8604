using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Removes credentials from text before it reaches a message, log or result: SAS signatures (<c>sig=</c>), account
    /// keys in connection strings, SharedKey authorization values, whole SAS tokens in connection strings, and any literal
    /// secret the caller registers (the account key itself, a SAS token). URIs lose their query entirely.
    /// </summary>
    public static class SecretRedactor
    {
        public const string Mask = "REDACTED";

        private static readonly Regex[] Patterns =
        {
            new Regex(@"(?i)(\bsig(?:=|%3D))[^&\s""'<>;]+", RegexOptions.Compiled),
            new Regex(@"(?i)(\bAccountKey\s*=\s*)[^;\s""'<>]+", RegexOptions.Compiled),
            new Regex(@"(?i)(\bSharedAccessSignature\s*=\s*)[^;\s""'<>]+", RegexOptions.Compiled),
            new Regex(@"(?i)(\bSharedKey(?:Lite)?\s+[^:\s]+:)[A-Za-z0-9+/=%]+", RegexOptions.Compiled),
            new Regex(@"(?i)(\bBearer\s+)[A-Za-z0-9\-_.~+/=]+", RegexOptions.Compiled),
        };

        /// <summary>The text with every known form of credential replaced by <see cref="Mask"/>.</summary>
        public static string Redact(string text, IEnumerable<string> knownSecrets = null)
        {
            if (string.IsNullOrEmpty(text)) return text;
            string result = text;
            if (knownSecrets != null)
            {
                foreach (string secret in knownSecrets)
                {
                    if (string.IsNullOrEmpty(secret) || secret.Length < 8) continue;
                    result = ReplaceOrdinal(result, secret);
                    result = ReplaceOrdinal(result, Uri.EscapeDataString(secret));
                }
            }
            foreach (var pattern in Patterns) result = pattern.Replace(result, "$1" + Mask);
            return result;
        }

        /// <summary>The URI without its query (where a SAS lives) and without user info.</summary>
        public static Uri StripSecrets(Uri uri)
        {
            if (uri == null) return null;
            if (!uri.IsAbsoluteUri) return new Uri(uri.OriginalString.Split('?')[0], UriKind.Relative);
            var builder = new UriBuilder(uri) { Query = string.Empty, UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
            return builder.Uri;
        }

        private static string ReplaceOrdinal(string text, string secret)
        {
            int i = text.IndexOf(secret, StringComparison.Ordinal);
            if (i < 0) return text;
            var sb = new System.Text.StringBuilder();
            int last = 0;
            while (i >= 0)
            {
                sb.Append(text, last, i - last).Append(Mask);
                last = i + secret.Length;
                i = text.IndexOf(secret, last, StringComparison.Ordinal);
            }
            sb.Append(text, last, text.Length - last);
            return sb.ToString();
        }
    }
}
