// The runtime view of a type, as ilc 10.0 lays it out (src/coreclr/nativeaot/Runtime/inc/MethodTable.h):
//   +0  uint flags (low 16 bits: component size when HasComponentSize, else extended flags)
//   +4  uint base size (object size without array elements, including the 8-byte header word)
//   +8  MethodTable* related type (base class for classes, element type for arrays)
//   +16 ushort vtable slot count, +18 ushort interface count, +20 uint hash code
//   +24 vtable slots, then the interface list (one MethodTable* each).
#pragma warning disable CS0649, CS1591
namespace System.Runtime;

public unsafe struct MethodTable
{
    private const uint HasComponentSizeFlag = 0x80000000;
    private const uint HasPointersFlag = 0x01000000;
    private const uint ElementTypeMask = 0x7C000000;
    private const int ElementTypeShift = 26;
    private const uint KindMask = 0x00030000;
    private const uint ParameterizedKind = 0x00020000;

    internal uint Flags;
    internal uint BaseSize;
    internal MethodTable* RelatedType;
    internal ushort NumVtableSlots;
    internal ushort NumInterfaces;
    internal uint HashCode;

    internal bool HasComponentSize => (Flags & HasComponentSizeFlag) != 0;

    internal ushort ComponentSize => HasComponentSize ? (ushort)Flags : (ushort)0;

    internal bool ContainsGCPointers => (Flags & HasPointersFlag) != 0;

    internal ElementType ElementType => (ElementType)((Flags & ElementTypeMask) >> ElementTypeShift);

    internal bool IsParameterized => (Flags & KindMask) == ParameterizedKind;

    internal bool IsInterface => ElementType == ElementType.Interface;

    internal bool IsArray => ElementType == ElementType.SzArray || ElementType == ElementType.Array;

    internal bool IsValueType => ElementType < ElementType.Class;

    internal MethodTable* BaseType => IsArray ? null : RelatedType;

    internal MethodTable* ArrayElementType => RelatedType;

    internal MethodTable** InterfaceMap
    {
        get
        {
            fixed (MethodTable* self = &this)
                return (MethodTable**)((byte*)self + 24 + NumVtableSlots * sizeof(void*));
        }
    }
}

internal enum ElementType : byte
{
    Unknown = 0x00, Void = 0x01, Boolean = 0x02, Char = 0x03, SByte = 0x04, Byte = 0x05, Int16 = 0x06, UInt16 = 0x07,
    Int32 = 0x08, UInt32 = 0x09, Int64 = 0x0A, UInt64 = 0x0B, IntPtr = 0x0C, UIntPtr = 0x0D, Single = 0x0E, Double = 0x0F,
    ValueType = 0x10, Nullable = 0x12, Class = 0x14, Interface = 0x15, SystemArray = 0x16, Array = 0x17, SzArray = 0x18,
    ByRef = 0x19, Pointer = 0x1A, FunctionPointer = 0x1B,
}
