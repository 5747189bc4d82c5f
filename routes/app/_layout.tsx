import { AppShell } from "@/components/AppShell.tsx";
import type { Layout } from "@/lib/http/define.ts";

export default function StaffLayout({ Component, state, url }: Layout) {
  return (
    <AppShell
      base={state.studio!.base}
      path={url.pathname.slice(state.studio!.base.length)}
      t={state.t}
      studioName={state.studio!.tenant.name}
      staffName={state.staff!.name}
      role={state.staff!.role}
      studios={state.studios}
    >
      <Component />
    </AppShell>
  );
}
