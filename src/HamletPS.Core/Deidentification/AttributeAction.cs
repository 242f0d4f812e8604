namespace HamletPS.Core.Deidentification
{
    /// <summary>What the de-identifier does to one data element (a table action after resolving options and combined codes, or a profile override).</summary>
    public enum AttributeAction
    {
        /// <summary>Keep the value as it is (sequences: keep and process every item).</summary>
        Keep = 0,
        /// <summary>Remove the element.</summary>
        Remove,
        /// <summary>Replace with a zero-length value (sequences: no items).</summary>
        Empty,
        /// <summary>Replace with a dummy value consistent with the VR (sequences: one empty item).</summary>
        Dummy,
        /// <summary>Clean: dates shifted (Modified Dates) or kept (Full Dates); text kept with the patient's identity tokens removed; sequences processed.</summary>
        Clean,
        /// <summary>Replace every instance UID in the value with its keyed 2.25 (or configured root) remapping.</summary>
        RemapUid,
        /// <summary>Replace with the profile's fixed value.</summary>
        Replace,
        /// <summary>Replace a text value with a keyed hash (HMAC-SHA256, hex, cut to the VR's maximum length).</summary>
        Hash,
        /// <summary>Shift DA/DT values by the patient's date offset (TM kept).</summary>
        ShiftDate,
    }
}
