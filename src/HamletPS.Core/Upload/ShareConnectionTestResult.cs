using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Upload
{
    /// <summary>Reachability of one TCP port.</summary>
    public sealed class PortReachability
    {
        public int Port { get; set; }
        public bool Reachable { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>Why it failed (timeout, refused, name not resolved), null when reachable.</summary>
        public string Error { get; set; }

        public override string ToString() =>
            (Reachable ? "open" : "blocked (" + (Error ?? "no answer") + ")") + ", " + ((long)Elapsed.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>What Test-HamletShareConnection reports: SMB (445) and HTTPS (443) reachability of the account host.</summary>
    public sealed class ShareConnectionTestResult
    {
        public string Host { get; set; }
        public IReadOnlyList<PortReachability> Ports { get; set; } = new List<PortReachability>();
        public bool SmbReachable => Ports.Any(p => p.Port == ShareConnectionTester.SmbPort && p.Reachable);
        public bool HttpsReachable => Ports.Any(p => p.Port == ShareConnectionTester.HttpsPort && p.Reachable);
        /// <summary>The SMB port's result (null when it was not tested).</summary>
        public PortReachability Smb445 => Ports.FirstOrDefault(p => p.Port == ShareConnectionTester.SmbPort);
        /// <summary>The HTTPS port's result (null when it was not tested).</summary>
        public PortReachability Https443 => Ports.FirstOrDefault(p => p.Port == ShareConnectionTester.HttpsPort);

        /// <summary>What the result means for the two routes: mounting over SMB or uploading over HTTPS (Send-AzureShare).</summary>
        public string Message
        {
            get
            {
                var parts = new List<string>();
                if (Smb445 != null)
                {
                    parts.Add(Smb445.Reachable
                        ? "Port 445 (SMB) is open: Mount-HamletShare can mount the share."
                        : "Port 445 (SMB) is blocked or unreachable (" + (Smb445.Error ?? "no answer") + "): the share cannot be mounted from here; upload over HTTPS with Send-AzureShare (hamlet send-azure) instead.");
                }
                if (Https443 != null)
                {
                    parts.Add(Https443.Reachable
                        ? "Port 443 (HTTPS) is open: Send-AzureShare can upload."
                        : "Port 443 (HTTPS) is blocked or unreachable (" + (Https443.Error ?? "no answer") + "): check the proxy and firewall rules for " + Host + ".");
                }
                foreach (PortReachability other in Ports.Where(p => p.Port != ShareConnectionTester.SmbPort && p.Port != ShareConnectionTester.HttpsPort))
                    parts.Add("Port " + other.Port + (other.Reachable ? " is open." : " is unreachable (" + (other.Error ?? "no answer") + ")."));
                return string.Join(" ", parts);
            }
        }
    }
}
