// Exceptions. Images have no unwinder yet: `throw` reaches RhpThrowEx, which panics with the exception's
// type-specific message and the throwing address (see Internal.Runtime.CompilerHelpers.ExceptionExports).
#pragma warning disable CS1591
namespace System;

public class Exception
{
    private readonly string? _message;
    public Exception() { }
    public Exception(string? message) { _message = message; }
    public Exception(string? message, Exception? innerException) { _message = message; InnerException = innerException; }
    public virtual string Message => _message ?? DefaultMessage;
    public Exception? InnerException { get; }
    internal virtual string DefaultMessage => "Exception of type 'System.Exception' was thrown.";
}

public class SystemException : Exception
{
    public SystemException() { }
    public SystemException(string? message) : base(message) { }
}

public sealed class IndexOutOfRangeException : SystemException
{
    public IndexOutOfRangeException() { }
    public IndexOutOfRangeException(string? message) : base(message) { }
    internal override string DefaultMessage => "Index was outside the bounds of the array.";
}

public sealed class NullReferenceException : SystemException
{
    public NullReferenceException() { }
    public NullReferenceException(string? message) : base(message) { }
    internal override string DefaultMessage => "Object reference not set to an instance of an object.";
}

public class ArithmeticException : SystemException
{
    public ArithmeticException() { }
    public ArithmeticException(string? message) : base(message) { }
    internal override string DefaultMessage => "Overflow or underflow in the arithmetic operation.";
}

public sealed class OverflowException : ArithmeticException
{
    public OverflowException() { }
    public OverflowException(string? message) : base(message) { }
    internal override string DefaultMessage => "Arithmetic operation resulted in an overflow.";
}

public sealed class DivideByZeroException : ArithmeticException
{
    public DivideByZeroException() { }
    public DivideByZeroException(string? message) : base(message) { }
    internal override string DefaultMessage => "Attempted to divide by zero.";
}

public sealed class InvalidCastException : SystemException
{
    public InvalidCastException() { }
    public InvalidCastException(string? message) : base(message) { }
    internal override string DefaultMessage => "Specified cast is not valid.";
}

public sealed class ArrayTypeMismatchException : SystemException
{
    public ArrayTypeMismatchException() { }
    internal override string DefaultMessage => "Attempted to access an element as a type incompatible with the array.";
}

public class InvalidOperationException : SystemException
{
    public InvalidOperationException() { }
    public InvalidOperationException(string? message) : base(message) { }
    internal override string DefaultMessage => "Operation is not valid due to the current state of the object.";
}

public class ArgumentException : SystemException
{
    public ArgumentException() { }
    public ArgumentException(string? message) : base(message) { }
    public ArgumentException(string? message, string? paramName) : base(message) { ParamName = paramName; }
    public virtual string? ParamName { get; }
    internal override string DefaultMessage => "Value does not fall within the expected range.";
}

public class ArgumentOutOfRangeException : ArgumentException
{
    public ArgumentOutOfRangeException() { }
    public ArgumentOutOfRangeException(string? paramName) : base(null, paramName) { }
    public ArgumentOutOfRangeException(string? paramName, string? message) : base(message, paramName) { }
    internal override string DefaultMessage => "Specified argument was out of the range of valid values.";
}

public class ArgumentNullException : ArgumentException
{
    public ArgumentNullException() { }
    public ArgumentNullException(string? paramName) : base(null, paramName) { }
    internal override string DefaultMessage => "Value cannot be null.";
}

public class NotSupportedException : SystemException
{
    public NotSupportedException() { }
    public NotSupportedException(string? message) : base(message) { }
    internal override string DefaultMessage => "Specified method is not supported.";
}

public class NotImplementedException : SystemException
{
    public NotImplementedException() { }
    public NotImplementedException(string? message) : base(message) { }
    internal override string DefaultMessage => "The method or operation is not implemented.";
}

public class PlatformNotSupportedException : NotSupportedException
{
    public PlatformNotSupportedException() { }
    public PlatformNotSupportedException(string? message) : base(message) { }
    internal override string DefaultMessage => "Operation is not supported on this platform.";
}

public sealed class OutOfMemoryException : SystemException
{
    public OutOfMemoryException() { }
    internal override string DefaultMessage => "Insufficient memory to continue the execution of the program.";
}
