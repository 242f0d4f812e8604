using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// hamlet run as its own process: the managed build output beside the tests (`dotnet hamlet.dll`, what the verb tests run
    /// in-process) or the native executable that `dotnet publish src/HamletPS.Cli` makes and sites install. tests/run.sh
    /// publishes it to out/hamlet/ and names it in HAMLET_NATIVE_EXE before any test runs.
    /// </summary>
    public static class HamletExecutables
    {
        public static string ManagedDll => Path.Combine(AppContext.BaseDirectory, "hamlet.dll");

        /// <summary>The native hamlet; a test that needs it fails (it does not skip) when it was not published.</summary>
        public static string Native
        {
            get
            {
                string path = Environment.GetEnvironmentVariable("HAMLET_NATIVE_EXE");
                if (string.IsNullOrEmpty(path)) path = Path.Combine(RepoRoot, "out", "hamlet", OperatingSystem.IsWindows() ? "hamlet.exe" : "hamlet");
                if (!File.Exists(path))
                    throw new FileNotFoundException("The native hamlet is missing: run tests/run.sh, or `dotnet publish src/HamletPS.Cli -c Release -o out/hamlet` first.", path);
                return path;
            }
        }

        public static string RepoRoot { get; } = FindRepoRoot();

        /// <summary>A finished run: exit code, standard output and standard error.</summary>
        public sealed class Run
        {
            public int Code { get; set; }
            public string Out { get; set; }
            public string Err { get; set; }

            public override string ToString() => "exit " + Code + "\n" + Out + Err;
        }

        /// <summary>Runs hamlet (native or managed) in a working folder and waits up to two minutes.</summary>
        public static Run Start(bool native, string workingDirectory, IDictionary<string, string> environment, params string[] args)
        {
            var psi = new ProcessStartInfo(native ? Native : "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
            };
            if (!native) psi.ArgumentList.Add(ManagedDll);
            foreach (string a in args) psi.ArgumentList.Add(a);
            psi.Environment.Remove("HAMLET_CONFIG");
            if (environment != null) foreach (var pair in environment) psi.Environment[pair.Key] = pair.Value;
            using (Process p = Process.Start(psi))
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(120000))
                {
                    p.Kill(true);
                    throw new TimeoutException("hamlet " + string.Join(" ", args) + " did not finish");
                }
                return new Run { Code = p.ExitCode, Out = stdout.GetAwaiter().GetResult(), Err = stderr.GetAwaiter().GetResult() };
            }
        }

        private static string FindRepoRoot() => HamletPS.TestSupport.RepositoryPaths.Root;
    }
}
