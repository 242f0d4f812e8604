using System;
using System.Collections.Generic;
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
    /// What research needs survives: every attribute of Table E.1-1 that the trial's profile keeps (K) or cleans (C), at
    /// any depth, is still there after protection, unless it is a narrative that docs/deidentification.md says is removed
    /// (LT, UT, ST comments). Scored on the synthetic RT study and on every file of pydicom's corpus.
    /// </summary>
    public class AnnexEKeepTests
    {
        private readonly ITestOutputHelper _out;

        public AnnexEKeepTests(ITestOutputHelper output) { _out = output; }

        [Fact]
        public void HamletRt_LosesNoKeptOrCleanedAttribute_OfTheSyntheticRtStudy()
        {
            string scratch = DeidTestSupport.NewScratch("keeps-synthetic");
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16, IncludeImageGuidance = true });
            var study = canary.Write(Path.Combine(scratch, "in"));
            var (lost, kept) = Lost(study.Files.Select(f => f.Path).ToList(), scratch);
            Assert.True(kept > 100, kept + " kept or cleaned attributes checked");
            Assert.Empty(lost);
        }

        [Fact]
        public void HamletRt_LosesNoKeptOrCleanedAttribute_OfPydicomsCorpus()
        {
            _ = DeidTestSupport.PydicomTestFiles;   // skipped, visibly, when pydicom's corpus is not installed
            string scratch = DeidTestSupport.NewScratch("keeps-corpus");
            var inputs = Directory.EnumerateFiles(DeidTestSupport.PydicomTestFiles, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".py") && !f.EndsWith(".json") && !f.EndsWith(".txt") && !f.EndsWith(".gz") && !f.EndsWith(".bz2"))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
            var (lost, kept) = Lost(inputs, scratch);
            Assert.True(kept > 500, kept + " kept or cleaned attributes checked");
            Assert.Empty(lost);
        }

        private (List<string> Lost, int Kept) Lost(IReadOnlyList<string> inputs, string scratch)
        {
            using var keys = DeidTestSupport.Keys();
            var profile = DeidentificationProfile.Default;
            var o = DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "site", "vault.hpsv"), null, profile);
            o.OutputPathTemplate = "{SOPInstanceUID}_{Modality}.dcm";
            List<ProtectionResult> results;
            using (var p = new DicomProtector(o)) results = p.Protect(inputs).ToList();
            var rules = new ProfileRules(profile);
            var lost = new List<string>();
            int kept = 0;
            foreach (var r in results.Where(r => r.Status == ProtectionStatus.Protected))
            {
                var before = DicomFile.Open(r.SourcePath).Dataset;
                var after = DicomFile.Open(r.DestinationPath).Dataset;
                Compare(before, after, Path.GetFileName(r.SourcePath) + ":", rules, lost, ref kept);
            }
            foreach (var l in lost) _out.WriteLine(l);
            return (lost, kept);
        }

        private static void Compare(DicomDataset before, DicomDataset after, string path, ProfileRules rules, List<string> lost, ref int kept)
        {
            foreach (var e in before)
            {
                var tag = e.Tag;
                if (tag.IsPrivate || tag.IsGroupLength || tag.Group == 0x0002) continue;
                var now = after.GetElement(tag);
                if (e is DicomSequence seq && now is DicomSequence seqAfter && seq.Items.Count == seqAfter.Items.Count)
                    for (int i = 0; i < seq.Items.Count; i++)
                        Compare(seq.Items[i], seqAfter.Items[i], path + tag + "[" + i + "]/", rules, lost, ref kept);
                var row = ConfidentialityProfileTable.Find(tag.Value);
                if (row == null || row.IsPrivateAttributes) continue;
                var action = rules.For(tag, e.VR).Action; // K and C do not depend on the type
                if (action != AttributeAction.Keep && action != AttributeAction.Clean) continue;
                var vr = e.VR == DicomVR.UN ? DicomDictionary.Lookup(tag)?.VR ?? e.VR : e.VR;
                if (action == AttributeAction.Clean && DicomDeidentifier.IsNarrative(tag, vr)) continue; // documented removal
                kept++;
                if (now == null) lost.Add(path + tag + " " + row.Keyword + " (" + action + ") lost");
            }
        }
    }
}
