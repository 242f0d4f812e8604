using System;

namespace HamletPS.Core.Security
{
    /// <summary>A DA/DT value could not be shifted. The message names the VR and the reason, never the value.</summary>
    public sealed class DateShiftException : HamletException
    {
        public DateShiftException(string message) : base(ErrorIds.InvalidDateValue, message) { }
    }
}
