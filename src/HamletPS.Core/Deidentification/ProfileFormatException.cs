using System;

namespace HamletPS.Core.Deidentification
{
    /// <summary>A de-identification profile that cannot be used: names the source and line and the reason.</summary>
    public sealed class ProfileFormatException : HamletException
    {
        public ProfileFormatException(string source, int line, string reason)
            : base(ErrorIds.InvalidProfile, source + ":" + line + ": " + reason)
        {
            SourceName = source;
            Line = line;
            Reason = reason;
        }

        public string SourceName { get; }

        public int Line { get; }

        public string Reason { get; }
    }
}
