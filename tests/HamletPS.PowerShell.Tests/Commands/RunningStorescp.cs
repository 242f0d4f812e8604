using System;
using System.Diagnostics;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>dcmtk's storescp on a free port, listening when <see cref="Start"/> returns, killed on Dispose.</summary>
    internal sealed class RunningStorescp : IDisposable
    {
        private readonly Process _process;

        private RunningStorescp(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        /// <summary>Starts <c>storescp &lt;arguments&gt;&lt;port&gt;</c> (the arguments end where the port goes) and waits for its port.</summary>
        public static RunningStorescp Start(string arguments)
        {
            int port = NetworkPeers.FreePort();
            Process process = NetworkPeers.Start("storescp", arguments + port);
            try
            {
                NetworkPeers.WaitForPort(port);
            }
            catch (Exception)
            {
                NetworkPeers.Kill(process);
                throw;
            }
            return new RunningStorescp(process, port);
        }

        public void Dispose() => NetworkPeers.Kill(_process);
    }
}
