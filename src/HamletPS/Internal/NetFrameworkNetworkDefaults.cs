using System;
using System.Net;

namespace HamletPS.Internal
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) network settings the upload needs, applied once at Import-Module and never on
    /// PowerShell 7 (.NET ignores ServicePointManager for HttpClient). Without the strong-crypto registry values a .NET
    /// Framework process offers only SSL 3 and TLS 1.0, which Azure Storage refuses: TLS 1.2 is added (a process left to the
    /// operating system's choice, <c>SystemDefault</c>, is left alone). The default of 2 connections per host and the
    /// <c>Expect: 100-continue</c> round trip would throttle the configured upload parallelism. No PowerShell types here:
    /// the .NET Framework test harness under Mono (tests/NetFramework) drives this class directly.
    /// </summary>
    internal static class NetFrameworkNetworkDefaults
    {
        /// <summary>Connections per host allowed at least (upload parallelism up to this, and the listing beside it).</summary>
        public const int MinimumConnectionLimit = 64;

        public static void Apply()
        {
            SecurityProtocolType protocols = ServicePointManager.SecurityProtocol;
#pragma warning disable CA5386 // adds TLS 1.2 only where the process offers none of it; SystemDefault is left alone
            if (protocols != 0 /* SystemDefault: the OS chooses, TLS 1.2 included */ && (protocols & SecurityProtocolType.Tls12) == 0)
                ServicePointManager.SecurityProtocol = protocols | SecurityProtocolType.Tls12;
#pragma warning restore CA5386
            if (ServicePointManager.DefaultConnectionLimit < MinimumConnectionLimit)
                ServicePointManager.DefaultConnectionLimit = MinimumConnectionLimit;
            ServicePointManager.Expect100Continue = false;
        }
    }
}
