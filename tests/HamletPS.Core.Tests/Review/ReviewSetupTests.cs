using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Review;
using HamletPS.Core.Tests.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>ReviewSetup's precedence: the profile of the request, else HAMLET.PROFILE, else the default; settings that are not there are refused.</summary>
    public sealed class ReviewSetupTests
    {
        private static readonly string[] Inputs = { "/data/protected" };

        [Fact]
        public void Profile_OfTheRequest_BeatsTheConfiguration_WhichBeatsTheDefault()
        {
            var config = new HamletConfig();
            config.Hamlet.Profile = "basic";
            Assert.Equal("hamlet-rt", ReviewSetup.Options(new ReviewRequest { Inputs = Inputs, Profile = "hamlet-rt", Config = config }).Profile.Name);
            Assert.Equal("basic", ReviewSetup.Options(new ReviewRequest { Inputs = Inputs, Config = config }).Profile.Name);
            Assert.Equal(DeidentificationProfile.DefaultName, ReviewSetup.Options(new ReviewRequest { Inputs = Inputs }).Profile.Name);
            Assert.Equal(ReviewReportBuilder.DefaultFileName, ReviewSetup.Options(new ReviewRequest { Inputs = Inputs }).OutputPath);
        }

        [Fact]
        public void Setup_RefusesNoInput_AProfileFileOrJournalThatIsNotThere_AndAMalformedProfile()
        {
            string scratch = DeidTestSupport.NewScratch("review-setup");
            Assert.Throws<ArgumentException>(() => ReviewSetup.Options(new ReviewRequest { Inputs = Array.Empty<string>() }));
            Assert.Throws<FileNotFoundException>(() => ReviewSetup.Options(new ReviewRequest { Inputs = Inputs, Profile = Path.Combine(scratch, "none.yaml") }));
            Assert.Throws<FileNotFoundException>(() => ReviewSetup.Options(new ReviewRequest { Inputs = Inputs, JournalPath = Path.Combine(scratch, "logs") }));
            string bad = Path.Combine(scratch, "bad.yaml");
            File.WriteAllText(bad, "name: bad\npixels:\n  rules:\n    - name: x\n      when: { modality: US }\n      mask: [[0, 0, 0, 5]]\n");
            var ex = Assert.Throws<ProfileFormatException>(() => ReviewSetup.Options(new ReviewRequest { Inputs = Inputs, Profile = bad }));
            Assert.Equal(ErrorIds.InvalidProfile, ex.ErrorId);
        }
    }
}
