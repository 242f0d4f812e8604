using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>
    /// New-HamletArchive and `hamlet archive` take only files this site's protect step sealed: never the sender's word
    /// (Patient Identity Removed = YES) and never a protected file changed after protection.
    /// </summary>
    public sealed class ArchiveSealTests : System.IDisposable
    {
        private readonly TempFolder _tmp = new TempFolder();
        private readonly SiteKeys _keys = DeidTestSupport.Keys();

        public void Dispose()
        {
            _keys.Dispose();
            _tmp.Dispose();
        }

        private string Tree => _tmp.Combine("protected");
        private string Outgoing => _tmp.Combine("outgoing");

        private List<ProtectionResult> ProtectCanary(SiteKeys keys = null)
        {
            var written = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 }).Write(_tmp.Combine("in"));
            using var p = new DicomProtector(DeidTestSupport.Options(keys ?? _keys, Tree, null));
            var results = p.Protect(written.Files.Select(f => f.Path).ToList()).ToList();
            Assert.All(results, r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            return results;
        }

        private (ArchiveRefusedException Error, List<FileFailure> Reported) BuildRefused()
        {
            var reported = new List<FileFailure>();
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = Outgoing, Site = "s1", User = "qa", FileRefused = reported.Add });
            var e = Assert.Throws<ArchiveRefusedException>(() => builder.Build(Tree, DicomArchiveEntryDescriber.Sealed(_keys.SealKey)));
            Assert.Empty(Directory.GetFiles(Outgoing));
            return (e, reported);
        }

        [Fact]
        public void Archive_OfAProtectedTree_TakesEverySealedFile()
        {
            var results = ProtectCanary();
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = Outgoing, Site = "s1", User = "qa" });
            ArchiveResult archive = builder.Build(Tree, DicomArchiveEntryDescriber.Sealed(_keys.SealKey)).Single();
            Assert.Equal(results.Count, archive.EntryCount);
        }

        [Fact]
        public void Archive_RefusesAFileThatSaysIdentityRemovedButStillCarriesTheMrn_AndWritesNothing()
        {
            ProtectCanary();
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 1, ImageSize = 16 }).Write(_tmp.Combine("raw"));
            var raw = DicomFile.Open(canary.Files[0].Path);
            raw.Dataset.AddOrUpdate(DicomTags.PatientIdentityRemoved, "YES"); // the sender's word, MRN, name and birth date kept
            string planted = Path.Combine(Directory.GetDirectories(Tree).Single(), "planted.dcm");
            raw.Save(planted);

            var (e, reported) = BuildRefused();

            FileFailure f = Assert.Single(reported);
            Assert.Equal("FileNotSealed", f.Reason);
            Assert.Equal(planted, f.Path);
            Assert.DoesNotContain(CanaryStudy.PatientId, f.Message + e.Message);
            Assert.Single(e.Failures);
        }

        [Fact]
        public void Archive_RefusesAProtectedFileChangedAfterProtection()
        {
            var results = ProtectCanary();
            var changed = DicomFile.Open(results[0].DestinationPath);
            changed.Dataset.AddOrUpdate(DicomTags.PatientName, "CANARYFAMILY^PUTBACK");
            changed.Save(results[0].DestinationPath);

            var (_, reported) = BuildRefused();

            Assert.Equal("FileNotSealed", Assert.Single(reported).Reason);
        }

        [Fact]
        public void Archive_RefusesFilesSealedWithAnotherSitesKey()
        {
            using var otherSite = DeidTestSupport.Keys("another-site-secret-entirely-2026");
            var results = ProtectCanary(otherSite);

            var (_, reported) = BuildRefused();

            Assert.Equal(results.Count, reported.Count);
            Assert.All(reported, f => Assert.Equal("FileNotSealed", f.Reason));
        }

        [Fact]
        public void Protect_ClearsTheSendersPreamble_AndSealsIt()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 1, ImageSize = 16 }).Write(_tmp.Combine("pre"));
            var source = DicomFile.Open(canary.Files[0].Path);
            var preamble = new byte[128];
            System.Text.Encoding.ASCII.GetBytes(CanaryStudy.PatientId).CopyTo(preamble, 64);
            source.Preamble = preamble;
            string withPreamble = _tmp.Combine("pre2", "a.dcm");
            source.Save(withPreamble);
            using var p = new DicomProtector(DeidTestSupport.Options(_keys, Tree, null));
            var r = Assert.Single(p.Protect(new[] { withPreamble }));

            byte[] bytes = File.ReadAllBytes(r.DestinationPath);
            Assert.DoesNotContain(CanaryStudy.PatientId, System.Text.Encoding.ASCII.GetString(bytes, 0, 128));
            Assert.Equal(ProtectedFileSeal.Status.Sealed, ProtectedFileSeal.Check(r.DestinationPath, _keys.SealKey, out _));
        }
    }
}
