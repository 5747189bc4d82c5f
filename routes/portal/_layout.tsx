import { PortalShell } from "@/components/PortalShell.tsx";
import type { Layout } from "@/lib/http/define.ts";

export default function PortalLayout({ Component, state }: Layout) {
  return (
    <PortalShell portal={state.portal!} base={state.studio!.base} t={state.t}>
      <Component />
    </PortalShell>
  );
}
