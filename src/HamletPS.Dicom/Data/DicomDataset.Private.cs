using System;
using System.Globalization;

namespace HamletPS.Dicom.Data
{
    public sealed partial class DicomDataset
    {
        /// <summary>The private creator (value of (gggg,00xx)) that owns a private data element (gggg,xxee); null when none.</summary>
        public string? GetPrivateCreator(DicomTag tag)
        {
            if (!tag.IsPrivate) return null;
            if (tag.IsPrivateCreator) return GetString(tag)?.Trim();
            if (tag.Element < 0x1000) return null;
            return GetString(tag.PrivateCreatorTag)?.Trim();
        }

        /// <summary>Finds the private block reserved by <paramref name="creator"/> in an odd group; returns the tag (gggg,xxee) for element offset ee.</summary>
        public bool TryGetPrivateTag(ushort group, string creator, byte elementOffset, out DicomTag tag)
        {
            tag = default;
            if ((group & 1) == 0 || creator == null) return false;
            for (ushort block = 0x10; block <= 0xFF; block++)
            {
                var creatorTag = new DicomTag(group, block);
                var value = GetString(creatorTag);
                if (value != null && string.Equals(value.Trim(), creator.Trim(), StringComparison.Ordinal))
                {
                    tag = new DicomTag(group, (ushort)((block << 8) | elementOffset));
                    return true;
                }
            }
            return false;
        }

        /// <summary>Like TryGetPrivateTag, but reserves a free block (adding the creator element) when the creator has none yet.</summary>
        public DicomTag GetOrReservePrivateTag(ushort group, string creator, byte elementOffset)
        {
            if ((group & 1) == 0 || group <= 0x0008) throw new ArgumentException("Private groups are odd and above 0008.", nameof(group));
            if (string.IsNullOrEmpty(creator)) throw new ArgumentException("A private creator is required.", nameof(creator));
            if (TryGetPrivateTag(group, creator, elementOffset, out var tag)) return tag;
            for (ushort block = 0x10; block <= 0xFF; block++)
            {
                var creatorTag = new DicomTag(group, block);
                if (Contains(creatorTag)) continue;
                AddOrUpdate(creatorTag, DicomVR.LO, creator);
                return new DicomTag(group, (ushort)((block << 8) | elementOffset));
            }
            throw new InvalidOperationException("No free private block in group " + group.ToString("X4", CultureInfo.InvariantCulture) + ".");
        }
    }
}
