namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// An action code of PS3.15 Table E.1-1 (codes in Table E.1-1a). Combined codes (Z/D, X/Z, X/D, X/Z/D, X/Z/U*) are kept
    /// as they appear in the table; the de-identifier resolves them by the attribute's type in its IOD.
    /// </summary>
    public enum ConfidentialityAction
    {
        /// <summary>Empty cell of an option column: the option leaves the Basic Profile action unchanged.</summary>
        None = 0,

        /// <summary>K: keep (non-sequence attributes) or keep and clean the content of a sequence.</summary>
        Keep,

        /// <summary>X: remove.</summary>
        Remove,

        /// <summary>Z: replace with a zero-length value, or a non-zero-length dummy value consistent with the VR.</summary>
        Zero,

        /// <summary>D: replace with a non-zero-length dummy value consistent with the VR.</summary>
        Dummy,

        /// <summary>C: clean (replace with values of similar meaning known not to identify the patient).</summary>
        Clean,

        /// <summary>U: replace with a non-zero-length UID that is internally consistent within a set of instances.</summary>
        Uid,

        /// <summary>Z/D: Z for a Type 2 attribute, D for Type 1.</summary>
        ZeroOrDummy,

        /// <summary>X/Z: X for a Type 3 attribute, Z for Type 2.</summary>
        RemoveOrZero,

        /// <summary>X/D: X for a Type 3 attribute, D for Type 1.</summary>
        RemoveOrDummy,

        /// <summary>X/Z/D: X for Type 3, Z for Type 2, D for Type 1.</summary>
        RemoveOrZeroOrDummy,

        /// <summary>X/Z/U*: a sequence of UID references: X, or Z, or replace the contained instance UIDs (U).</summary>
        RemoveOrZeroOrUid,
    }
}
