using System;
using System.Collections.Concurrent;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A profile compiled to one action per standard tag (cached; thread-safe). Order: profile override (exact tag, then
    /// keyword/mask in file order), Table E.1-1 with the options (combined codes resolved by <see cref="AttributeTypeTable"/>),
    /// else the fail-closed rule of <see cref="SafeStandardAttributes"/>. Options are applied in column order and a Clean (C)
    /// action of an option wins over a Keep (K) of another.
    /// </summary>
    public sealed class ProfileRules
    {
        private readonly ConcurrentDictionary<ulong, AttributeRule> _cache = new ConcurrentDictionary<ulong, AttributeRule>();
        private readonly ConcurrentDictionary<ulong, AttributeRule> _nestedCache = new ConcurrentDictionary<ulong, AttributeRule>();
        private static readonly DicomTag EncapsulatedDocument = new DicomTag(0x0042, 0x0011);

        public ProfileRules(DeidentificationProfile profile)
        {
            Profile = profile ?? throw new ArgumentNullException(nameof(profile));
            ModifiedDates = profile.HasOption(ConfidentialityOption.RetainLongitudinalModifiedDates);
            FullDates = profile.HasOption(ConfidentialityOption.RetainLongitudinalFullDates);
            RetainUids = profile.HasOption(ConfidentialityOption.RetainUids);
            CleanDescriptors = profile.HasOption(ConfidentialityOption.CleanDescriptors);
        }

        public DeidentificationProfile Profile { get; }

        public bool ModifiedDates { get; }

        public bool FullDates { get; }

        public bool RetainUids { get; }

        public bool CleanDescriptors { get; }

        /// <summary>The profile override matching a tag, or null.</summary>
        public TagOverride FindOverride(DicomTag tag)
        {
            foreach (var o in Profile.Overrides)
                if (o.Pattern.Matches(tag)) return o;
            return null;
        }

        /// <summary>The rule for a standard (even-group) tag whose element has the given VR, at the top level of a dataset.</summary>
        public AttributeRule For(DicomTag tag, DicomVR vr)
        {
            ulong key = ((ulong)tag.Value << 16) | (uint)((vr.Code[0] << 8) | vr.Code[1]);
            if (_cache.TryGetValue(key, out var rule)) return rule; // the common case: no closure allocated
            return AddRule(_cache, key, tag, vr, null);
        }

        /// <summary>Computes and caches a rule (a separate method: its closure is allocated only on a cache miss).</summary>
        private AttributeRule AddRule(ConcurrentDictionary<ulong, AttributeRule> cache, ulong key, DicomTag tag, DicomVR vr, DicomTag? parent)
            => cache.GetOrAdd(key, _ => Compute(tag, vr, parent == null ? null : DicomDictionary.Lookup(parent.Value)?.Keyword ?? parent.Value.ToString()));

        /// <summary>
        /// The rule for a standard tag nested in an item of <paramref name="parentSequence"/> (null: top level). Differs from
        /// <see cref="For(DicomTag, DicomVR)"/> only for attributes whose type depends on where they are (X/Z/U* sequences).
        /// </summary>
        public AttributeRule For(DicomTag tag, DicomVR vr, DicomTag? parentSequence)
        {
            if (parentSequence == null || !AttributeTypeTable.IsContextSensitive(tag.Value)) return For(tag, vr);
            DicomTag parent = parentSequence.Value;
            ulong key = ((ulong)parent.Value << 32) | tag.Value;
            if (_nestedCache.TryGetValue(key, out var rule)) return rule;
            return AddRule(_nestedCache, key, tag, vr, parent);
        }

        private AttributeRule Compute(DicomTag tag, DicomVR vr, string parentKeyword)
        {
            var o = FindOverride(tag);
            if (o != null) return new AttributeRule(o.Action, RuleSource.Override, o.Value);
            var row = ConfidentialityProfileTable.Find(tag.Value);
            if (row != null && !row.IsPrivateAttributes)
            {
                var action = row.Basic;
                ConfidentialityAction keepFromOption = ConfidentialityAction.None, cleanFromOption = ConfidentialityAction.None;
                foreach (ConfidentialityOption option in Enum.GetValues(typeof(ConfidentialityOption)))
                {
                    if (!Profile.HasOption(option)) continue;
                    var a = row.GetOptionAction(option);
                    if (a == ConfidentialityAction.None) continue;
                    if (a == ConfidentialityAction.Clean) cleanFromOption = a;
                    else keepFromOption = a;
                }
                if (cleanFromOption != ConfidentialityAction.None) action = cleanFromOption;
                else if (keepFromOption != ConfidentialityAction.None) action = keepFromOption;
                return new AttributeRule(AttributeTypeTable.Resolve(action, row.Keyword, parentKeyword), RuleSource.ConfidentialityTable);
            }
            return new AttributeRule(StandardRule(tag, vr), RuleSource.StandardAttribute);
        }

        private AttributeAction StandardRule(DicomTag tag, DicomVR vr)
        {
            var entry = DicomDictionary.Lookup(tag);
            if (entry == null) return AttributeAction.Remove;
            if (vr == DicomVR.UN && entry.VR != null) vr = entry.VR;
            if (vr == DicomVR.SQ) return AttributeAction.Keep;
            if (vr == DicomVR.UI)
            {
                if (RetainUids || SafeStandardAttributes.IsClassUid(entry.Keyword)) return AttributeAction.Keep;
                return AttributeAction.RemapUid;
            }
            if (vr == DicomVR.DA || vr == DicomVR.DT)
                return ModifiedDates ? AttributeAction.ShiftDate : FullDates ? AttributeAction.Keep : AttributeAction.Remove;
            if (vr == DicomVR.TM) return ModifiedDates || FullDates ? AttributeAction.Keep : AttributeAction.Remove;
            if (tag == EncapsulatedDocument) return AttributeAction.Remove;
            if (SafeStandardAttributes.IsNonTextVR(vr)) return AttributeAction.Keep;
            if (SafeStandardAttributes.IsSafeText(entry.Keyword)) return AttributeAction.Clean;
            return AttributeAction.Remove;
        }
    }
}
