namespace HamletPS.Core.Identity
{
    /// <summary>How a patient's new ID was obtained.</summary>
    public enum IdentitySource
    {
        /// <summary>From the site's lookup table (mapping.csv or coupling list): the new ID is the Study ID.</summary>
        Lookup = 0,
        /// <summary>Not in the lookup table: the new ID is a keyed, reversible pseudonym of the MRN.</summary>
        Pseudonymised,
    }
}
