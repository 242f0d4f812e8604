using System;
using System.Globalization;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class SyntheticPatientGeneratorTests
    {
        [Fact]
        public void Create_SameSeedAndIndex_GivesTheSamePatient()
        {
            var a = new SyntheticPatientGenerator(11).Create(5);
            var b = new SyntheticPatientGenerator(11).Create(5);
            Assert.Equal(a.PatientId, b.PatientId);
            Assert.Equal(a.PersonName, b.PersonName);
            Assert.Equal(a.BirthDate, b.BirthDate);
            Assert.Equal(a.Address, b.Address);
            Assert.Equal(a.AccessionNumbers, b.AccessionNumbers);
            Assert.Equal(a.OtherPatientIds, b.OtherPatientIds);
        }

        [Fact]
        public void Create_OtherSeed_GivesAnotherPatient()
        {
            var a = new SyntheticPatientGenerator(11).Create(5);
            var b = new SyntheticPatientGenerator(12).Create(5);
            Assert.NotEqual(a.PatientId + a.PersonName + a.BirthDate, b.PatientId + b.PersonName + b.BirthDate);
        }

        [Fact]
        public void Create_ManyPatients_HaveDistinctIdsAndAccessionNumbers()
        {
            var g = new SyntheticPatientGenerator(3);
            var patients = Enumerable.Range(0, 500).Select(g.Create).ToList();
            Assert.Equal(500, patients.Select(p => p.PatientId).Distinct().Count());
            Assert.Equal(1000, patients.SelectMany(p => p.AccessionNumbers).Distinct().Count());
        }

        [Fact]
        public void Create_ValuesAreVisiblySyntheticAndValidForTheirVRs()
        {
            var g = new SyntheticPatientGenerator(99);
            for (int i = 0; i < 50; i++)
            {
                var p = g.Create(i);
                Assert.Matches("^SYN[0-9]{7}$", p.PatientId);
                Assert.StartsWith("SYNTH", p.FamilyName);
                Assert.Equal(p.FamilyName + "^" + p.GivenName, p.PersonName.Split('^').Take(2).Aggregate((x, y) => x + "^" + y));
                Assert.True(DateTime.TryParseExact(p.BirthDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
                Assert.Contains(p.Sex, new[] { "M", "F", "O" });
                Assert.StartsWith("+00 0000 ", p.Phone);
                Assert.True(p.Phone.Length <= 16, "SH holds 16 characters");
                Assert.True(p.Address.Length <= 64 && !p.Address.Contains('^') && !p.Address.Contains('\\'));
                Assert.All(p.OtherPatientIds, id => Assert.StartsWith("SYX", id));
                Assert.All(p.AccessionNumbers, a => Assert.Matches("^SYA[0-9]{7}$", a));
                Assert.DoesNotContain(p.PatientId, p.ToString());
            }
        }

        [Fact]
        public void AgeAt_CountsWholeYears()
        {
            var p = new SyntheticPatient { BirthDate = "19600615" };
            Assert.Equal("063Y", p.AgeAt("20240614"));
            Assert.Equal("064Y", p.AgeAt("20240615"));
        }
    }
}
