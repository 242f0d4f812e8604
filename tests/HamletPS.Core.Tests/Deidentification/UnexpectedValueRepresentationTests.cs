using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Explicit VR lets a sender declare any tag with VR OB. A text attribute sent that way cannot take a new ID, a dummy, a
    /// cleaned, shifted or remapped value: the file fails closed with a reason naming the tag and the VR, never the value.
    /// </summary>
    public class UnexpectedValueRepresentationTests
    {
        /// <summary>Rewrites one element of a written file with VR OB, keeping its bytes.</summary>
        internal static void DeclareAsOB(string path, DicomTag tag)
        {
            var file = DicomFile.Open(path);
            var e = file.Dataset.GetElement(tag) ?? throw new InvalidOperationException(tag + " not in the synthetic file");
            file.Dataset.AddOrUpdate(new DicomElement(tag, DicomVR.OB, e.GetBytes()));
            File.Delete(path);
            file.Save(path);
            Assert.Equal(DicomVR.OB, DicomFile.Open(path).Dataset.GetElement(tag).VR); // the reader keeps the declared OB
        }

        [Fact]
        public void Protect_TextAttributeDeclaredOB_FailsThatFileWithTagAndVR_WritesNothingForIt_AndTheOthersSucceed()
        {
            var scratch = DeidTestSupport.NewScratch("vr-ob");
            var canary = new CanaryStudy(new RtStudyOptions { IncludeImageGuidance = false });
            var root = Path.Combine(scratch, "in");
            var written = canary.Write(root);
            var tags = new[] { DicomTags.PatientID, DicomTags.PatientName, DicomTags.StudyDate, DicomTags.StudyInstanceUID };
            var hostile = written.Files.Take(tags.Length).Select(f => f.Path).ToArray();
            for (int i = 0; i < tags.Length; i++) DeclareAsOB(hostile[i], tags[i]);

            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            using var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, Path.Combine(scratch, "vault")));
            var results = p.Protect(new[] { root }); // no ArgumentException escapes

            for (int i = 0; i < tags.Length; i++)
            {
                var r = Assert.Single(results, x => x.SourcePath == Path.GetFullPath(hostile[i]));
                Assert.Equal(ProtectionStatus.Failed, r.Status);
                Assert.NotNull(r.Failure);
                Assert.Equal("UnexpectedValueRepresentation", r.Failure.Reason);
                Assert.Null(r.DestinationPath);
                Assert.Contains(tags[i].ToString(), r.Message);
                Assert.Contains("VR OB", r.Message);
                Assert.DoesNotContain("ArgumentException", r.Message);
                foreach (var secret in new[] { CanaryStudy.PatientId, CanaryStudy.FamilyName, CanaryStudy.GivenName, "CANARY" })
                    Assert.DoesNotContain(secret, r.Message, StringComparison.OrdinalIgnoreCase);
            }
            var others = results.Where(r => !hostile.Select(Path.GetFullPath).Contains(r.SourcePath)).ToList();
            Assert.NotEmpty(others);
            Assert.All(others, r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            // Nothing written for the refused files: only the others' outputs, and no temporary file left behind.
            var outputs = Directory.EnumerateFiles(outRoot, "*", SearchOption.AllDirectories).ToList();
            Assert.Equal(others.Count, outputs.Count);
        }

        [Fact]
        public void Protect_TextAttributeTheProfileRemovesDeclaredOB_IsRemovedAndTheFileIsProtected()
        {
            var scratch = DeidTestSupport.NewScratch("vr-ob-remove");
            var canary = new CanaryStudy(new RtStudyOptions { IncludeImageGuidance = false });
            var written = canary.Write(Path.Combine(scratch, "in"));
            string path = written.Files[0].Path;
            var source = DicomFile.Open(path);
            if (!source.Dataset.Contains(DicomTags.InstitutionName))
                source.Dataset.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "SYNTHETIC HOSPITAL");
            File.Delete(path);
            source.Save(path);
            DeclareAsOB(path, DicomTags.InstitutionName); // X in Annex E: removed, whatever its VR

            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            using var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null));
            var r = Assert.Single(p.Protect(new[] { path }));
            Assert.Equal(ProtectionStatus.Protected, r.Status);
            Assert.False(DicomFile.Open(r.DestinationPath).Dataset.Contains(DicomTags.InstitutionName));
        }
    }
}
