using System;
using System.Diagnostics;
using HamletPS.TestSupport;

namespace HamletPS.Cli.Tests
{
    /// <summary>Peers on the loopback interface for the network tests: a free port, waiting for a listener, and dcmtk's tools run as processes.</summary>
    internal static class LoopbackPeers
    {
        // Ports and peer processes are the shared ones (tests/HamletPS.TestSupport); these names stay for the tests that use them.
        public static int FreePort() => PeerProcesses.FreePort();

        public static void WaitForPort(int port) => PeerProcesses.WaitForPort(port, 15000);

        public static bool WaitUntil(Func<bool> condition, int timeoutMs = 30000) => PeerProcesses.WaitUntil(condition, timeoutMs);

        /// <summary>Starts a peer whose output is read and dropped.</summary>
        public static Process StartPeer(string exe, string args) => PeerProcesses.StartDrained(exe, args);

        public static (int, string) RunPeer(string exe, string args) => PeerProcesses.Run(exe, args, 60000);
    }
}
