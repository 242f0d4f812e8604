using System.IO;
using System.Linq;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>
    /// A receiver start keeps a complete received file that a power cut left under its temporary name (the rename was not yet
    /// on disk, as on Windows without a write-through rename) and deletes incomplete ones.
    /// </summary>
    public class PartialFileRecoveryTests
    {
        private static StorageScp Started(string folder)
        {
            var scp = new StorageScp(new StorageScpOptions { Folder = folder, AeTitle = "HAMLET", Port = 0 });
            scp.Start();
            return scp;
        }

        [Fact]
        public void Start_PutsACompletePartialInPlaceUnderItsSopInstanceUid()
        {
            string rx = NewFolder("recover-rx");
            string uid = NewUid();
            string source = WriteCt(NewFolder("recover-src"), uid, 4096);
            File.Copy(source, Path.Combine(rx, ".a1b2c3.partial"));

            using (StorageScp scp = Started(rx))
            {
                string final = Path.Combine(rx, uid + ".dcm");
                Assert.Equal(new[] { final }, scp.RecoveredFiles);
                Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(final));
                Assert.Empty(Directory.GetFiles(rx, ".*.partial"));
            }
        }

        [Theory]
        [InlineData(200)]   // inside the file meta group
        [InlineData(-100)]  // inside the pixel data
        public void Start_DeletesATruncatedPartial(int cut)
        {
            string rx = NewFolder("recover-cut");
            string uid = NewUid();
            byte[] bytes = File.ReadAllBytes(WriteCt(NewFolder("recover-cut-src"), uid, 4096));
            int length = cut > 0 ? cut : bytes.Length + cut;
            File.WriteAllBytes(Path.Combine(rx, ".d4e5f6.partial"), bytes.Take(length).ToArray());

            using (StorageScp scp = Started(rx))
            {
                Assert.Empty(scp.RecoveredFiles);
                Assert.Empty(Directory.GetFiles(rx));
            }
        }

        [Fact]
        public void Start_ImageWithoutItsPixelData_IsNotRecovered()
        {
            // A CT cut exactly at an element boundary before its pixel data parses, but is not complete.
            string rx = NewFolder("recover-nopixels");
            string uid = NewUid();
            string source = WriteCt(NewFolder("recover-nopixels-src"), uid, 4096);
            var file = HamletPS.Dicom.Data.DicomFile.Open(source);
            file.Dataset.Remove(new HamletPS.Dicom.Data.DicomTag(0x7FE0, 0x0010));
            file.Save(Path.Combine(rx, ".g7h8i9.partial"));

            using (StorageScp scp = Started(rx))
            {
                Assert.Empty(scp.RecoveredFiles);
                Assert.Empty(Directory.GetFiles(rx));
            }
        }

        [Fact]
        public void Start_CompletePartialOfAFileAlreadyInPlace_IsDeleted_AndTheFileKept()
        {
            string rx = NewFolder("recover-dup");
            string uid = NewUid();
            string source = WriteCt(NewFolder("recover-dup-src"), uid, 4096);
            File.WriteAllText(Path.Combine(rx, uid + ".dcm"), "the file already received");
            File.Copy(source, Path.Combine(rx, ".j1k2l3.partial"));

            using (StorageScp scp = Started(rx))
            {
                Assert.Empty(scp.RecoveredFiles);
                Assert.Equal("the file already received", File.ReadAllText(Path.Combine(rx, uid + ".dcm")));
                Assert.Empty(Directory.GetFiles(rx, ".*.partial"));
            }
        }
    }
}
