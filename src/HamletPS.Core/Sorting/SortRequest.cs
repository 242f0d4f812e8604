namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// What Invoke-DicomSort or `hamlet sort` was given: each value as the face received it (paths already made full by the
    /// face, which knows its current location), null when not given. <see cref="SortSetup"/> fills the rest from the
    /// configuration and the defaults.
    /// </summary>
    public sealed class SortRequest
    {
        /// <summary>-Destination / --destination: the sorted tree.</summary>
        public string Destination { get; set; }

        /// <summary>-QuarantinePath / --quarantine-path.</summary>
        public string QuarantinePath { get; set; }

        /// <summary>-Template / --template.</summary>
        public string Template { get; set; }

        /// <summary>-Copy / --copy.</summary>
        public bool Copy { get; set; }

        /// <summary>-SettleSeconds / --settle-seconds; null: <see cref="DicomSortOptions.DefaultSettleSeconds"/>.</summary>
        public int? SettleSeconds { get; set; }
    }
}
