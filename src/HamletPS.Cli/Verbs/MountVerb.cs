using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Configuration;
using HamletPS.Core.Mount;
using HamletPS.Core.Secrets;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet mount` (Linux): the SMB route of Mount-HamletShare. Tests TCP 445, then writes the mount.cifs credentials
    /// file (mode 600, atomically) and runs <c>mount -t cifs</c> from a <see cref="CifsMountPlan"/>; with --what-if it prints
    /// the exact commands instead (the key shown as ********). Idempotent: an existing mount of the same share there is reported.
    /// </summary>
    public static class MountVerb
    {
        public const string CmdletName = "Mount-HamletShare";

        public sealed class Arguments
        {
            public string AccountName { get; set; }
            public string ShareName { get; set; }
            public string AccountKey { get; set; }
            public string Credential { get; set; }
            public string ComputerName { get; set; }
            public string MountPoint { get; set; }
            public string CredentialFile { get; set; }
            public int Port { get; set; } = CifsMountPlan.SmbPort;
            public bool WhatIf { get; set; }
            public int TimeoutSeconds { get; set; } = 5;
        }

        /// <summary>What the verb touches outside the process (tests replace them).</summary>
        public sealed class Host
        {
            public Func<string> ReadMounts { get; set; } = () => File.Exists("/proc/mounts") ? File.ReadAllText("/proc/mounts") : "";
            /// <summary>Runs mount with these arguments (no shell); returns the exit code and its error output.</summary>
            public Func<IReadOnlyList<string>, (int ExitCode, string Error)> RunMount { get; set; } = RunProgram;
            public Func<string, string> Environment { get; set; } = System.Environment.GetEnvironmentVariable;
        }

        public static Command Create()
        {
            var account = new Option<string>("--account-name") { Description = "Storage account, e.g. hamletrtcambridge.", Required = true };
            var share = new Option<string>("--share-name") { Description = "File share, e.g. cambridge-incoming.", Required = true };
            var key = new Option<string>("--account-key") { Description = "Storage account key (visible in the process list: prefer $HAMLET_STORAGE_KEY or --credential)." };
            var credential = new Option<string>("--credential") { Description = "A credentials file (username=<account>, password=<key> lines) to take the key from." };
            var computer = new Option<string>("--computer-name") { Description = "Host to mount from (default <account>.file.core.windows.net)." };
            var mountPoint = new Option<string>("--mount-point") { Description = "Where to mount (default /mnt/<account>/<share>)." };
            var credentialFile = new Option<string>("--credential-file") { Description = "The mount.cifs credentials file to write, mode 600 (default ~/.hamletps/smb/<account>.cred)." };
            var port = new Option<int>("--port") { Description = "SMB port (Azure Files: 445).", DefaultValueFactory = _ => CifsMountPlan.SmbPort };
            var whatIf = new Option<bool>("--what-if") { Description = "Print the commands (key hidden), change nothing." };
            var command = new Command("mount", "Mount the site's Azure Files share over SMB with mount -t cifs (Linux; Mount-HamletShare). Needs root and cifs-utils; port 445 must be open.")
            {
                account, share, key, credential, computer, mountPoint, credentialFile, port, whatIf,
            };
            command.SetAction((parse, ct) => Task.FromResult(Run(new Arguments
            {
                AccountName = parse.GetValue(account),
                ShareName = parse.GetValue(share),
                AccountKey = parse.GetValue(key),
                Credential = parse.GetValue(credential),
                ComputerName = parse.GetValue(computer),
                MountPoint = parse.GetValue(mountPoint),
                CredentialFile = parse.GetValue(credentialFile),
                Port = parse.GetValue(port),
                WhatIf = parse.GetValue(whatIf),
            }, CliOutput.Console, new Host(), ct)));
            return command;
        }

        /// <summary>0 mounted, already mounted or --what-if; 1 port blocked or mount failed; 2 usage or missing key.</summary>
        public static int Run(Arguments a, CliOutput output, Host host, CancellationToken cancellationToken = default)
        {
            CifsMountPlan plan;
            try
            {
                if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("hamlet mount runs mount -t cifs on Linux; on Windows use Mount-HamletShare.");
                plan = CifsMountPlan.Create(new CifsMountRequest
                {
                    AccountName = a.AccountName, ShareName = a.ShareName, ComputerName = a.ComputerName, MountPoint = a.MountPoint,
                    CredentialFile = a.CredentialFile, Port = a.Port, HomeFolder = host.Environment("HOME"),
                });
            }
            catch (Exception ex) when (ex is ArgumentException || ex is PlatformNotSupportedException)
            {
                output.Failure("InvalidArgument", ex.Message);
                return 2;
            }

            ShareConnectionTestResult reach = ShareConnectionTester.TestAsync(plan.Host, new[] { plan.Port }, TimeSpan.FromSeconds(a.TimeoutSeconds), cancellationToken).GetAwaiter().GetResult();
            PortReachability smb = reach.Ports.Single();
            if (!smb.Reachable)
            {
                output.Failure("Port445Blocked", "Cannot reach " + plan.Host + " on port " + plan.Port + " (SMB): " + smb.Error + ". Port 445 is probably blocked by your " +
                    "organisation or ISP, so the share cannot be mounted from here. Upload over HTTPS instead: hamlet send-azure (Send-AzureShare).");
                return 1;
            }
            if (plan.IsMountedIn(host.ReadMounts()))
            {
                output.Line("AlreadyMounted " + plan.Source + " at " + plan.MountPoint);
                return 0;
            }
            if (a.WhatIf)
            {
                foreach (string line in plan.CommandLines) output.Line("What if: " + line);
                return 0;
            }

            string accountKey;
            try
            {
                accountKey = KeyOf(a, host);
            }
            catch (ShareConfigurationException ex)
            {
                output.Failure(ex.Reason, ex.Message);
                return 2;
            }
            if (string.IsNullOrEmpty(accountKey))
            {
                output.Failure("NoStorageCredentials", "No key for storage account '" + plan.AccountName + "': pass --credential or --account-key, or set " + HamletSecrets.StorageKeyVariable + ".");
                return 2;
            }
            try
            {
                Directory.CreateDirectory(plan.MountPoint);
                CifsCredentialFile.Write(plan.CredentialFile, plan.AccountName, accountKey);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                output.Failure("MountFailed", SecretRedactor.Redact(ex.Message, new[] { accountKey }));
                return 1;
            }
            (int exitCode, string error) = host.RunMount(plan.MountArguments);
            if (exitCode != 0)
            {
                output.Failure("MountFailed", "mount -t cifs failed (exit code " + exitCode + "): " + SecretRedactor.Redact((error ?? "").Trim(), new[] { accountKey }) +
                    ". Run as root (sudo) with cifs-utils installed; the credentials file " + plan.CredentialFile + " was written (mode 600).");
                return 1;
            }
            output.Line("Mounted " + plan.Source + " at " + plan.MountPoint + " (credentials " + plan.CredentialFile + ", mode 600)");
            return 0;
        }

        private static string KeyOf(Arguments a, Host host)
        {
            if (!string.IsNullOrEmpty(a.AccountKey) && !string.IsNullOrEmpty(a.Credential))
                throw new ShareConfigurationException("AmbiguousCredentials", "Give either --account-key or --credential, not both.");
            if (!string.IsNullOrEmpty(a.AccountKey)) return a.AccountKey;
            if (!string.IsNullOrEmpty(a.Credential))
            {
                var request = new ShareConnectionRequest();
                ShareOptions.ApplyCredentialFile(request, a.Credential);
                return request.AccountKeyText;
            }
            return host.Environment(HamletSecrets.StorageKeyVariable);
        }

        private static (int, string) RunProgram(IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo("mount") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            try
            {
                using var process = Process.Start(start)!;
                string error = process.StandardError.ReadToEnd();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, error);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (127, "cannot run mount: " + ex.Message);
            }
        }
    }
}
