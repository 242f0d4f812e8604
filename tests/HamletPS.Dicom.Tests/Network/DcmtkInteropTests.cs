using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>Our SCP and SCUs against dcmtk's echoscu, storescu and storescp, with pydicom as the judge of element values.</summary>
    public class DcmtkInteropTests
    {
        private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

        [Fact]
        public void Echoscu_GetsSuccessFromOurScp()
        {
            using (var scp = new RunningScp(new StorageScpOptions { Folder = NewFolder("echo"), AeTitle = "HAMLET" }))
            {
                var (code, output) = Run("echoscu", "-v -aec HAMLET 127.0.0.1 " + scp.Port, 20000);
                Assert.True(code == 0, output);
                Assert.Contains("Received Echo Response (Success)", output);
            }
        }

        [Fact]
        public async Task OurEcho_GetsSuccessFromStorescp()
        {
            int port = FreePort();
            var storescp = Start("storescp", "-aet PEER --output-directory " + NewFolder("echopeer") + " " + port);
            try
            {
                WaitForPort(port);
                EchoResult r = await EchoScu.EchoAsync(new ScuOptions { Port = port, CalledAeTitle = "PEER" }, CancellationToken.None);
                Assert.True(r.Success, r.Error);
                Assert.Equal(DimseStatus.Success, r.Status);
                Assert.True(r.RoundTrip > TimeSpan.Zero && r.RoundTrip <= r.Total);
            }
            finally
            {
                Kill(storescp);
            }
        }

        [Fact]
        public async Task OurEcho_ReportsRefusedConnectionWithoutThrowing()
        {
            EchoResult r = await EchoScu.EchoAsync(new ScuOptions { Port = FreePort() }, CancellationToken.None);
            Assert.False(r.Success);
            Assert.NotNull(r.Error);
        }

        [Fact]
        public void Storescu_PydicomCorpus_ArrivesWithIdenticalElementValues()
        {
            // Corpus files storescu can send: Part 10 with a storage SOP class (chosen by pydicom, the oracle).
            string list = Run("/usr/bin/python3", "-c \"" +
                "import glob,os,pydicom\n" +
                "for f in sorted(glob.glob('" + Corpus + "/*.dcm')):\n" +
                "  try:\n" +
                "    m=pydicom.dcmread(f,stop_before_pixels=True)\n" +
                "    if os.path.getsize(f)<3000000 and m.file_meta.MediaStorageSOPClassUID.startswith('1.2.840.10008.5.1.4.1.1.') and m.SOPInstanceUID==m.file_meta.MediaStorageSOPInstanceUID: print(f)\n" +
                "  except Exception: pass\n\"").Output;
            List<string> files = list.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(".dcm")).ToList();
            Assert.True(files.Count >= 20, "expected a good part of pydicom's corpus, got " + files.Count);
            // Distinct instances only (the corpus has a few copies of one UID).
            files = files.GroupBy(f => FileMetaInformationProbe.Read(f).SopInstanceUid).Select(g => g.First()).ToList();

            string rx = NewFolder("corpus");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", AcceptAllStorageClasses = true }))
            {
                string args = "-nh -R -aec HAMLET 127.0.0.1 " + scp.Port + " " + string.Join(" ", files.Select(f => "\"" + f + "\""));
                var (code, output) = Run("storescu", args, 120000);
                // storescu proposes uncompressed syntaxes only and cannot decompress JPEG/J2K/RLE itself: it reports those files
                // as "unable to convert" before sending anything. Every other file must arrive.
                var lines = output.Split('\n');
                var senderCannot = new HashSet<string>();
                for (int i = 1; i < lines.Length; i++)
                    if (lines[i].StartsWith("E: Store Failed, file: ") && lines.Take(i).Reverse().Skip(0).FirstOrDefault(l => l.StartsWith("W:") || l.StartsWith("E:") || l.StartsWith("I:"))?.Contains("unable to convert") == true)
                        senderCannot.Add(lines[i].Substring("E: Store Failed, file: ".Length).TrimEnd(':', '\r', ' '));
                foreach (string l in lines.Where(l => l.StartsWith("W: missing SOP class (or instance) in file: ")))
                    senderCannot.Add(l.Substring("W: missing SOP class (or instance) in file: ".Length).Split(',')[0]);
                var expected = files.Where(f => !senderCannot.Contains(f)).ToList();
                var sentOk = files.Where(f => File.Exists(Path.Combine(rx, FileMetaInformationProbe.Read(f).SopInstanceUid + ".dcm"))).ToList();
                Assert.True(expected.Count >= 8, "too few sendable corpus files: " + expected.Count + "\n" + output);
                Assert.True(expected.All(sentOk.Contains), "missing: " + string.Join(", ", expected.Except(sentOk)) + "\n" + output);
                Assert.Empty(Directory.GetFiles(rx, ".*.partial"));
                lock (scp.Files) Assert.Equal(sentOk.Count, scp.Files.Count(f => f.Stored));

                // pydicom compares every element of sent and received data set.
                string pairs = string.Join(";", sentOk.Select(f => f + "|" + Path.Combine(rx, FileMetaInformationProbe.Read(f).SopInstanceUid + ".dcm")));
                string pairFile = Path.Combine(rx, "pairs.txt");
                File.WriteAllText(pairFile, pairs);
                var (pc, po) = Run("/usr/bin/python3", "-c \"" +
                    "import pydicom,sys\n" +
                    "bad=0\n" +
                    "for p in open('" + pairFile + "').read().split(';'):\n" +
                    "  a,b=p.split('|')\n" +
                    "  x=pydicom.dcmread(a); y=pydicom.dcmread(b)\n" +
                    // dcmtk drops trailing data set padding (FFFC,FFFC) and group lengths when it sends: not compared.
                    "  keep=lambda d: [(e.tag,e.value) for e in d.iterall() if e.VR!='SQ' and e.tag!=0xFFFCFFFC and e.tag.element!=0]\n" +
                    "  if keep(x)!=keep(y): print('DIFF',a); bad+=1\n" +
                    "  if y.file_meta.MediaStorageSOPInstanceUID!=x.SOPInstanceUID: print('META',a); bad+=1\n" +
                    "print('compared',len(open('" + pairFile + "').read().split(';')),'bad',bad)\n" +
                    "sys.exit(1 if bad else 0)\"", 120000);
                Assert.True(pc == 0, po);
            }
        }

        [Fact]
        public async Task OurStorageScu_SendsToStorescp_DataSetsArriveByteIdentical()
        {
            string src = NewFolder("scu-src");
            var files = Enumerable.Range(0, 12).Select(i => WriteCt(src, NewUid(), 5000 + i * 1000)).ToList();
            string rx = NewFolder("scu-rx");
            int port = FreePort();
            var storescp = Start("storescp", "-aet PEER -pdu 16384 --output-directory " + rx + " " + port);
            try
            {
                WaitForPort(port);
                var progress = new List<SendProgress>();
                var results = await StorageScu.SendAsync(new ScuOptions { Port = port, CalledAeTitle = "PEER" }, files,
                    new SyncProgress<SendProgress>(p => progress.Add(p)), CancellationToken.None);
                Assert.All(results, r => Assert.True(r.Success, r.Path + ": " + r.Error));
                Assert.All(results, r => Assert.Equal(DimseStatus.Success, r.Status));
                Assert.Equal(files.Count, progress.Last().FilesDone);
                Thread.Sleep(300);
                string[] received = Directory.GetFiles(rx);
                Assert.Equal(files.Count, received.Length);
                foreach (string f in files)
                {
                    string uid = FileMetaInformationProbe.Read(f).SopInstanceUid;
                    string match = received.Single(r => FileMetaInformationProbe.Read(r).SopInstanceUid == uid);
                    Assert.Equal(DataSetBytes(f), DataSetBytes(match));
                }
            }
            finally
            {
                Kill(storescp);
            }
        }
    }
}
