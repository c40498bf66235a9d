// Casting helpers ilc's codegen calls for castclass/isinst and for stores into arrays of references.
// Rules implemented: exact type, base-class chain, interface lists (which ilc flattens to include inherited
// interfaces), arrays by element type (covariant for reference elements), and boxed values by exact type.
// Not supported (the core uses neither): generic variance, and casting an array to System.Array, because
// ilc keeps the element type, not the base type, in an array MethodTable's related-type slot.
#pragma warning disable CS1591
using System.Runtime.CompilerServices;

namespace System.Runtime;

internal static unsafe class TypeCast
{
    internal static bool AreTypesAssignable(MethodTable* source, MethodTable* target)
    {
        if (source == target) return true;
        if (target->IsInterface) return ImplementsInterface(source, target);
        if (source->IsArray && target->IsArray)
        {
            if (source->ElementType != target->ElementType || source->BaseSize != target->BaseSize) return false;
            MethodTable* sourceElement = source->ArrayElementType;
            MethodTable* targetElement = target->ArrayElementType;
            if (sourceElement == targetElement) return true;
            // Array covariance applies to reference elements only (ECMA-335 I.8.7.1).
            return !sourceElement->IsValueType && !targetElement->IsValueType && AreTypesAssignable(sourceElement, targetElement);
        }
        for (MethodTable* t = source->BaseType; t != null; t = t->BaseType)
            if (t == target) return true;
        return false;
    }

    private static bool ImplementsInterface(MethodTable* source, MethodTable* target)
    {
        MethodTable** map = source->InterfaceMap;
        for (int i = 0; i < source->NumInterfaces; i++)
            if (map[i] == target) return true;
        return false;
    }

    private static object? IsInstanceOfAny(MethodTable* pTargetType, object? obj) =>
        obj is null || AreTypesAssignable(obj.GetMethodTable(), pTargetType) ? obj : null;

    private static object? IsInstanceOfInterface(MethodTable* pTargetType, object? obj) =>
        obj is null || ImplementsInterface(obj.GetMethodTable(), pTargetType) ? obj : null;

    private static object? IsInstanceOfClass(MethodTable* pTargetType, object? obj)
    {
        if (obj is null) return null;
        for (MethodTable* t = obj.GetMethodTable(); t != null; t = t->BaseType)
            if (t == pTargetType) return obj;
        return null;
    }

    private static bool IsInstanceOfException(MethodTable* pTargetType, object? obj) => IsInstanceOfClass(pTargetType, obj) is not null;

    private static object CheckCastAny(MethodTable* pTargetType, object obj)
    {
        if (IsInstanceOfAny(pTargetType, obj) is null && obj is not null) ThrowHelper.ThrowInvalidCast();
        return obj!;
    }

    private static object CheckCastInterface(MethodTable* pTargetType, object obj)
    {
        if (IsInstanceOfInterface(pTargetType, obj) is null && obj is not null) ThrowHelper.ThrowInvalidCast();
        return obj!;
    }

    private static object CheckCastClass(MethodTable* pTargetType, object obj)
    {
        if (IsInstanceOfClass(pTargetType, obj) is null && obj is not null) ThrowHelper.ThrowInvalidCast();
        return obj!;
    }

    private static object CheckCastClassSpecial(MethodTable* pTargetType, object obj) => CheckCastClass(pTargetType, obj);

    private static void StelemRef(object?[] array, nint index, object? obj)
    {
        if ((nuint)index >= (uint)array.Length) ThrowHelper.ThrowIndexOutOfRange();
        ref object? element = ref Unsafe.Add(ref MemoryMarshalHelpers.GetArrayDataReference(array), index);
        if (obj is null) { element = null; return; }
        MethodTable* elementType = array.GetMethodTable()->ArrayElementType;
        if (obj.GetMethodTable() != elementType && !AreTypesAssignable(obj.GetMethodTable(), elementType))
            ThrowHelper.ThrowArrayTypeMismatch();
        element = obj;
    }

    private static ref object? LdelemaRef(object?[] array, nint index, MethodTable* elementType)
    {
        if ((nuint)index >= (uint)array.Length) ThrowHelper.ThrowIndexOutOfRange();
        // ldelema on a covariant array would let a caller store a wrong type later: require the exact type.
        if (array.GetMethodTable()->ArrayElementType != elementType) ThrowHelper.ThrowArrayTypeMismatch();
        return ref Unsafe.Add(ref MemoryMarshalHelpers.GetArrayDataReference(array), index);
    }

    // ilc 10 also binds the casting helpers by symbol name; these exports forward to the methods above.
    [RuntimeExport("RhTypeCast_IsInstanceOfAny")] private static object? ExportIsInstanceOfAny(MethodTable* t, object? o) => IsInstanceOfAny(t, o);
    [RuntimeExport("RhTypeCast_IsInstanceOfInterface")] private static object? ExportIsInstanceOfInterface(MethodTable* t, object? o) => IsInstanceOfInterface(t, o);
    [RuntimeExport("RhTypeCast_IsInstanceOfClass")] private static object? ExportIsInstanceOfClass(MethodTable* t, object? o) => IsInstanceOfClass(t, o);
    [RuntimeExport("RhTypeCast_IsInstanceOfException")] private static bool ExportIsInstanceOfException(MethodTable* t, object? o) => IsInstanceOfException(t, o);
    [RuntimeExport("RhTypeCast_CheckCastAny")] private static object ExportCheckCastAny(MethodTable* t, object o) => CheckCastAny(t, o);
    [RuntimeExport("RhTypeCast_CheckCastInterface")] private static object ExportCheckCastInterface(MethodTable* t, object o) => CheckCastInterface(t, o);
    [RuntimeExport("RhTypeCast_CheckCastClass")] private static object ExportCheckCastClass(MethodTable* t, object o) => CheckCastClass(t, o);
    [RuntimeExport("RhTypeCast_CheckCastClassSpecial")] private static object ExportCheckCastClassSpecial(MethodTable* t, object o) => CheckCastClassSpecial(t, o);
    [RuntimeExport("RhpStelemRef")] private static void ExportStelemRef(object?[] a, nint i, object? o) => StelemRef(a, i, o);
    [RuntimeExport("RhpLdelemaRef")] private static ref object? ExportLdelemaRef(object?[] a, nint i, MethodTable* t) => ref LdelemaRef(a, i, t);
}
