using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;

namespace HamletPS.Dicom.Tests.Synthetic
{
    /// <summary>One synthetic RT study with image guidance, written once for the tests of a class, with pydicom's verdicts.</summary>
    public sealed class GeneratedRtStudyFixture : IDisposable
    {
        public GeneratedRtStudyFixture()
        {
            Scratch = TestPaths.NewScratch("synthetic-study");
            Options = new RtStudyOptions { Seed = 4242, Slices = 6, ImageSize = 32, IncludeImageGuidance = true, CbctSlices = 4 };
            Patient = new SyntheticPatientGenerator(4242).Create(3);
            Builder = new RtStudyBuilder(Patient, Options);
            Study = Builder.Write(Path.Combine(Scratch, "study"));
            Verdicts = SyntheticOracles.Validate(Study.Files.Select(f => f.Path), Scratch);
        }

        public string Scratch { get; }
        public RtStudyOptions Options { get; }
        public SyntheticPatient Patient { get; }
        public RtStudyBuilder Builder { get; }
        public RtStudy Study { get; }
        internal Dictionary<string, (List<string> Problems, List<string> Warnings, string Modality)> Verdicts { get; }

        public void Dispose()
        {
            try { Directory.Delete(Scratch, true); } catch (IOException) { }
        }
    }
}
