using HamletPS.Core.Configuration;
using HamletPS.Core.Security;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The UID root and the per-patient date-shift range of one protect run, decided in one place. Precedence, most specific
    /// first: the profile's own value (a profile that states <c>uidRoot</c> or <c>dateShift</c>; the profile itself is chosen
    /// explicitly with -Profile / --profile), then the site configuration (HAMLET.UIDROOT, HAMLET.DATEOFFSETMIN/MAX), then the
    /// defaults ("2.25", -365..-30 days). The two values are decided separately: a profile may state one and leave the other
    /// to the configuration.
    /// </summary>
    public sealed class RemappingSettings
    {
        private RemappingSettings(string uidRoot, int minimumDays, int maximumDays)
        {
            UidRoot = uidRoot;
            DateShiftMinimumDays = minimumDays;
            DateShiftMaximumDays = maximumDays;
        }

        /// <summary>Root of remapped UIDs.</summary>
        public string UidRoot { get; }

        /// <summary>Lower bound of the per-patient date offset in days.</summary>
        public int DateShiftMinimumDays { get; }

        /// <summary>Upper bound of the per-patient date offset in days.</summary>
        public int DateShiftMaximumDays { get; }

        /// <summary>The run's values: the profile's own where it states them, else the configuration's, else the defaults.</summary>
        /// <param name="profile">The run's profile; null for the built-in default (which states neither).</param>
        /// <param name="config">The site's HAMLET section; null when there is no configuration.</param>
        public static RemappingSettings Resolve(DeidentificationProfile profile, HamletSettings config)
        {
            string uidRoot = profile != null && profile.SetsUidRoot ? profile.UidRoot
                : config?.UidRoot ?? HamletSettings.DefaultUidRoot;
            int min, max;
            if (profile != null && profile.SetsDateShift)
            {
                min = profile.DateShiftMinimumDays;
                max = profile.DateShiftMaximumDays;
            }
            else if (config != null)
            {
                min = config.DateOffsetMin;
                max = config.DateOffsetMax;
            }
            else
            {
                min = DateShifter.DefaultMinimumOffsetDays;
                max = DateShifter.DefaultMaximumOffsetDays;
            }
            return new RemappingSettings(uidRoot, min, max);
        }

        /// <summary>The UID remapper keyed with <paramref name="uidKey"/> under this root (registry UIDs are never remapped).</summary>
        public UidRemapper CreateUidRemapper(byte[] uidKey) => new UidRemapper(uidKey, UidRoot, DicomDeidentifier.IsRegistryUid);

        /// <summary>The date shifter keyed with <paramref name="dateKey"/> over this range.</summary>
        public DateShifter CreateDateShifter(byte[] dateKey) => new DateShifter(dateKey, DateShiftMinimumDays, DateShiftMaximumDays);

        public override string ToString() => "uidRoot " + UidRoot + ", dateShift " + DateShiftMinimumDays + ".." + DateShiftMaximumDays;
    }
}
