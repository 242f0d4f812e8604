namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Resolves a Table E.1-1 action to one action by the attribute's type in the IOD of the instance, at the place it sits
    /// (<see cref="IodAttributeTypes"/>; 0 when the tables do not know the place). PS3.15 E.1.1: the alternative that keeps
    /// the IOD conformant. Z/D → D for Type 1, else Z; X/Z → Z for Type 1 or 2, else X; X/D → D for Type 1 or 2, else X;
    /// X/Z/D → D for Type 1, Z for Type 2, else X; X/Z/U* → U (keep the sequence, remap every instance UID inside) for Type 1,
    /// Z (no items) for Type 2, else X. Unknown (0) takes the stricter alternative (X before Z before D). The alternatives
    /// differ only in what stays of the element (nothing, an empty value, a fixed dummy, remapped UIDs), never in what of
    /// the original value is disclosed.
    /// </summary>
    public static class CombinedActionCodes
    {
        public static AttributeAction Resolve(ConfidentialityAction action, int type)
        {
            switch (action)
            {
                case ConfidentialityAction.Keep: return AttributeAction.Keep;
                case ConfidentialityAction.Remove: return AttributeAction.Remove;
                case ConfidentialityAction.Zero: return AttributeAction.Empty;
                case ConfidentialityAction.Dummy: return AttributeAction.Dummy;
                case ConfidentialityAction.Clean: return AttributeAction.Clean;
                case ConfidentialityAction.Uid: return AttributeAction.RemapUid;
                case ConfidentialityAction.ZeroOrDummy: return type == 1 ? AttributeAction.Dummy : AttributeAction.Empty;
                case ConfidentialityAction.RemoveOrZero: return type == 1 || type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrDummy: return type == 1 || type == 2 ? AttributeAction.Dummy : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrDummy:
                    return type == 1 ? AttributeAction.Dummy : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrUid:
                    return type == 1 ? AttributeAction.RemapUid : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                default: return AttributeAction.Remove;
            }
        }

        /// <summary>
        /// What a removal becomes for an attribute the IOD requires where it sits: a dummy for Type 1, an empty value for
        /// Type 2 (the value is gone either way); any other action, or Type 3 / unknown, stays.
        /// </summary>
        public static AttributeAction KeepRequired(AttributeAction action, int type)
        {
            if (action != AttributeAction.Remove) return action;
            return type == 1 ? AttributeAction.Dummy : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
        }
    }
}
