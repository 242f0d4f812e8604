using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HamletPS.Core.Upload;

namespace HamletPS.Core.Mount
{
    /// <summary>
    /// The Linux SMB route of the data transfer guide as a plan: <c>mount -t cifs //&lt;account&gt;.file.core.windows.net/&lt;share&gt;
    /// &lt;mount point&gt; -o vers=3.1.1,credentials=&lt;file&gt;,serverino,dir_mode=0700,file_mode=0600,…</c>. The account key never
    /// appears in the plan: it lives only in the credentials file (see <see cref="CifsCredentialFile"/>, mode 600), which
    /// mount.cifs reads. <see cref="MountArguments"/> is an argument vector for a process (no shell); <see cref="CommandLines"/>
    /// are the same steps quoted for a POSIX shell, for --what-if and logs.
    /// </summary>
    public sealed class CifsMountPlan
    {
        public const int SmbPort = 445;
        private static readonly Regex AccountPattern = new Regex("^[a-z0-9]{3,24}$", RegexOptions.CultureInvariant);
        private static readonly Regex SharePattern = new Regex("^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$", RegexOptions.CultureInvariant);
        private static readonly Regex HostPattern = new Regex(@"^[A-Za-z0-9.\-:\[\]]+$", RegexOptions.CultureInvariant);

        private CifsMountPlan() { }

        public string AccountName { get; private set; }
        public string ShareName { get; private set; }
        public string Host { get; private set; }
        public int Port { get; private set; }
        /// <summary>//host/share</summary>
        public string Source { get; private set; }
        public string MountPoint { get; private set; }
        public string CredentialFile { get; private set; }
        /// <summary>The -o value: vers=3.1.1,credentials=…,serverino,dir_mode=0700,file_mode=0600,nosharesock,actimeo=30[,port=N].</summary>
        public string Options { get; private set; }

        /// <summary>Arguments of the mount program (run without a shell).</summary>
        public IReadOnlyList<string> MountArguments => new[] { "-t", "cifs", Source, MountPoint, "-o", Options };

        /// <summary>The steps as POSIX shell lines: create the mount point, write the credentials file (key shown as ********), mount.</summary>
        public IReadOnlyList<string> CommandLines => new[]
        {
            "mkdir -p " + ShellQuote(MountPoint),
            "(umask 077 && printf 'username=%s\\npassword=%s\\n' " + ShellQuote(AccountName) + " '********' > " + ShellQuote(CredentialFile) + ")",
            "mount " + string.Join(" ", MountArguments.Select(ShellQuote)),
        };

        /// <summary>Validates the request and builds the plan; <see cref="ArgumentException"/> names the bad value's parameter (never a key: there is none here).</summary>
        [SuppressMessage("Usage", "CA2208", Justification = "The parameter name given is the request's setting at fault, which the message shows.")]
        public static CifsMountPlan Create(CifsMountRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            string account = (request.AccountName ?? "").Trim();
            if (!AccountPattern.IsMatch(account))
                throw new ArgumentException("The storage account name must be 3 to 24 lower-case letters and digits.", nameof(request.AccountName));
            string share = (request.ShareName ?? "").Trim();
            if (!SharePattern.IsMatch(share))
                throw new ArgumentException("The share name must be 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.", nameof(request.ShareName));
            string host = string.IsNullOrWhiteSpace(request.ComputerName) ? ShareConnectionTester.HostForAccount(account) : request.ComputerName.Trim();
            if (!HostPattern.IsMatch(host)) throw new ArgumentException("The computer name is not a host name or address.", nameof(request.ComputerName));
            if (request.Port < 1 || request.Port > 65535) throw new ArgumentOutOfRangeException(nameof(request.Port), "The port must be between 1 and 65535.");

            string mountPoint = string.IsNullOrWhiteSpace(request.MountPoint) ? "/mnt/" + account + "/" + share : request.MountPoint;
            if (!mountPoint.StartsWith("/", StringComparison.Ordinal)) throw new ArgumentException("The mount point must be an absolute path.", nameof(request.MountPoint));
            RefuseControlCharacters(mountPoint, nameof(request.MountPoint));

            string home = !string.IsNullOrEmpty(request.HomeFolder) ? request.HomeFolder : Environment.GetEnvironmentVariable("HOME");
            string credentials = request.CredentialFile;
            if (string.IsNullOrWhiteSpace(credentials))
            {
                if (string.IsNullOrEmpty(home)) throw new ArgumentException("No home folder for the default credentials file: give a credentials file path.", nameof(request.CredentialFile));
                credentials = Path.Combine(home, ".hamletps", "smb", account + ".cred");
            }
            credentials = Path.GetFullPath(credentials);
            RefuseControlCharacters(credentials, nameof(request.CredentialFile));
            // mount.cifs splits -o at commas and reads the path up to the next one.
            if (credentials.IndexOf(',') >= 0) throw new ArgumentException("The credentials file path cannot contain a comma (mount.cifs splits its options at commas).", nameof(request.CredentialFile));

            var options = new StringBuilder("vers=3.1.1,credentials=").Append(credentials)
                .Append(",serverino,dir_mode=0700,file_mode=0600,nosharesock,actimeo=30");
            if (request.Port != SmbPort) options.Append(",port=").Append(request.Port.ToString(CultureInfo.InvariantCulture));

            return new CifsMountPlan
            {
                AccountName = account,
                ShareName = share,
                Host = host,
                Port = request.Port,
                Source = "//" + host + "/" + share,
                MountPoint = mountPoint,
                CredentialFile = credentials,
                Options = options.ToString(),
            };
        }

        /// <summary>True when /proc/mounts (its text) already has this share mounted at this mount point (octal escapes such as \040 decoded).</summary>
        public bool IsMountedIn(string procMounts)
        {
            if (string.IsNullOrEmpty(procMounts)) return false;
            foreach (string line in procMounts.Split('\n'))
            {
                string[] fields = line.Split(' ');
                if (fields.Length < 3) continue;
                if (string.Equals(Unescape(fields[0]), Source, StringComparison.OrdinalIgnoreCase) &&
                    Unescape(fields[1]).TrimEnd('/') == MountPoint.TrimEnd('/') && fields[2].StartsWith("cifs", StringComparison.Ordinal))
                    return true;
            }
            return false;
        }

        /// <summary>One POSIX shell word: bare when it holds only safe characters, else single-quoted ('\'' for a quote).</summary>
        public static string ShellQuote(string word)
        {
            if (word == null) return "''";
            if (word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) && c < 128 || "/._-=,:+@%".IndexOf(c) >= 0)) return word;
            return "'" + word.Replace("'", "'\\''") + "'";
        }

        private static void RefuseControlCharacters(string path, string parameter)
        {
            if (path.Any(char.IsControl)) throw new ArgumentException("The path contains a control character.", parameter);
        }

        private static string Unescape(string field) =>
            Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
    }
}
