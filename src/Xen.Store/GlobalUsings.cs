// The core's one global using, in source rather than the project file so that image builds, which compile
// these files into a hypervisor image without this csproj, see it too.
global using System;
