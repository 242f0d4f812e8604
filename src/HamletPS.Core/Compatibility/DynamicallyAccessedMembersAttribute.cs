#nullable enable
// netstandard2.0 lacks the trimming annotations that .NET 5+ defines; the trimmer and the ahead-of-time compiler recognise them
// by name in any assembly. They tell the native hamlet's build which members of a type reached by reflection it must keep
// (DeflateLevels, PlatformAesGcm); compiled for the full runtime they have no effect.
namespace System.Diagnostics.CodeAnalysis
{
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.ReturnValue | AttributeTargets.GenericParameter | AttributeTargets.Parameter
                    | AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct,
        Inherited = false)]
    internal sealed class DynamicallyAccessedMembersAttribute : Attribute
    {
        public DynamicallyAccessedMembersAttribute(DynamicallyAccessedMemberTypes memberTypes) { MemberTypes = memberTypes; }

        public DynamicallyAccessedMemberTypes MemberTypes { get; }
    }

    /// <summary>The member kinds of <see cref="DynamicallyAccessedMembersAttribute"/> (values as in .NET).</summary>
    [Flags]
    internal enum DynamicallyAccessedMemberTypes
    {
        None = 0,
        PublicParameterlessConstructor = 0x0001,
        PublicConstructors = 0x0002 | PublicParameterlessConstructor,
        PublicMethods = 0x0008,
        PublicProperties = 0x0200,
    }
}
