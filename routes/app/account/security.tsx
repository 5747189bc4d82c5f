import type { Access } from "@/lib/auth/access.ts";
import { Badge } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Table } from "@/components/Table.tsx";
import { Toast } from "@/components/Toast.tsx";
import {
  type AccountSession,
  accountSessions,
  signOutOtherSessions,
  signOutSession,
} from "@/lib/auth/account_sessions.ts";
import {
  cancelTwoFactorSetup,
  disableTwoFactor,
  enableTwoFactor,
  pendingTwoFactorSetup,
  refusalMessage,
  regenerateBackupCodes,
  SecondFactorRefused,
  startTwoFactorSetup,
  type TwoFactorActor,
  type TwoFactorSetup,
  TwoFactorStateConflict,
  type TwoFactorStatus,
  twoFactorStatus,
} from "@/lib/auth/two_factor.ts";
import { normalizeTotpCode } from "@/lib/auth/two_factor_codes.ts";
import { secretBoxFor } from "@/lib/crypto/secret_box.ts";
import { ValidationError } from "@/lib/errors.ts";
import { clientIp } from "@/lib/http/client_ip.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { formatDate, formatDateTime, formatTime } from "@/lib/i18n/format.ts";
import type { Locale, MessageId, Translator } from "@/lib/i18n/mod.ts";
import { getStaff } from "@/lib/kv/staff.ts";

export const access: Access = "staff";

const DONE = [
  "enabled",
  "disabled",
  "regenerated",
  "signed_out_others",
  "signed_out_one",
  "cancelled",
] as const;
type Done = (typeof DONE)[number];

/** The form that was sent with a problem, the field at fault and the message to show beside it. */
interface FormError {
  form: "start" | "enable" | "regenerate" | "disable";
  field: "password" | "code";
  message: MessageId;
}

interface Data {
  twoFactor: TwoFactorStatus;
  setup: TwoFactorSetup | null;
  /** Asked before setting up, so only for people who have a password. */
  hasPassword: boolean;
  /** New backup codes: in this answer only, never stored in the clear. */
  backupCodes?: string[];
  sessions: AccountSession[];
  done?: Done;
  /** How many sessions "sign out everywhere else" ended. */
  count?: number;
  error?: FormError;
}

function actorOf(ctx: Ctx): TwoFactorActor {
  const staff = ctx.state.staff!;
  return {
    staffId: staff.id,
    email: staff.email,
    sessionId: staff.sessionId,
    ip: clientIp(ctx.hono),
    userAgent: ctx.req.headers.get("user-agent") ?? undefined,
  };
}

async function pageData(ctx: Ctx): Promise<Data> {
  const { kv, config } = depsOf(ctx);
  const staff = ctx.state.staff!;
  const [twoFactor, identity, sessions] = await Promise.all([
    twoFactorStatus(kv, staff.id),
    getStaff(kv, staff.id),
    accountSessions(kv, staff.id, staff.sessionId),
  ]);
  const setup = twoFactor.enabled
    ? null
    : await pendingTwoFactorSetup(kv, await secretBoxFor(config.secretsKeys), {
      staffId: staff.id,
      email: staff.email,
    });
  return { twoFactor, setup, hasPassword: Boolean(identity?.passwordHash), sessions };
}

/** A code from the app when it looks like one, else a backup code: one field accepts either. */
const proofOf = (typed: string) => normalizeTotpCode(typed) ? { code: typed } : { backupCode: typed };

