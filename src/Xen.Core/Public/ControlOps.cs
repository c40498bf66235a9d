// The toolstack interfaces a guest can call but not use: sysctl (xen/include/public/sysctl.h), domctl
// (domctl.h) and platform_op (platform.h). Each starts with uint32_t cmd @0 and uint32_t interface_version
// @4; Xen copies the whole structure first (-EFAULT), answers a wrong interface_version with -EACCES, and only
// then asks XSM, whose dummy policy refuses an unprivileged caller with -EPERM.
namespace Xen.Core.Public;

/// <summary>Interface versions and sizes of the control hypercalls (Xen 4.7).</summary>
public static class ControlOps
{
    /// <summary>XEN_SYSCTL_INTERFACE_VERSION in Xen 4.7.</summary>
    public const uint SysctlInterfaceVersion = 0x0000000D;
    /// <summary>XEN_DOMCTL_INTERFACE_VERSION in Xen 4.7.</summary>
    public const uint DomctlInterfaceVersion = 0x0000000C;
    /// <summary>XENPF_INTERFACE_VERSION (platform.h).</summary>
    public const uint PlatformInterfaceVersion = 0x03000001;

    /// <summary>sizeof(struct xen_sysctl): cmd, interface_version, union u (128 bytes) @8.</summary>
    public const int SysctlSize = 136;
    /// <summary>sizeof(struct xen_domctl): cmd, interface_version, domid_t domain @8, union u (128 bytes) @16.</summary>
    public const int DomctlSize = 144;
    /// <summary>sizeof(struct xen_platform_op): cmd, interface_version, union u (128 bytes) @8.</summary>
    public const int PlatformOpSize = 136;

    /// <summary>Domctl commands that take no target domain (createdomain, getdomaininfo, test_assign_device,
    /// gdbsx_guestmemio); every other command looks the domain up first (-ESRCH).</summary>
    public static bool DomctlHasNoTarget(uint cmd) => cmd == 1 || cmd == 5 || cmd == 45 || cmd == 1000;
}
