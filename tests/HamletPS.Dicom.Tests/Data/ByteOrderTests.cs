using System;
using HamletPS.Dicom.Data;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public sealed class ByteOrderTests
    {
        /// <summary>The word-at-a-time swap against the plain definition: unit i's bytes reversed, partial trailing unit untouched.</summary>
        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        [InlineData(8)]
        public void SwapInPlace_ReversesEveryWholeUnit_ForEveryOffsetAndLength(int unit)
        {
            var random = new Random(unit);
            for (int offset = 0; offset < 9; offset++)
            {
                for (int count = 0; count < 70; count++)
                {
                    var original = new byte[offset + count + 5];
                    random.NextBytes(original);
                    var swapped = (byte[])original.Clone();

                    ByteOrder.SwapInPlace(swapped, offset, count, unit);

                    var expected = (byte[])original.Clone();
                    for (int start = offset; start + unit <= offset + count; start += unit)
                        for (int j = 0; j < unit; j++) expected[start + j] = original[start + unit - 1 - j];
                    Assert.Equal(expected, swapped);
                }
            }
        }

        [Fact]
        public void SwapInPlace_LeavesSingleByteUnitsAlone()
        {
            var bytes = new byte[] { 1, 2, 3, 4 };
            ByteOrder.SwapInPlace(bytes, 0, 4, 1);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, bytes);
        }
    }
}
