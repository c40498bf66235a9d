// A one-vCPU domain over real (native) memory with a fake backend.
using Xen.Core.Domains;
using Xen.Core.Memory;

namespace Xen.Core.Tests.Domains;

internal sealed unsafe class TestDomain : IDisposable
{
    public readonly TestMemory Memory = new(8);
    public readonly CapturingConsole Console = new();
    public readonly Domain Domain;
    public readonly FakeBackend Backend = new();

    public TestDomain(ulong pages = 256)
    {
        P2m p2m = P2m.Allocate(Memory.Pages, pages) ?? throw new InvalidOperationException("no memory");
        Domain = new Domain(1, "test", p2m, 1, Console);
        ulong sharedInfo = Memory.Pages->AllocatePages(1);
        new Span<byte>((void*)sharedInfo, SharedInfoPage.Size).Clear();
        Domain.SharedInfo = new SharedInfoPage(sharedInfo);
        Domain.Vcpus[0].Backend = Backend;
    }

    public Vcpu Vcpu => Domain.Vcpus[0];

    public void Dispose() => Memory.Dispose();
}
