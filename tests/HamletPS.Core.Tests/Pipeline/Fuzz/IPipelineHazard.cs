using System;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// One kind of hostile input the pipeline fuzz suite plants in a site before a run. Every non-abstract class of this
    /// assembly that implements it (with a public parameterless constructor) takes part in <see cref="PipelineFuzzTests"/>:
    /// adding a hazard (symbolic links, damaged records, deflate bombs...) is adding a class. A hazard may add canaries (values
    /// that must never be printed or named outside the site-only folders), plant files outside the site (which must stay
    /// unchanged) and register its own checks to run after the pipeline.
    /// </summary>
    public interface IPipelineHazard
    {
        /// <summary>A short name for failure messages.</summary>
        string Name { get; }

        /// <summary>Plants this hazard in the site, drawing every choice from <paramref name="random"/> (seeded: runs repeat).</summary>
        void Plant(FuzzSite site, Random random);
    }
}
