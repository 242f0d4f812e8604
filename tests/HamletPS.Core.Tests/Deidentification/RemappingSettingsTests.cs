using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>The UID root and date range precedence: the profile's own value, then the configuration, then the default.</summary>
    public class RemappingSettingsTests
    {
        private static HamletSettings SiteSettings(string uidRoot, int min, int max) =>
            new HamletSettings { UidRoot = uidRoot, DateOffsetMin = min, DateOffsetMax = max };

        [Fact]
        public void Resolve_AProfileThatStatesUidRootAndDateShift_BeatsTheConfiguration()
        {
            var profile = DeidentificationProfile.Parse("name: site\nuidRoot: 1.2.826.0.1.3680043.10.999\ndateShift: { minDays: -100, maxDays: -10 }\n", "site.yaml");

            RemappingSettings r = RemappingSettings.Resolve(profile, SiteSettings("1.2.3.4", -50, -40));

            Assert.Equal("1.2.826.0.1.3680043.10.999", r.UidRoot);
            Assert.Equal(-100, r.DateShiftMinimumDays);
            Assert.Equal(-10, r.DateShiftMaximumDays);
        }

        [Fact]
        public void Resolve_AProfileThatStatesNeither_TakesTheConfigurationValues()
        {
            var profile = DeidentificationProfile.Parse("name: site\n", "site.yaml");

            RemappingSettings r = RemappingSettings.Resolve(profile, SiteSettings("1.2.3.4", -50, -40));

            Assert.Equal("1.2.3.4", r.UidRoot);
            Assert.Equal(-50, r.DateShiftMinimumDays);
            Assert.Equal(-40, r.DateShiftMaximumDays);
        }

        [Fact]
        public void Resolve_AProfileThatStatesOnlyTheUidRoot_LeavesTheDateRangeToTheConfiguration()
        {
            var profile = DeidentificationProfile.Parse("name: site\nuidRoot: 1.2.826.0.1.3680043.10.999\n", "site.yaml");

            RemappingSettings r = RemappingSettings.Resolve(profile, SiteSettings("1.2.3.4", -50, -40));

            Assert.Equal("1.2.826.0.1.3680043.10.999", r.UidRoot);
            Assert.Equal(-50, r.DateShiftMinimumDays);
            Assert.Equal(-40, r.DateShiftMaximumDays);
        }

        [Fact]
        public void Resolve_AProfileThatStatesOnlyTheDateShift_LeavesTheUidRootToTheConfiguration()
        {
            var profile = DeidentificationProfile.Parse("name: site\ndateShift: { minDays: -100, maxDays: -10 }\n", "site.yaml");

            RemappingSettings r = RemappingSettings.Resolve(profile, SiteSettings("1.2.3.4", -50, -40));

            Assert.Equal("1.2.3.4", r.UidRoot);
            Assert.Equal(-100, r.DateShiftMinimumDays);
            Assert.Equal(-10, r.DateShiftMaximumDays);
        }

        [Fact]
        public void Resolve_WithNeitherProfileValuesNorConfiguration_TakesTheDefaults()
        {
            RemappingSettings r = RemappingSettings.Resolve(DeidentificationProfile.Default, null);

            Assert.Equal("2.25", r.UidRoot);
            Assert.Equal(-365, r.DateShiftMinimumDays);
            Assert.Equal(-30, r.DateShiftMaximumDays);
        }

        [Theory]
        [InlineData("hamlet-rt")]
        [InlineData("basic")]
        public void BuiltInProfiles_StateNoUidRootOrDateShift_SoTheSiteConfigurationApplies(string name)
        {
            var profile = DeidentificationProfile.Resolve(name);

            Assert.False(profile.SetsUidRoot);
            Assert.False(profile.SetsDateShift);
            Assert.Equal("1.2.3.4", RemappingSettings.Resolve(profile, SiteSettings("1.2.3.4", -50, -40)).UidRoot);
        }

        [Fact]
        public void CreatedRemapperAndShifter_UseTheResolvedRootAndRange()
        {
            RemappingSettings r = RemappingSettings.Resolve(null, SiteSettings("1.2.3.4", -50, -40));
            byte[] key = new byte[32];

            Assert.Equal("1.2.3.4", r.CreateUidRemapper(key).Root);
            Assert.StartsWith("1.2.3.4.", r.CreateUidRemapper(key).Remap("1.2.999.1"));
            Assert.InRange(r.CreateDateShifter(key).OffsetDaysFor("PAT-SYNTH-1"), -50, -40);
        }
    }
}
