using System.Linq;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet test-share --json`: the host, what is reachable, and each port tried.</summary>
    public sealed class ShareConnectionLine
    {
        public string Host { get; set; }
        public bool SmbReachable { get; set; }
        public bool HttpsReachable { get; set; }
        public string Message { get; set; }
        public PortLine[] Ports { get; set; }

        /// <summary>One port tried.</summary>
        public sealed class PortLine
        {
            public int Port { get; set; }
            public bool Reachable { get; set; }
            public double ElapsedMilliseconds { get; set; }
            public string Error { get; set; }
        }

        public static ShareConnectionLine From(ShareConnectionTestResult result) => new ShareConnectionLine
        {
            Host = result.Host, SmbReachable = result.SmbReachable, HttpsReachable = result.HttpsReachable, Message = result.Message,
            Ports = result.Ports.Select(p => new PortLine { Port = p.Port, Reachable = p.Reachable, ElapsedMilliseconds = p.Elapsed.TotalMilliseconds, Error = p.Error }).ToArray(),
        };
    }
}
