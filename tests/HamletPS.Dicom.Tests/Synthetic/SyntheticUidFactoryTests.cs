using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class SyntheticUidFactoryTests
    {
        [Fact]
        public void Create_IsAValidUidUnderThe225Root()
        {
            var f = new SyntheticUidFactory(1);
            foreach (var label in Enumerable.Range(0, 200).Select(i => "x/" + i))
            {
                string uid = f.Create(label);
                Assert.Matches(@"^2\.25\.[1-9][0-9]*$", uid);
                Assert.True(uid.Length <= 64, uid);
            }
        }

        [Fact]
        public void Create_SameSeedAndLabel_GivesTheSameUid_OtherLabelOrSeed_Differs()
        {
            Assert.Equal(new SyntheticUidFactory(7).Create("study"), new SyntheticUidFactory(7).Create("study"));
            Assert.NotEqual(new SyntheticUidFactory(7).Create("study"), new SyntheticUidFactory(8).Create("study"));
            Assert.NotEqual(new SyntheticUidFactory(7).Create("study"), new SyntheticUidFactory(7).Create("series"));
        }

        [Fact]
        public void SyntheticRandom_NamedStreams_AreReproducibleAndIndependent()
        {
            var a = SyntheticRandom.For(5, "a");
            var a2 = SyntheticRandom.For(5, "a");
            var b = SyntheticRandom.For(5, "b");
            var sa = Enumerable.Range(0, 20).Select(_ => a.NextUInt64()).ToArray();
            Assert.Equal(sa, Enumerable.Range(0, 20).Select(_ => a2.NextUInt64()).ToArray());
            Assert.NotEqual(sa, Enumerable.Range(0, 20).Select(_ => b.NextUInt64()).ToArray());
            var r = new SyntheticRandom(1);
            Assert.All(Enumerable.Range(0, 1000), _ => Assert.InRange(r.Next(10), 0, 9));
        }
    }
}
