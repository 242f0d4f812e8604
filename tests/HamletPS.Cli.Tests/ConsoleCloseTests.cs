using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// A closed console (SIGHUP; on Windows .NET raises it for CTRL_CLOSE_EVENT) stops `hamlet receive` cleanly, like Ctrl-C
    /// and SIGTERM, instead of killing it mid-file.
    /// </summary>
    public sealed class ConsoleCloseTests : ScratchFolderTest
    {
        public ConsoleCloseTests() : base("hamlet-sighup-") { }

        [Fact]
        public async Task Receive_OnSighup_StopsCleanlyWithExitCode0()
        {
            Directory.CreateDirectory(Root);
            int port = LoopbackPeers.FreePort();
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
            foreach (string a in new[] { HamletExecutables.ManagedDll, "receive", "--path", Path.Combine(Root, "incoming"), "--port", port.ToString(), "--ae-title", "HAMLET" })
                psi.ArgumentList.Add(a);
            psi.Environment.Remove("HAMLET_CONFIG");
            using Process p = Process.Start(psi);
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            LoopbackPeers.WaitForPort(port);

            using (Process kill = Process.Start("kill", "-HUP " + p.Id)) kill.WaitForExit();

            bool exited = p.WaitForExit(20000);
            if (!exited) p.Kill(true);
            Assert.True(exited, "hamlet receive did not stop on SIGHUP");
            Assert.True(p.ExitCode == 0, "exit " + p.ExitCode + ": " + await stdout + await stderr);
        }
    }
}
