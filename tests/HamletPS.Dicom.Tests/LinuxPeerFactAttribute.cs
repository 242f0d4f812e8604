using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>A fact about a Linux-only call, checked with coreutils (stat): skipped, visibly, elsewhere or without the peer.</summary>
    public sealed class LinuxPeerFactAttribute : FactAttribute
    {
        public const string Stat = "/usr/bin/stat";

        public LinuxPeerFactAttribute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) Skip = "Linux only";
            else if (!File.Exists(Stat)) Skip = "peer not installed: " + Stat + " (coreutils)";
        }
    }
}
