using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using HamletPS.Synthetic;
using HamletPS.TestSupport;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Free ports, dcmtk/pydicom peer processes (always killed), waiting for a listener, and a synthetic RT study.</summary>
    internal static class NetworkPeers
    {
        // Ports and peer processes are the shared ones (tests/HamletPS.TestSupport); these names stay for the tests that use them.
        public static int FreePort() => PeerProcesses.FreePort();

        /// <summary>Starts a peer whose output is read and dropped.</summary>
        public static Process Start(string exe, string args) => PeerProcesses.StartDrained(exe, args);

        /// <summary>Runs a peer to completion within a bound (killed when it passes); returns its exit code and output.</summary>
        public static (int ExitCode, string Output) Run(string exe, string args, int timeoutMs = 60000) => PeerProcesses.Run(exe, args, timeoutMs);

        /// <summary>Kills the peer (and its children) when still running, and disposes of it.</summary>
        public static void Kill(Process p)
        {
            PeerProcesses.Kill(p);
            p?.Dispose();
        }

        public static void WaitForPort(int port, int timeoutMs = 15000) => PeerProcesses.WaitForPort(port, timeoutMs);

        /// <summary>Waits for a condition (polling); false when the bound passed.</summary>
        public static bool WaitUntil(Func<bool> condition, int timeoutMs = 30000) => PeerProcesses.WaitUntil(condition, timeoutMs);

        /// <summary>Waits until a BeginInvoke'd pipeline has ended (completed, stopped or failed).</summary>
        public static bool WaitForEnd(System.Management.Automation.PowerShell ps, int timeoutMs = 60000) =>
            WaitUntil(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Stopped or PSInvocationState.Failed, timeoutMs);

        /// <summary>
        /// Stops a running pipeline as Ctrl-C does (StopProcessing), from a pool thread: a synchronous Stop() on the test's own
        /// thread can wait forever on xunit's synchronisation context. True when it stopped within the bound.
        /// </summary>
        public static bool StopPipeline(System.Management.Automation.PowerShell ps, int timeoutMs = 30000)
        {
            if (ps.InvocationStateInfo.State != PSInvocationState.Running) return true;
            return System.Threading.Tasks.Task.Run(() => ps.Stop()).Wait(timeoutMs);
        }

        /// <summary>The synthetic RT study (CT slices, RTSTRUCT, RTPLAN, RTDOSE) written to <paramref name="folder"/>.</summary>
        public static RtStudy WriteStudy(string folder, int slices = 4, ulong seed = 7)
        {
            SyntheticPatient patient = new SyntheticPatientGenerator(seed).Create(1);
            return new RtStudyBuilder(patient, new RtStudyOptions { Seed = seed, Slices = slices, ImageSize = 64 }).Write(folder);
        }

        /// <summary>
        /// pydicom compares every element (nested ones too) of each sent file with the received file of the same SOP instance;
        /// returns pydicom's exit code and report.
        /// </summary>
        public static (int ExitCode, string Output) CompareWithPydicom(string pairsFile)
        {
            string script = Path.Combine(Path.GetDirectoryName(pairsFile), "compare.py");
            File.WriteAllText(script,
                "import pydicom, sys\n" +
                "bad = 0; n = 0\n" +
                "for line in open(sys.argv[1]).read().splitlines():\n" +
                "    a, b = line.split('|'); n += 1\n" +
                "    x = pydicom.dcmread(a); y = pydicom.dcmread(b)\n" +
                "    keep = lambda d: [(e.tag, e.VR, e.value) for e in d.iterall() if e.VR != 'SQ' and e.tag != 0xFFFCFFFC and e.tag.element != 0]\n" +
                "    if keep(x) != keep(y): print('DIFF', a); bad += 1\n" +
                "    if y.file_meta.MediaStorageSOPInstanceUID != x.SOPInstanceUID: print('META', a); bad += 1\n" +
                "print('compared', n, 'bad', bad)\n" +
                "sys.exit(1 if bad or n == 0 else 0)\n");
            return Run("/usr/bin/python3", "\"" + script + "\" \"" + pairsFile + "\"", 120000);
        }

        public static string NewFolder(string root, string name)
        {
            string dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
