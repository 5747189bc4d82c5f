import { PortalShell } from "@/components/PortalShell.tsx";
import type { Layout } from "@/lib/http/define.ts";

export default function PortalLayout({ Component, state, url }: Layout) {
  return (
    <PortalShell
      portal={state.portal!}
      base={state.studio!.base}
      t={state.t}
      locale={state.locale}
      path={url.pathname + url.search}
    >
      <Component />
    </PortalShell>
  );
}
