import type { State } from "@/lib/http/state.ts";
import { PageHeader } from "./PageHeader.tsx";
import { SettingsNav } from "./SettingsNav.tsx";
import { Toast } from "./Toast.tsx";

export interface SettingsHeaderProps {
  /** The page's state and address: the studio's links, the viewer's role and language. */
  state: State;
  url: URL;
  title: string;
  intro: string;
  /** What a `?saved=` or similar return says, if anything. */
  notice?: string;
  noticeTone?: "success" | "info";
}

/** The top of every settings page: its title and intro, the settings tabs, and the notice of a return. */
export function SettingsHeader(
  { state, url, title, intro, notice, noticeTone = "success" }: SettingsHeaderProps,
) {
  const base = state.studio!.base;
  return (
    <>
      <PageHeader title={title} description={intro} />
      <SettingsNav
        base={base}
        path={url.pathname.slice(base.length)}
        role={state.staff!.role}
        t={state.t}
        class="mt-4"
      />
      {notice && (
        <Toast tone={noticeTone} dismissLabel={state.t("common.dismiss")} class="mt-6">{notice}</Toast>
      )}
    </>
  );
}