/**
 * The signed-in person's own security: two-factor authentication (set up with a key typed into an
 * authenticator app, turned on by its first code; backup codes; off with a code) and their sessions
 * in every studio ("sign out everywhere else"). Each change to 2FA signs them out everywhere else.
 */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    // The page can show a TOTP key while setting up: keep it out of every cache.
    ctx.hono.header("Cache-Control", "no-store");
    const done = DONE.find((d) => d === ctx.url.searchParams.get("done"));
    const count = Number(ctx.url.searchParams.get("count") ?? 0);
    return ctx.render({ ...(await pageData(ctx)), done, count: Number.isInteger(count) ? count : 0 });
  },
  async POST(ctx) {
    ctx.hono.header("Cache-Control", "no-store");
    const studio = ctx.state.studio!;
    const { kv, config } = depsOf(ctx);
    const box = await secretBoxFor(config.secretsKeys);
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    const actor = actorOf(ctx);
    const here = `${studio.base}/app/account/security`;
    const typed = String(form.get("code") ?? "");
    try {
      switch (intent) {
        case "start":
          await startTwoFactorSetup(kv, box, actor, { password: String(form.get("password") ?? "") });
          return ctx.redirect(here);
        case "cancel":
          await cancelTwoFactorSetup(kv, actor);
          return ctx.redirect(`${here}?done=cancelled`);
        case "enable": {
          const { backupCodes } = await enableTwoFactor(kv, box, actor, typed, studio.db);
          return ctx.render({ ...(await pageData(ctx)), backupCodes, done: "enabled" });
        }
        case "regenerate": {
          const { backupCodes } = await regenerateBackupCodes(kv, box, actor, proofOf(typed), studio.db);
          return ctx.render({ ...(await pageData(ctx)), backupCodes, done: "regenerated" });
        }
        case "disable":
          await disableTwoFactor(kv, box, actor, proofOf(typed), studio.db);
          return ctx.redirect(`${here}?done=disabled`);
        case "sign_out_others": {
          const count = await signOutOtherSessions(kv, actor, studio.db);
          return ctx.redirect(`${here}?done=signed_out_others&count=${count}`);
        }
        case "sign_out_session":
          await signOutSession(kv, actor, String(form.get("session") ?? ""), studio.db);
          return ctx.redirect(`${here}?done=signed_out_one`);
        default:
          throw new ValidationError({ intent: "Send one of this page's forms." });
      }
    } catch (err) {
      const formName = intent as FormError["form"];
      let error: FormError | undefined;
      if (err instanceof SecondFactorRefused) {
        error = { form: formName, field: "code", message: refusalMessage(err) };
      } else if (err instanceof TwoFactorStateConflict) {
        // Changed in another tab: the page as it is now says what happened, except an expired set-up.
        if (err.state !== "setup_expired") return ctx.redirect(here);
        error = { form: "start", field: "password", message: "account.two_factor.error.setup_expired" };
      } else if (err instanceof ValidationError && err.fields.password && intent === "start") {
        error = { form: "start", field: "password", message: "account.two_factor.error.password_wrong" };
      }
      if (!error) throw err;
      return ctx.render({ ...(await pageData(ctx)), error }, { status: 422 });
    }
  },
});

export default define.page<typeof handler>(({ data, state, url }) => {
  const { t, locale } = state;
  const zone = state.studio!.tenant.timezone;
  const errorOf = (form: FormError["form"]) => data.error?.form === form ? t(data.error.message) : undefined;
  const notice = data.done && (
    <Toast tone="success" dismissLabel={t("common.dismiss")} class="mt-6">
      {data.done === "signed_out_others"
        ? t("account.security.done.signed_out_others", { count: data.count ?? 0 })
        : t(`account.security.done.${data.done}`)}
    </Toast>
  );
  return (
    <>
      <PageHeader title={t("account.security.title")} description={t("account.security.intro")} />
      {url.searchParams.get("required") && !data.twoFactor.enabled && (
        <Toast tone="info" dismissLabel={t("common.dismiss")} class="mt-6">
          {t("account.security.two_factor_required")}
        </Toast>
      )}
      {notice}
      <FormErrorSummary
        title={t("account.security.problem")}
        errors={data.error
          ? [{
            name: data.error.field,
            id: `${data.error.form}-${data.error.field}`,
            message: t(data.error.message),
          }]
          : []}
        class="mt-6"
      />
      {data.backupCodes && <BackupCodes codes={data.backupCodes} t={t} />}
      <Card
        title={t("account.two_factor.title")}
        actions={data.twoFactor.enabled
          ? <Badge tone="success">{t("account.two_factor.on")}</Badge>
          : <Badge>{t("account.two_factor.off")}</Badge>}
        class="mt-6"
      >
        {data.twoFactor.enabled
          ? (
            <div class="flex flex-col gap-6">
              <p class="text-sm text-neutral-700">
                {t("account.two_factor.enabled_since", {
                  date: formatDate(new Date(data.twoFactor.enabledAt), zone, locale),
                })} {t("account.two_factor.codes_left", { count: data.twoFactor.backupCodesLeft })}
              </p>
              <CodeForm
                intent="regenerate"
                explain={t("account.two_factor.regenerate_explain")}
                submit={t("account.two_factor.regenerate")}
                error={errorOf("regenerate")}
                t={t}
              />
              <CodeForm
                intent="disable"
                explain={t("account.two_factor.disable_explain")}
                submit={t("account.two_factor.disable")}
                error={errorOf("disable")}
                danger
                t={t}
              />
            </div>
          )
          : data.setup
          ? <Setup setup={data.setup} error={errorOf("enable")} zone={zone} t={t} locale={locale} />
          : (
            <form method="post" class="flex max-w-md flex-col gap-4">
              <p class="text-sm text-neutral-700">{t("account.two_factor.explain")}</p>
              <input type="hidden" name="intent" value="start" />
              {data.hasPassword && (
                <Input
                  label={t("account.two_factor.confirm_password")}
                  name="password"
                  id="start-password"
                  type="password"
                  autocomplete="current-password"
                  required
                  error={errorOf("start")}
                />
              )}
              <Button type="submit" class="self-start">{t("account.two_factor.start")}</Button>
            </form>
          )}
      </Card>
      <Card title={t("account.sessions.title")} class="mt-6">
        <p class="mb-4 text-sm text-neutral-700">{t("account.sessions.intro")}</p>
        <Table
          caption={t("account.sessions.title")}
          hideCaption
          rows={data.sessions}
          empty={t("account.sessions.empty")}
          columns={[
            {
              key: "device",
              header: t("account.sessions.device"),
              rowHeader: true,
              render: (row) =>
                row.device
                  ? t("account.sessions.device_name", { ...row.device })
                  : t("account.sessions.unknown_device"),
            },
            {
              key: "studioName",
              header: t("account.sessions.studio"),
              render: (row) => row.studioName ?? t("account.sessions.removed_studio"),
            },
            {
              key: "createdAt",
              header: t("account.sessions.signed_in"),
              render: (row) => formatDateTime(new Date(row.createdAt), zone, locale),
            },
            { key: "ip", header: t("account.sessions.from") },
            {
              key: "actions",
              header: t("common.actions"),
              align: "end",
              render: (row) =>
                row.current
                  ? <Badge tone="info">{t("account.sessions.this_device")}</Badge>
                  : (
                    <form method="post">
                      <input type="hidden" name="intent" value="sign_out_session" />
                      <input type="hidden" name="session" value={row.id} />
                      <Button type="submit" variant="secondary" size="sm">
                        {t("account.sessions.sign_out")}
                      </Button>
                    </form>
                  ),
            },
          ]}
        />
        <form method="post" class="mt-4">
          <input type="hidden" name="intent" value="sign_out_others" />
          <Button type="submit" variant="secondary">{t("account.sessions.sign_out_others")}</Button>
        </form>
      </Card>
    </>
  );
});

