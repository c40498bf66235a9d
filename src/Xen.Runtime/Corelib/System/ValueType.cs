// Base of all structs. Equality on boxed structs is not needed by the core and is not provided.
#pragma warning disable CS1591
namespace System;

public abstract class ValueType
{
}

public abstract class Enum : ValueType
{
}
