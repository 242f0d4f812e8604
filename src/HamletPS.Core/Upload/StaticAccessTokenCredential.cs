using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// A <see cref="TokenCredential"/> over one Microsoft Entra ID access token the user obtained elsewhere (Azure.Identity is
    /// not among the packages here). Its expiry is read from the token's <c>exp</c> claim when the token is a JWT, else
    /// taken as one hour from now; the token is never refreshed and never shown (<see cref="ToString"/> hides it).
    /// </summary>
    internal sealed class StaticAccessTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        public StaticAccessTokenCredential(string token)
        {
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("The access token is empty.", nameof(token));
            _token = new AccessToken(token, ExpiryOf(token) ?? DateTimeOffset.UtcNow.AddHours(1));
        }

        public DateTimeOffset ExpiresOn => _token.ExpiresOn;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new ValueTask<AccessToken>(_token);

        public override string ToString() => "access token (hidden), expires " + _token.ExpiresOn.ToString("u");

        /// <summary>The <c>exp</c> claim (seconds since 1970) of a JWT's payload, or null when the token is not a readable JWT.</summary>
        internal static DateTimeOffset? ExpiryOf(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3) return null;
            try
            {
                string b64 = parts[1].Replace('-', '+').Replace('_', '/');
                b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
                string json = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
                using (var doc = System.Text.Json.JsonDocument.Parse(json))
                {
                    if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object &&
                        doc.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds))
                        return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
            catch (FormatException) { }
            catch (ArgumentException) { }
            catch (System.Text.Json.JsonException) { }
            return null;
        }
    }
}
