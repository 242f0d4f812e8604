using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// The DICOM TLS options of `hamlet receive`, `send` and `echo` (Receive-Dicom/Send-Dicom/Test-DicomEcho's TLS parameters):
    /// --certificate-path, --key-path, --certificate-password, --trusted-certificate-path. The password is never taken from
    /// the command line (other users see it in the process list): --certificate-password names where it is,
    /// <c>env:NAME</c> or <c>file:PATH</c>.
    /// </summary>
    public sealed class TlsOptionSet
    {
        public TlsOptionSet(string certificateDescription, string trustedDescription)
        {
            Certificate = new Option<string>("--certificate-path") { Description = certificateDescription };
            Key = new Option<string>("--key-path") { Description = "PEM private key of --certificate-path." };
            Password = new Option<string>("--certificate-password")
            {
                Description = "Where the PFX password is: env:NAME (an environment variable) or file:PATH (its first line). Never the password itself.",
            };
            Trusted = new Option<string[]>("--trusted-certificate-path") { Description = trustedDescription, AllowMultipleArgumentsPerToken = true };
        }

        public Option<string> Certificate { get; }

        public Option<string> Key { get; }

        public Option<string> Password { get; }

        public Option<string[]> Trusted { get; }

        public IEnumerable<Option> All => new Option[] { Certificate, Key, Password, Trusted };

        /// <summary>The settings these options describe; throws <see cref="ArgumentException"/> for a bad password source.</summary>
        public DicomTlsSettings Settings(ParseResult parse, bool enabled, bool requireClientCertificate) => new DicomTlsSettings
        {
            Enabled = enabled,
            CertificatePath = parse.GetValue(Certificate),
            KeyPath = parse.GetValue(Key),
            CertificatePassword = ReadPassword(parse.GetValue(Password), Environment.GetEnvironmentVariable),
            TrustedCertificatePaths = parse.GetValue(Trusted) ?? Array.Empty<string>(),
            RequireClientCertificate = requireClientCertificate,
        };

        /// <summary>Resolves env:NAME or file:PATH; the error messages name the source, never the value.</summary>
        public static string ReadPassword(string source, Func<string, string> environment)
        {
            if (string.IsNullOrEmpty(source)) return null;
            if (source.StartsWith("env:", StringComparison.Ordinal))
            {
                string name = source.Substring(4);
                return environment(name) ?? throw new ArgumentException("--certificate-password: the environment variable " + name + " is not set.");
            }
            if (source.StartsWith("file:", StringComparison.Ordinal))
            {
                string path = source.Substring(5);
                if (!File.Exists(path)) throw new ArgumentException("--certificate-password: the password file does not exist: " + path);
                using var reader = new StreamReader(path);
                return reader.ReadLine() ?? string.Empty;
            }
            throw new ArgumentException("--certificate-password takes env:NAME or file:PATH, never the password itself (the process list would show it).");
        }
    }
}
