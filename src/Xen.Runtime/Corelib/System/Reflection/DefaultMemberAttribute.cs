// csc emits [DefaultMember] on every type with an indexer.
#pragma warning disable CS1591
namespace System.Reflection;

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
public sealed class DefaultMemberAttribute : Attribute
{
    public DefaultMemberAttribute(string memberName) { MemberName = memberName; }
    public string MemberName { get; }
}
