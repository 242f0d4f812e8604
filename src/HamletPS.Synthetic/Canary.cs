using System.Collections.Generic;

namespace HamletPS.Synthetic
{
    /// <summary>One planted identifying value: where it is, what it stands for, and the byte strings that betray it.</summary>
    public sealed class Canary
    {
        public Canary(string location, CanaryCategory category, string value, IReadOnlyList<byte[]> patterns)
        {
            Location = location;
            Category = category;
            Value = value;
            Patterns = patterns;
        }

        /// <summary>Where it was planted, e.g. "PatientName", "OtherPatientIDsSequence/IssuerOfPatientIDQualifiersSequence/...", "folder name".</summary>
        public string Location { get; }

        public CanaryCategory Category { get; }

        /// <summary>The planted text (synthetic, so safe to show).</summary>
        public string Value { get; }

        /// <summary>Byte strings any of which, found in an output file or path, means this canary leaked.</summary>
        public IReadOnlyList<byte[]> Patterns { get; }

        public override string ToString() => Location + " [" + Category + "]";
    }
}
