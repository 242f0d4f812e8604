#nullable enable
#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis
{
    // The nullable-analysis attribute netstandard2.0 lacks (the compiler reads it by name; .NET Core 3.0 and later define
    // it). Internal, so each assembly declares its own: HamletPS.Dicom has the same one for its own code.

    /// <summary>The out parameter is not null when the method returns <see cref="ReturnValue"/>.</summary>
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) { ReturnValue = returnValue; }

        public bool ReturnValue { get; }
    }
}
#endif
