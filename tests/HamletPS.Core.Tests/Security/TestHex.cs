using System;

namespace HamletPS.Core.Tests.Security
{
    internal static class TestHex
    {
        public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
        public static string Of(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
