using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class ReceiveDicomTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder("receive");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        [Fact]
        public void Storescu_ToReceiveDicomCount_EveryDatasetArrives_ObjectsStream_ValuesIdentical()
        {
            RtStudy study = WriteStudy(NewFolder(_root, "sent"));
            string rx = Path.Combine(_root, "incoming");
            int port = FreePort();
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke("Receive-Dicom -Path $args[0] -Port $args[1] -AETitle HAMLETPS -Count $args[2] -Confirm:$false", output, rx, port, study.Files.Count);
            try
            {
                WaitForPort(port);
                // First one file: its object must come out while the receiver still runs (streaming, not at the end).
                RtStudyFile first = study.Files[0];
                var (c1, o1) = Run("storescu", "-aec HAMLETPS -aet TPS_SCU 127.0.0.1 " + port + " \"" + first.Path + "\"", 60000);
                Assert.True(c1 == 0, o1);
                Assert.True(WaitUntil(() => output.Count == 1), "no object for the first file");
                Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);

                string rest = string.Join(" ", study.Files.Skip(1).Select(f => "\"" + f.Path + "\""));
                var (c2, o2) = Run("storescu", "-aec HAMLETPS -aet TPS_SCU 127.0.0.1 " + port + " " + rest, 60000);
                Assert.True(c2 == 0, o2);
                Assert.True(WaitForEnd(ps), "Receive-Dicom did not stop after -Count files");
                Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);

                Assert.Equal(study.Files.Count, output.Count);
                var bySop = output.ToDictionary(o => (string)o.Properties["SOPInstanceUID"].Value);
                foreach (RtStudyFile sent in study.Files)
                {
                    PSObject received = bySop[sent.SopInstanceUid];
                    Assert.Equal("HamletPS.Core.Network.ReceivedDicomFile", received.BaseObject.GetType().FullName);
                    Assert.Equal("TPS_SCU", received.Properties["CallingAE"].Value);
                    Assert.Equal(sent.SopClassUid, received.Properties["SOPClassUID"].Value);
                    Assert.Equal(Path.Combine(rx, sent.SopInstanceUid + ".dcm"), received.Properties["Path"].Value);
                    Assert.Equal(new FileInfo(Path.Combine(rx, sent.SopInstanceUid + ".dcm")).Length, (long)received.Properties["Length"].Value);
                }
                Assert.Contains(output, o => (string)o.Properties["SOPClassName"].Value == "RT Plan Storage");
                Assert.Empty(Directory.GetFiles(rx, "*.partial", SearchOption.AllDirectories));
                Assert.Contains(ps.Streams.Information, i => i.MessageData.ToString() == "Connect to this DICOM receiver using IP Address: 127.0.0.1 and Port: " + port + " (AE title HAMLETPS)");

                string pairs = Path.Combine(_root, "pairs.txt");
                File.WriteAllLines(pairs, study.Files.Select(f => f.Path + "|" + Path.Combine(rx, f.SopInstanceUid + ".dcm")));
                var (pc, po) = CompareWithPydicom(pairs);
                Assert.True(pc == 0, po);
            }
            finally
            {
                StopPipeline(ps);
            }
        }
    }
}
