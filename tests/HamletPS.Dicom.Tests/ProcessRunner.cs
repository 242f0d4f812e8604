using HamletPS.TestSupport;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Runs a peer program and captures its output (the shared runner, under the name these tests use).</summary>
    internal static class ProcessRunner
    {
        public static (int ExitCode, string StdOut, string StdErr) Run(string program, params string[] args) =>
            PeerProcesses.RunWithArguments(program, args);
    }
}
