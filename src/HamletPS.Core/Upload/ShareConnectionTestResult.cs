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
    }

    /// <summary>What Test-HamletShareConnection reports: SMB (445) and HTTPS (443) reachability of the account host.</summary>
    public sealed class ShareConnectionTestResult
    {
        public string Host { get; set; }
        public IReadOnlyList<PortReachability> Ports { get; set; } = new List<PortReachability>();
        public bool SmbReachable => Ports.Any(p => p.Port == ShareConnectionTester.SmbPort && p.Reachable);
        public bool HttpsReachable => Ports.Any(p => p.Port == ShareConnectionTester.HttpsPort && p.Reachable);
    }
}
