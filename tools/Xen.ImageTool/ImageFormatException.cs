namespace Xen.ImageTool;

/// <summary>An input image or symbol listing is not what the pipeline produced; the message says why.</summary>
public sealed class ImageFormatException(string message) : Exception(message);
