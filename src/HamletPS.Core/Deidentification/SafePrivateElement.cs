using System;
using System.Collections.Generic;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A safe-private entry: the private creator (exact, trimmed), optionally the odd group, and the element offsets (the low
    /// byte 'ee' of (gggg,xxee)) that are kept. No offsets means every element of the creator's block.
    /// </summary>
    public sealed class SafePrivateElement
    {
        public SafePrivateElement(string creator, ushort? group, IEnumerable<byte> offsets)
        {
            if (string.IsNullOrWhiteSpace(creator)) throw new ArgumentException("A safe-private entry needs a private creator.", nameof(creator));
            if (group.HasValue && (group.Value & 1) == 0) throw new ArgumentException("A private group is odd.", nameof(group));
            Creator = creator.Trim();
            Group = group;
            Offsets = new HashSet<byte>(offsets ?? Array.Empty<byte>());
        }

        public string Creator { get; }

        public ushort? Group { get; }

        public ISet<byte> Offsets { get; }

        public bool Matches(ushort group, string creator, byte offset)
        {
            if (Group.HasValue && Group.Value != group) return false;
            if (!string.Equals(Creator, creator?.Trim(), StringComparison.Ordinal)) return false;
            return Offsets.Count == 0 || Offsets.Contains(offset);
        }
    }
}
