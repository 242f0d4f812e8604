using System.Collections.Generic;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests.IO
{
    /// <summary>The one path rule, as a containment table per operating system (the Windows and macOS rules run here too).</summary>
    public sealed class PathRulesTests
    {
        private static PathRules Rule(string os) => os == "Windows" ? PathRules.Windows : os == "macOS" ? PathRules.MacOS : PathRules.Linux;

        [Theory]
        // The reported case: INCOMING D:\HTP holds OUTGOING written as d:\htp\outgoing.
        [InlineData("Windows", @"d:\htp\outgoing", @"D:\HTP", true)]
        [InlineData("Windows", @"D:\HTP\OUTGOING\", @"d:\htp", true)]
        [InlineData("Windows", @"D:/HTP/outgoing", @"D:\HTP", true)]
        [InlineData("Windows", @"D:\HTP\\outgoing", @"D:\HTP\\", true)]
        [InlineData("Windows", @"C:\ab", @"C:\a", false)]
        [InlineData("Windows", @"C:\a", @"C:\a", false)]
        [InlineData("Windows", @"C:\a\", @"C:\a", false)]
        [InlineData("Windows", @"C:\a\b", @"C:\", true)]
        [InlineData("Windows", @"C:\a\b", @"D:\", false)]
        [InlineData("Windows", @"\\Server\Share\site\out", @"\\server\share\SITE", true)]
        [InlineData("Windows", @"//server/share/site/out", @"\\server\share\site", true)]
        [InlineData("Windows", @"\\server\share2\x", @"\\server\share", false)]
        [InlineData("Windows", @"\\?\UNC\server\share\site\x", @"\\server\share\site", true)]
        [InlineData("Windows", @"\\?\D:\HTP\out", @"d:\htp", true)]
        [InlineData("Linux", "/srv/HTP/outgoing", "/srv/htp", false)]
        [InlineData("Linux", "/srv/htp/outgoing", "/srv/htp", true)]
        [InlineData("Linux", "/srv/htp/outgoing", "/srv/htp/", true)]
        [InlineData("Linux", "/srv/htp//outgoing/", "/srv//htp", true)]
        [InlineData("Linux", "/srv/htpx", "/srv/htp", false)]
        [InlineData("Linux", "/srv/htp", "/srv/htp", false)]
        [InlineData("Linux", "/srv/htp", "/", true)]
        [InlineData("Linux", @"/srv/htp\outgoing", "/srv/htp", false)] // a backslash is part of a name on Linux
        [InlineData("macOS", "/Users/site/HTP/outgoing", "/users/site/htp", true)]
        [InlineData("macOS", "/Users/site/HTPX", "/Users/site/HTP", false)]
        public void IsInside_FollowsTheOperatingSystemsRule(string os, string path, string folder, bool inside)
        {
            Assert.Equal(inside, Rule(os).IsInside(path, folder));
        }

        [Theory]
        [InlineData("Windows", @"D:\HTP", @"d:\htp\", true)]
        [InlineData("Windows", @"\\server\share\", @"\\SERVER\share", true)]
        [InlineData("Windows", @"C:\", @"c:/", true)]
        [InlineData("Windows", @"C:\a", @"C:\ab", false)]
        [InlineData("Linux", "/srv/htp/", "/srv/htp", true)]
        [InlineData("Linux", "/srv/HTP", "/srv/htp", false)]
        [InlineData("macOS", "/srv/HTP", "/srv/htp/", true)]
        public void AreSame_NormalisesSeparatorsAndCase(string os, string a, string b, bool same)
        {
            PathRules rule = Rule(os);
            Assert.Equal(same, rule.AreSame(a, b));
            if (same) Assert.Equal(((IEqualityComparer<string>)rule).GetHashCode(a), ((IEqualityComparer<string>)rule).GetHashCode(b));
        }

        [Theory]
        [InlineData("Windows", @"C:\", @"C:\")]
        [InlineData("Windows", @"C:\a\\b\", @"C:\a\b")]
        [InlineData("Windows", @"//server//share/", @"\\server\share")]
        [InlineData("Linux", "/", "/")]
        [InlineData("Linux", "//a///b//", "/a/b")]
        public void Normalize_KeepsRootsAndCollapsesSeparators(string os, string path, string expected)
        {
            Assert.Equal(expected, Rule(os).Normalize(path));
        }

        [Fact]
        public void KeyOf_IsTheSameForEverySpellingOfAPath_SoTheUploadLedgerResumes()
        {
            Assert.Equal(PathRules.Windows.KeyOf(@"D:\HTP\outgoing\a.zip"), PathRules.Windows.KeyOf(@"d:/htp/OUTGOING/a.zip"));
            Assert.NotEqual(PathRules.Linux.KeyOf("/srv/HTP/a.zip"), PathRules.Linux.KeyOf("/srv/htp/a.zip"));
            Assert.Equal("/srv/htp/a.zip", PathRules.Linux.KeyOf("/srv/htp//a.zip"));
        }

        [Fact]
        public void For_JudgesAWindowsShapedConfigPathByTheWindowsRule()
        {
            Assert.Same(PathRules.Windows, PathRules.For(@"D:\HTP"));
            Assert.Same(PathRules.Windows, PathRules.For(@"\\server\share"));
            Assert.Same(PathRules.Current, PathRules.For("/srv/htp"));
        }
    }
}
