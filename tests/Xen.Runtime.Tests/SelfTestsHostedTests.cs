using Xen.Runtime.SelfTests;

namespace Xen.Runtime.Tests;

/// <summary>The runtime self-tests the images run at boot also run on .NET: a behaviour difference between
/// our corelib and the BCL shows up as a test passing here and failing in Xen.Boot.Tests (or vice versa).</summary>
[Collection("DebugConsole")]
public sealed unsafe class SelfTestsHostedTests
{
    private static readonly System.Text.StringBuilder s_report = new();

    private static void Capture(byte b) => s_report.Append((char)b);

    [Fact]
    public void Every_runtime_self_test_passes_on_dotnet()
    {
        s_report.Clear();
        Xen.Runtime.Text.DebugConsole.SetSink(&Capture);
        bool ok = SelfTestRunner.RunAll();
        Xen.Runtime.Text.DebugConsole.SetSink(null);
        Assert.True(ok, s_report.ToString());
        Assert.True(SelfTestRunner.Passed >= 15);
        Assert.Contains("selftest: static-constructor ok", s_report.ToString());
    }

    [Fact] public void Static_fields() => Assert.True(RuntimeSelfTests.StaticFields());
    [Fact] public void Static_constructor() => Assert.True(RuntimeSelfTests.StaticConstructor());
    [Fact] public void Casts() => Assert.True(RuntimeSelfTests.Casts());
    [Fact] public void Interface_dispatch() => Assert.True(RuntimeSelfTests.InterfaceDispatch());
    [Fact] public void Generic_interfaces() => Assert.True(RuntimeSelfTests.GenericInterfaces());
    [Fact] public void Boxing() => Assert.True(RuntimeSelfTests.Boxing());
    [Fact] public void Spans() => Assert.True(RuntimeSelfTests.Spans());
    [Fact] public void Strings() => Assert.True(RuntimeSelfTests.Strings());
}