type T = Translator["t"];

function Setup(
  { setup, error, zone, t, locale }: {
    setup: TwoFactorSetup;
    error?: string;
    zone: string;
    t: T;
    locale: Locale;
  },
) {
  return (
    <div class="flex flex-col gap-6">
      <div>
        <p class="text-sm text-neutral-700">{t("account.two_factor.step_key")}</p>
        <dl class="mt-3">
          <dt class="text-sm font-medium text-ink">{t("account.two_factor.key")}</dt>
          <dd>
            <code
              id="two-factor-key"
              class="mt-1 inline-block rounded bg-neutral-100 px-3 py-2 font-mono text-lg tracking-wide select-all"
            >
              {setup.key}
            </code>
          </dd>
        </dl>
        <p class="mt-2 text-sm text-neutral-700">{t("account.two_factor.key_details")}</p>
        <p class="mt-2 text-sm">
          <a href={setup.uri} class="text-brand-700 underline focus-ring">
            {t("account.two_factor.open_in_app")}
          </a>
        </p>
      </div>
      <form method="post" class="flex max-w-md flex-col gap-4">
        <input type="hidden" name="intent" value="enable" />
        <p class="text-sm text-neutral-700">
          {t("account.two_factor.step_code", { time: formatTime(new Date(setup.expiresAt), zone, locale) })}
        </p>
        <Input
          label={t("account.two_factor.code")}
          name="code"
          id="enable-code"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          error={error}
        />
        <div class="flex flex-wrap gap-3">
          <Button type="submit">{t("account.two_factor.enable")}</Button>
        </div>
      </form>
      <form method="post">
        <input type="hidden" name="intent" value="cancel" />
        <Button type="submit" variant="ghost">{t("account.two_factor.cancel")}</Button>
      </form>
    </div>
  );
}

function CodeForm(
  { intent, explain, submit, error, danger, t }: {
    intent: "regenerate" | "disable";
    explain: string;
    submit: string;
    error?: string;
    danger?: boolean;
    t: T;
  },
) {
  return (
    <form method="post" class="flex max-w-md flex-col gap-3 border-t border-line pt-4">
      <input type="hidden" name="intent" value={intent} />
      <p class="text-sm text-neutral-700">{explain}</p>
      <Input
        label={t("account.two_factor.proof")}
        name="code"
        id={`${intent}-code`}
        autocomplete="one-time-code"
        autocapitalize="none"
        spellcheck={false}
        required
        error={error}
      />
      <Button type="submit" variant={danger ? "danger" : "secondary"} class="self-start">{submit}</Button>
    </form>
  );
}

function BackupCodes({ codes, t }: { codes: string[]; t: T }) {
  return (
    <Card title={t("account.two_factor.backup_codes.title")} class="mt-6">
      <p class="text-sm text-neutral-700">{t("account.two_factor.backup_codes.intro")}</p>
      <ol id="backup-codes" class="mt-4 grid grid-cols-2 gap-x-8 gap-y-2 font-mono text-base sm:grid-cols-5">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ol>
    </Card>
  );
}
