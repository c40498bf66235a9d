// [Conditional] lets debug-only helpers vanish from release images exactly as on .NET.
#pragma warning disable CS1591
namespace System.Diagnostics;

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class ConditionalAttribute : Attribute
{
    public ConditionalAttribute(string conditionString) { ConditionString = conditionString; }
    public string ConditionString { get; }
}
