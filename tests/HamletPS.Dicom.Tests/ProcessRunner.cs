using System.Diagnostics;
using System.Text;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Runs a peer program and captures its output.</summary>
    internal static class ProcessRunner
    {
        public static (int ExitCode, string StdOut, string StdErr) Run(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }
    }
}
