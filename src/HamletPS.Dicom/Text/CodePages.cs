using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>Access to the legacy code pages (System.Text.Encoding.CodePages), registered once per process.</summary>
    internal static class CodePages
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>The code page with '?' for characters it cannot encode and U+FFFD for bytes it cannot decode.</summary>
        public static Encoding Get(int codePage)
        {
            EnsureRegistered();
            return Encoding.GetEncoding(codePage, new EncoderReplacementFallback("?"), new DecoderReplacementFallback("\uFFFD"));
        }

        /// <summary>The code page that throws on characters it cannot encode (for CanEncode) and replaces undecodable bytes.</summary>
        public static Encoding GetStrict(int codePage)
        {
            EnsureRegistered();
            return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
        }

        private static void EnsureRegistered()
        {
            if (_registered) return;
            lock (Gate)
            {
                if (_registered) return;
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                _registered = true;
            }
        }
    }
}
