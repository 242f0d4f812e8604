using System;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Security
{
    public class DateShifterTests
    {
        private static readonly byte[] Key = TestHex.Bytes("0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000");

        [Fact]
        public void Offset_IsDeterministicPerPatientAndWithinRange()
        {
            var shifter = new DateShifter(Key);
            var seen = new System.Collections.Generic.HashSet<int>();
            for (int i = 0; i < 300; i++)
            {
                int offset = shifter.OffsetDaysFor("PAT" + i);
                Assert.InRange(offset, -365, -30);
                Assert.Equal(offset, new DateShifter(Key).OffsetDaysFor("PAT" + i));
                seen.Add(offset);
            }
            Assert.True(seen.Count > 100, "offsets should spread over the range");
        }

        [Fact]
        public void Offset_HonoursConfiguredRange()
        {
            var shifter = new DateShifter(Key, 10, 12);
            for (int i = 0; i < 50; i++) Assert.InRange(shifter.OffsetDaysFor("P" + i), 10, 12);
            Assert.Throws<ArgumentException>(() => new DateShifter(Key, 5, 4));
        }

        [Theory]
        [InlineData("20200301", -1, "20200229")]
        [InlineData("20210301", -1, "20210228")]
        [InlineData("20200101", -365, "20190101")]
        [InlineData("2020.03.01", -1, "2020.02.29")]
        [InlineData("20200101-20200301", -10, "20191222-20200220")]
        [InlineData("-20200301", -1, "-20200229")]
        [InlineData("20200301-", -1, "20200229-")]
        [InlineData("20200301\\20200302", -1, "20200229\\20200301")]
        [InlineData("", -5, "")]
        public void ShiftDate_ShiftsDaValues(string input, int days, string expected)
        {
            Assert.Equal(expected, DateShifter.ShiftDate(input, days));
        }

        [Theory]
        [InlineData("20200301123456.123456+0100", -1, "20200229123456.123456+0100")]
        [InlineData("20200301000000-0500", -1, "20200229000000-0500")]
        [InlineData("20200301", -1, "20200229")]
        [InlineData("202003", -40, "202001")]
        [InlineData("2020", -400, "2018")]
        [InlineData("20200101120000-20200301", -1, "20191231120000-20200229")]
        [InlineData("20200101-0500-20200102-0500", -1, "20191231-0500-20200101-0500")]
        [InlineData("-20200301", -1, "-20200229")]
        public void ShiftDateTime_KeepsTimeFractionAndOffset(string input, int days, string expected)
        {
            Assert.Equal(expected, DateShifter.ShiftDateTime(input, days));
        }

        [Theory]
        [InlineData("20201301")]
        [InlineData("19750230")]
        [InlineData("00000101")]
        [InlineData("2020013a")]
        [InlineData("2020-01-01-2")]
        [InlineData("abc")]
        public void ShiftDate_RejectsInvalidWithoutEchoingTheValue(string input)
        {
            var ex = Assert.Throws<DateShiftException>(() => DateShifter.ShiftDate(input, -3));
            Assert.DoesNotContain(input, ex.Message);
        }

        [Fact]
        public void ShiftDate_PreservesIntervalsBetweenDates()
        {
            var shifter = new DateShifter(Key);
            int offset = shifter.OffsetDaysFor("MRN-1");
            var ct = DateTime.ParseExact(DateShifter.ShiftDate("20200110", offset), "yyyyMMdd", null);
            var plan = DateTime.ParseExact(DateShifter.ShiftDate("20200203", offset), "yyyyMMdd", null);
            Assert.Equal(24, (plan - ct).TotalDays);
        }
    }
}
