using System;
using System.Runtime.InteropServices;
using System.Security;

namespace HamletPS.Internal
{
    /// <summary>Copies a SecureString's characters into a char[] the caller clears after use (never into a string).</summary>
    internal static class SecureStringReader
    {
        public static char[] ToChars(SecureString value)
        {
            if (value == null) return null;
            IntPtr buffer = Marshal.SecureStringToGlobalAllocUnicode(value);
            try
            {
                var chars = new char[value.Length];
                Marshal.Copy(buffer, chars, 0, chars.Length);
                return chars;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(buffer);
            }
        }
    }
}
