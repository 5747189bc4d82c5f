import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Card } from "@/components/Card.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import type { Props } from "@/lib/http/define.ts";
import type { MessageId } from "@/lib/i18n/mod.ts";
import { SECTIONS } from "@/lib/navigation.ts";

export const access: Access = "staff";

/** What a new studio does first, in order, each step leading to the section that does it. */
const FIRST_STEPS: { section: string; title: MessageId; body: MessageId }[] = [
  { section: "rooms", title: "dashboard.step.rooms.title", body: "dashboard.step.rooms.body" },
  { section: "engineers", title: "dashboard.step.engineers.title", body: "dashboard.step.engineers.body" },
  { section: "clients", title: "dashboard.step.clients.title", body: "dashboard.step.clients.body" },
  { section: "calendar", title: "dashboard.step.booking.title", body: "dashboard.step.booking.body" },
];

export default function Dashboard({ state }: Props) {
  const { t } = state;
  return (
    <>
      <PageHeader title={t("dashboard.title")} description={t("dashboard.getting_started.intro")} />
      <Card title={t("dashboard.getting_started.title")}>
        <ol class="divide-y divide-neutral-200">
          {FIRST_STEPS.map((step, i) => {
            const section = SECTIONS.find((s) => s.id === step.section)?.href;
            const href = section && state.studio!.base + section;
            return (
              <li key={step.section} class="flex items-start gap-4 py-4">
                <span class="grid size-8 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800">
                  {i + 1}
                </span>
                <div class="flex-1">
                  <h3 class="font-medium">
                    {href
                      ? <a href={href} class="text-brand-700 underline focus-ring">{t(step.title)}</a>
                      : t(step.title)}
                  </h3>
                  <p class="text-sm text-neutral-700">{t(step.body)}</p>
                </div>
                {href ? null : <Badge tone="neutral">{t("nav.coming_soon")}</Badge>}
              </li>
            );
          })}
        </ol>
      </Card>
    </>
  );
}
