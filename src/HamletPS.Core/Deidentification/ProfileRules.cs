using System;
using System.Collections.Concurrent;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A profile compiled to one action per standard tag and type in the instance's IOD (cached; thread-safe). Order: profile
    /// override (exact tag, then keyword/mask in file order), Table E.1-1 with the options (combined codes resolved by the
    /// attribute's type: <see cref="CombinedActionCodes"/>), else the fail-closed rule of <see cref="SafeStandardAttributes"/>,
    /// which never removes an attribute of Type 1 or 2 where it sits (a dummy or an empty value instead). Options are applied
    /// in column order and a Clean (C) action of an option wins over a Keep (K) of another.
    /// </summary>
    public sealed class ProfileRules
    {
        private readonly ConcurrentDictionary<ulong, AttributeRule> _cache = new ConcurrentDictionary<ulong, AttributeRule>();
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

        /// <summary>The rule for a standard (even-group) tag whose element has the given VR, where its type in the IOD is unknown.</summary>
        public AttributeRule For(DicomTag tag, DicomVR vr) => For(tag, vr, 0);

        /// <summary>
        /// The rule for a standard (even-group) tag whose element has the given VR and whose type where it sits in the IOD of
        /// the instance is <paramref name="type"/> (1, 2, 3; 0 unknown: see <see cref="IodAttributeTypes"/>). Cached per tag,
        /// VR and type; a cache hit allocates nothing.
        /// </summary>
        public AttributeRule For(DicomTag tag, DicomVR vr, int type)
        {
            if (type < 0 || type > 3) type = 0;
            ulong key = ((ulong)tag.Value << 18) | ((ulong)(uint)((vr.Code[0] << 8) | vr.Code[1]) << 2) | (uint)type;
            if (_cache.TryGetValue(key, out var rule)) return rule; // the common case: no closure allocated
            return AddRule(key, tag, vr, type);
        }

        /// <summary>Computes and caches a rule (a separate method: its closure is allocated only on a cache miss).</summary>
        private AttributeRule AddRule(ulong key, DicomTag tag, DicomVR vr, int type) => _cache.GetOrAdd(key, _ => Compute(tag, vr, type));

        private AttributeRule Compute(DicomTag tag, DicomVR vr, int type)
        {
            if (IsCurve(tag)) return CurveRule; // before any override: see IsCurve
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
                return new AttributeRule(CombinedActionCodes.Resolve(action, type), RuleSource.ConfidentialityTable);
            }
            return new AttributeRule(CombinedActionCodes.KeepRequired(StandardRule(tag, vr), type), RuleSource.StandardAttribute);
        }

        private static readonly AttributeRule CurveRule = new AttributeRule(AttributeAction.Remove, RuleSource.ConfidentialityTable);

        /// <summary>
        /// True for curve data, the retired repeating groups (50xx,xxxx) (even groups 5000-501E) that old ultrasound and X-ray
        /// angiography devices still send: labels, descriptions, axis labels and annotation text in free form, and point data
        /// that may trace text. Protect removes them always (Table E.1-1's Basic action X), whatever the options or the
        /// profile's overrides say: the Clean Graphics Option's "clean" cannot be applied to data HamletPS cannot interpret.
        /// </summary>
        internal static bool IsCurve(DicomTag tag) => (tag.Group & 0xFF01) == 0x5000 && (tag.Group & 0xFF) <= 0x1E;

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
            if (CleanDescriptors && SafeStandardAttributes.IsDescriptor(entry.Keyword)) return AttributeAction.Clean;
            return AttributeAction.Remove;
        }
    }
}
