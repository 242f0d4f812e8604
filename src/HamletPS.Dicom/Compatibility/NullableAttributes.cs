#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis
{
    // The nullable-analysis attributes netstandard2.0 lacks (the compiler reads them by name; .NET Core 3.0 and later define
    // them). Internal: each assembly that needs them declares its own.

    /// <summary>The out parameter is not null when the method returns <see cref="ReturnValue"/>.</summary>
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) { ReturnValue = returnValue; }

        public bool ReturnValue { get; }
    }

    /// <summary>The return value is not null when the parameter named is not null.</summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true, Inherited = false)]
    internal sealed class NotNullIfNotNullAttribute : Attribute
    {
        public NotNullIfNotNullAttribute(string parameterName) { ParameterName = parameterName; }

        public string ParameterName { get; }
    }
}
#endif
