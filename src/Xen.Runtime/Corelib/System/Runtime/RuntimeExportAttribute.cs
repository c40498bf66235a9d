// ilc's binding attributes: RuntimeExport names a managed method as a linker symbol (runtime helpers,
// entry points); RuntimeImport binds an extern method to an assembly routine by symbol (zero-overhead call).
#pragma warning disable CS1591
namespace System.Runtime;

[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RuntimeExportAttribute : Attribute
{
    public RuntimeExportAttribute(string entry) { EntryPoint = entry; }
    public string EntryPoint { get; }
}

[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RuntimeImportAttribute : Attribute
{
    public RuntimeImportAttribute(string entry) { EntryPoint = entry; }
    public RuntimeImportAttribute(string dllName, string entry) { DllName = dllName; EntryPoint = entry; }
    public string? DllName { get; }
    public string EntryPoint { get; }
}
