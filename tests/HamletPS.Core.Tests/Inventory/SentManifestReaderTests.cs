using System.IO;
using System.Linq;
using HamletPS.Core;
using HamletPS.Core.Inventory;
using Xunit;

namespace HamletPS.Core.Tests.Inventory
{
    public class SentManifestReaderTests
    {
        [Fact]
        public void AZipInOutgoingWithoutAManifest_StopsWithSentRecordUnreadableNamingIt()
        {
            using var temp = new TempFolder("inventory-manifest");
            string zip = Path.Combine(temp.Path, "other.zip");
            using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
            using (var w = new StreamWriter(archive.CreateEntry("readme.txt").Open())) w.Write("not ours");

            var e = Assert.Throws<HamletException>(() => SentManifestReader.Read(temp.Path).ToList());

            Assert.Equal(ErrorIds.SentRecordUnreadable, e.ErrorId);
            Assert.Contains(zip, e.Message);
        }

        [Fact]
        public void AnOutgoingFolderWithoutArchives_GivesNothing()
        {
            using var temp = new TempFolder("inventory-manifest");
            File.WriteAllText(Path.Combine(temp.Path, "notes.txt"), "x");
            Assert.Empty(SentManifestReader.Read(temp.Path));
        }
    }
}
