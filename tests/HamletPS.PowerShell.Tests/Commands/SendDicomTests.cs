using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class SendDicomTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder("send");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        [Fact]
        public void SendDicom_ToStorescp_EveryFileArrives_WithStatus0000_AndProgress()
        {
            string src = NewFolder(_root, "sent");
            RtStudy study = WriteStudy(src);
            string rx = NewFolder(_root, "storescp");
            using (var storescp = RunningStorescp.Start("-aet PEER --output-directory \"" + rx + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();

                var results = session.Invoke("Send-Dicom -Path $args[0] -Recurse -ComputerName 127.0.0.1 -Port $args[1] -CalledAETitle PEER -Confirm:$false", src, port);

                Assert.Empty(session.Errors);
                Assert.Equal(study.Files.Count, results.Count);
                Assert.All(results, r =>
                {
                    Assert.Equal("HamletPS.Core.Network.SentDicomFile", r.BaseObject.GetType().FullName);
                    Assert.Equal("0000", r.Properties["Status"].Value);
                    Assert.True((bool)r.Properties["Success"].Value);
                    Assert.Equal("PEER@127.0.0.1:" + port, r.Properties["Peer"].Value);
                });
                Assert.Equal(study.Files.Select(f => f.SopInstanceUid).OrderBy(u => u), results.Select(r => (string)r.Properties["SOPInstanceUID"].Value).OrderBy(u => u));
                Assert.NotEmpty(session.Progress);
                Assert.Contains(session.Progress, p => p.StatusDescription.Contains("files/s") && p.StatusDescription.Contains("MB/s"));

                // storescp names its files <modality>.<SOPInstanceUID>; pydicom compares the data sets element by element.
                Assert.True(WaitUntil(() => Directory.GetFiles(rx).Length == study.Files.Count, 10000), "storescp holds " + Directory.GetFiles(rx).Length + " files");
                string pairs = Path.Combine(_root, "pairs.txt");
                File.WriteAllLines(pairs, study.Files.Select(f => f.Path + "|" + Directory.GetFiles(rx).Single(r => r.EndsWith("." + f.SopInstanceUid, StringComparison.Ordinal))));
                var (pc, po) = CompareWithPydicom(pairs);
                Assert.True(pc == 0, po);
            }
        }

        [Fact]
        public void SendDicom_BindsPathFromGetDicomFileOutput()
        {
            string src = NewFolder(_root, "sent");
            RtStudy study = WriteStudy(src, slices: 2);
            string rx = NewFolder(_root, "storescp");
            using (var storescp = RunningStorescp.Start("-aet PEER --output-directory \"" + rx + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();

                var results = session.Invoke("Get-DicomFile -Path $args[0] -Recurse | Where-Object Modality -like 'RT*' | Send-Dicom -ComputerName 127.0.0.1 -Port $args[1] -CalledAETitle PEER", src, port);

                Assert.Equal(study.Files.Count(f => f.Kind != RtObjectKind.CtImage), results.Count);
                Assert.All(results, r => Assert.Equal("0000", r.Properties["Status"].Value));
            }
        }

        [Fact]
        public void SendDicom_NotDicomFileAmongGoodOnes_IsInvalidDicomFile_AndTheRestAreSent()
        {
            string src = NewFolder(_root, "sent");
            RtStudy study = WriteStudy(src, slices: 2);
            string junk = Path.Combine(src, "notes.txt");
            File.WriteAllText(junk, "not DICOM");
            string rx = NewFolder(_root, "storescp");
            using (var storescp = RunningStorescp.Start("-aet PEER --output-directory \"" + rx + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();

                var results = session.Invoke("Send-Dicom -Path $args[0] -Recurse -ComputerName 127.0.0.1 -Port $args[1] -CalledAETitle PEER", src, port);

                Assert.Equal(study.Files.Count, results.Count);
                ErrorRecord error = Assert.Single(session.Errors);
                Assert.Equal("InvalidDicomFile,HamletPS.Commands.SendDicomCommand", error.FullyQualifiedErrorId);
                Assert.Equal(junk, error.TargetObject);
            }
        }
    }
}
