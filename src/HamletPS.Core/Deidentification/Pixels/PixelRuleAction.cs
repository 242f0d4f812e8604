namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>What a pixel rule does with the instances it matches.</summary>
    public enum PixelRuleAction
    {
        /// <summary>Blank the rule's rectangles in every frame (and in overlay planes), then release.</summary>
        Mask = 0,
        /// <summary>Do not send the instance at all (it is reported as dropped, not as a failure).</summary>
        Drop,
        /// <summary>Release unchanged: a person has checked that these instances carry no identifying text.</summary>
        Keep,
    }
}
