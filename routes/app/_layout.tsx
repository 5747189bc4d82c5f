import { AppShell } from "@/components/AppShell.tsx";
import type { Layout } from "@/lib/http/define.ts";

export default function StaffLayout({ Component, state, url }: Layout) {
  return (
    <AppShell path={url.pathname} t={state.t} studioName={state.studio?.name ?? state.t("app.name")}>
      <Component />
    </AppShell>
  );
}
