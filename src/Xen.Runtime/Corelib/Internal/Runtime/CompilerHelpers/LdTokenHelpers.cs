// ldtoken support: ilc's codegen needs these to materialise type/field/method handles (for example the field
// handle behind an array initializer, which the JIT then turns into a block copy from the image).
#pragma warning disable CS1591
using System;

namespace Internal.Runtime.CompilerHelpers;

internal static class LdTokenHelpers
{
    private static RuntimeTypeHandle GetRuntimeTypeHandle(IntPtr pEEType) => new RuntimeTypeHandle(pEEType);

    private static RuntimeMethodHandle GetRuntimeMethodHandle(IntPtr pHandleSignature) =>
        throw new NotSupportedException("method handles (reflection) are not available in images");

    private static RuntimeFieldHandle GetRuntimeFieldHandle(IntPtr pHandleSignature) =>
        throw new NotSupportedException("field handles (reflection) are not available in images");

    private static Type GetRuntimeType(IntPtr pEEType) =>
        throw new NotSupportedException("System.Type objects (reflection) are not available in images");
}
