using System;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// The pixel step of protect (<see cref="DicomProtector"/>): decided on the original header before de-identification, acted on
    /// after it. An instance at pixel risk that no rule covers is withheld (<see cref="ProtectionRefusedException"/> with reason
    /// <see cref="WithheldReasonId"/>, naming the rule that would release it); a drop rule drops it; a mask rule masks it
    /// (<see cref="PixelMasker"/>), names the rule in the re-identification record and keeps there what it blanked (the original
    /// overlays and <see cref="PixelOriginals"/>, for Unprotect); a keep rule releases it unchanged.
    /// </summary>
    public sealed class PixelProtection
    {
        /// <summary>The failure reason id of an instance withheld for pixel risk.</summary>
        public const string WithheldReasonId = "PixelIdentifierRisk";

        /// <summary>The failure reason id of an instance a rule must mask but cannot (compressed, unsupported layout).</summary>
        public const string NotMaskableReasonId = "PixelDataNotMaskable";

        private PixelProtection(PixelDecision decision, string refusal, string refusalId)
        {
            Decision = decision;
            Refusal = refusal;
            RefusalId = refusalId;
        }

        public PixelDecision Decision { get; }

        /// <summary>Why the instance is not released (withheld or not maskable), or null.</summary>
        public string Refusal { get; }

        public string RefusalId { get; }

        /// <summary>Decides from the original header; <paramref name="isSafe"/> says whether a header value may appear in a message.</summary>
        public static PixelProtection Decide(DeidentificationProfile profile, DicomFile file, Func<string, bool> isSafe)
        {
            var decision = profile.Pixels.Decide(file.Dataset);
            if (decision.Withhold)
                return new PixelProtection(decision,
                    "withheld: its pixels or payload may carry identifying text (" + decision.Risk + ") and no pixel rule of profile '" + profile.Name +
                    "' covers it; a rule that would release it: " + PixelRules.SuggestRule(file.Dataset, isSafe), WithheldReasonId);
            if (decision.Mask)
            {
                string cannot = PixelMasker.CannotMask(file, decision.Rule);
                if (cannot != null) return new PixelProtection(decision, "withheld: " + cannot, NotMaskableReasonId);
            }
            return new PixelProtection(decision, null, null);
        }

        /// <summary>Throws when the instance must not be released.</summary>
        public void ThrowIfRefused()
        {
            if (Refusal != null) throw new ProtectionRefusedException(RefusalId, Refusal);
        }

        /// <summary>
        /// After de-identification: masks (when the rule says so), recording the changed header and the rule's name, and, when
        /// the record is kept (<paramref name="keepOriginals"/>: there is a vault), the original bytes of the masked regions.
        /// </summary>
        public void Apply(DicomFile file, InstanceChangeRecord record, bool keepOriginals = true)
        {
            ThrowIfRefused();
            if (!Decision.Mask) return;
            var burned = file.Dataset.GetElement(DicomTags.BurnedInAnnotation);
            record.Changes.Add(new ElementChange("", false, burned == null ? ElementChangeKind.Added : ElementChangeKind.Original, DicomTags.BurnedInAnnotation,
                burned == null ? null : InstanceChangeRecord.Detach(burned)));
            record.PixelOriginals = PixelMasker.Apply(file, Decision.Rule, record, keepOriginals);
            record.PixelRule = Decision.Rule.Name;
        }
    }
}
