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
    /// <summary>
    /// The sender proposes uncompressed fallbacks beside each file's own transfer syntax and re-encodes on the fly when the
    /// peer accepts only a fallback; dcmtk's storescp restricted to Implicit VR LE is the peer, pydicom the judge of values.
    /// </summary>
    public class StorageScuTranscodingTests
    {
        private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
        private const string ImplicitLE = "1.2.840.10008.1.2";

        [Fact]
        public void ProposedContexts_ExactSyntaxEach_PlusOneUncompressedFallbackPerSopClass_NoneForCompressedOnly()
        {
            const string ct = "1.2.840.10008.5.1.4.1.1.2", mr = "1.2.840.10008.5.1.4.1.1.4", bigEndian = "1.2.840.10008.1.2.2", j2k = "1.2.840.10008.1.2.4.90";
            var contexts = StorageScu.ProposeContexts(new[] { (ct, bigEndian), (ct, ImplicitLE), (mr, j2k), (ct, bigEndian) });
            Assert.Equal(new byte[] { 1, 3, 5, 7 }, contexts.Select(c => c.Id).ToArray());
            Assert.Equal(new[] { ct, ct, mr, ct }, contexts.Select(c => c.AbstractSyntax).ToArray());
            Assert.Equal(new[] { bigEndian }, contexts[0].TransferSyntaxes);
            Assert.Equal(new[] { ImplicitLE }, contexts[1].TransferSyntaxes);
            Assert.Equal(new[] { j2k }, contexts[2].TransferSyntaxes);
            Assert.Equal(new[] { "1.2.840.10008.1.2.1", ImplicitLE }, contexts[3].TransferSyntaxes);
        }

        [Fact]
        public async Task PeerAcceptingOnlyImplicitVR_ReceivesExplicitBigEndianAndDeflatedFilesTranscoded_CompressedOneFailsClearly()
        {
            var uncompressed = new[] { "CT_small.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "liver_expb_1frame.dcm" }
                .Select(f => Path.Combine(Corpus, f)).ToList();
            string compressed = Path.Combine(Corpus, "SC_rgb_jpeg_dcmtk.dcm");
            string truncated = Truncated(uncompressed[0]);
            string rx = NewFolder("tx-rx");
            int port = FreePort();
            var storescp = Start("storescp", "+xi -aet PEER --output-directory " + rx + " " + port);
            try
            {
                WaitForPort(port);
                string implicitFile = WriteCt(NewFolder("tx-src"), NewUid(), 4000);       // already Implicit VR LE: sent as stored
                var files = new List<string>(uncompressed) { compressed, truncated, implicitFile };
                var results = await StorageScu.SendAsync(new ScuOptions { Port = port, CalledAeTitle = "PEER" }, files, null, CancellationToken.None);

                foreach (var r in results.Take(uncompressed.Count))
                {
                    Assert.True(r.Success, r.Path + ": " + r.Error);
                    Assert.Equal(ImplicitLE, r.SentTransferSyntaxUid);
                }
                var j2k = results[uncompressed.Count];
                Assert.False(j2k.Success);
                Assert.Null(j2k.Status);
                Assert.Contains("compressed data is not transcoded", j2k.Error);
                Assert.Contains("JPEG Baseline", j2k.Error);
                var bad = results[uncompressed.Count + 1];
                Assert.False(bad.Success);
                Assert.StartsWith("cannot transcode to Implicit VR Little Endian", bad.Error);
                Assert.True(results.Last().Success, results.Last().Error);      // the association survived both failures
                Assert.Equal(DataSetBytes(implicitFile), DataSetBytes(Directory.GetFiles(rx).Single(f => FileMetaInformationProbe.Read(f).SopInstanceUid == results.Last().SopInstanceUid)));

                Thread.Sleep(300);
                var received = Directory.GetFiles(rx).ToDictionary(f => FileMetaInformationProbe.Read(f).SopInstanceUid);
                Assert.Equal(uncompressed.Count + 1, received.Count);
                Assert.DoesNotContain(FileMetaInformationProbe.Read(compressed).SopInstanceUid, received.Keys);
                Assert.All(received.Values, f => Assert.Equal(ImplicitLE, FileMetaInformationProbe.Read(f).TransferSyntaxUid));
                string pairs = string.Join(" ", uncompressed.Select(f => "\"" + f + "|" + received[FileMetaInformationProbe.Read(f).SopInstanceUid] + "\""));
                var (code, output) = Run("/usr/bin/python3", "-c \"" + CompareScript + "\" " + pairs, 120000);
                Assert.True(code == 0, output);
                Assert.Equal(uncompressed.Count, output.Split('\n').Count(l => l.StartsWith("same ")));
            }
            finally
            {
                Kill(storescp);
            }
        }

        /// <summary>A copy cut in the middle of its pixel data: the parser refuses it before anything is sent.</summary>
        private static string Truncated(string source)
        {
            string path = Path.Combine(NewFolder("tx-bad"), "truncated.dcm");
            byte[] all = File.ReadAllBytes(source);
            File.WriteAllBytes(path, all.Take(all.Length - 1000).ToArray());
            return path;
        }

        /// <summary>
        /// pydicom compares every element (not sequences themselves, but their items' elements) of source and received data
        /// set; OW/OF/OL/OD values of a big-endian source are byte-swapped before comparing (pydicom keeps them raw).
        /// </summary>
        private const string CompareScript =
            "import pydicom,sys\n" +
            "def elements(ds,big):\n" +
            "  out=[]\n" +
            "  for e in ds.iterall():\n" +
            "    if e.VR=='SQ' or e.tag==0xFFFCFFFC or e.tag.element==0: continue\n" +
            "    v=e.value\n" +
            "    w={'OW':2,'OF':4,'OL':4,'OD':8,'OV':8}.get(e.VR)\n" +
            "    if big and w and isinstance(v,(bytes,bytearray)): v=b''.join(v[i:i+w][::-1] for i in range(0,len(v),w))\n" +
            "    out.append((e.tag,v))\n" +
            "  return out\n" +
            "bad=0\n" +
            "for p in sys.argv[1:]:\n" +
            "  a,b=p.split('|')\n" +
            "  x=pydicom.dcmread(a); y=pydicom.dcmread(b)\n" +
            "  ex=elements(x,x.file_meta.TransferSyntaxUID=='1.2.840.10008.1.2.2'); ey=elements(y,False)\n" +
            "  if ex!=ey or len(ex)<10:\n" +
            "    bad+=1; dx=dict(ex); dy=dict(ey)\n" +
            "    print('DIFF',a,[str(t) for t in sorted(set(dx)|set(dy)) if dx.get(t)!=dy.get(t)][:5])\n" +
            "  else: print('same',a,len(ex))\n" +
            "sys.exit(1 if bad else 0)";
    }
}
