import type { Access } from "@/lib/auth/access.ts";
import { Badge, type BadgeTone } from "@/components/Badge.tsx";
import { Button } from "@/components/Button.tsx";
import { Card } from "@/components/Card.tsx";
import { Dialog, DialogTrigger } from "@/components/Dialog.tsx";
import { FormErrorSummary } from "@/components/FormErrorSummary.tsx";
import { Input } from "@/components/Input.tsx";
import { PageHeader } from "@/components/PageHeader.tsx";
import { Select } from "@/components/Select.tsx";
import { SettingsNav } from "@/components/SettingsNav.tsx";
import { Table } from "@/components/Table.tsx";
import { Textarea } from "@/components/Textarea.tsx";
import { Toast } from "@/components/Toast.tsx";
import { expiryAfterDay, grantableRoles, issueApiKey, revokeApiKey } from "@/lib/api/keys.ts";
import { requirePermission } from "@/lib/auth/permissions.ts";
import { ValidationError } from "@/lib/errors.ts";
import { actingAs } from "@/lib/http/acting_as.ts";
import { type Ctx, define } from "@/lib/http/define.ts";
import { depsOf } from "@/lib/http/deps.ts";
import { readForm } from "@/lib/http/form.ts";
import { setApiCorsOrigins } from "@/lib/http/cors.ts";
import { allowedApiOrigins } from "@/lib/kv/api_cors.ts";
import { formatDate, formatDateTime } from "@/lib/i18n/format.ts";
import { type ApiKey, type ApiKeyStatus, apiKeyStatus, listApiKeys } from "@/lib/kv/api_keys.ts";
import type { Role } from "@/lib/kv/staff.ts";

export const access: Access = { permission: "apikeys.manage" };

const PATH = "/app/settings/api-keys";
const FIELDS = ["name", "role", "expiresAt"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

interface Data {
  keys: ApiKey[];
  roles: Role[];
  values: Values;
  errors: Record<string, string>;
  /** Right after creation: the token, shown this once. */
  created?: { token: string; key: ApiKey };
  /** After a revocation's redirect: the key revoked. */
  revoked?: ApiKey;
  now: number;
  /** The origins allowed to call the API from a browser, as saved or as typed after an error. */
  corsText: string;
  corsError?: string;
  corsSaved?: boolean;
}

const BLANK: Values = { name: "", role: "manager", expiresAt: "" };

const TONES: Record<ApiKeyStatus, BadgeTone> = { active: "success", expired: "neutral", revoked: "danger" };

/** API keys, for owners and admins: create one (its token shown once), list them, revoke one. */
export const handler = define.handlers<Data>({
  async GET(ctx) {
    requirePermission(ctx.state.staff!.role, "apikeys.manage");
    const data = await pageData(ctx, { values: BLANK, errors: {} });
    const revokedId = ctx.url.searchParams.get("revoked");
    return ctx.render({
      ...data,
      revoked: data.keys.find((key) => key.id === revokedId && key.revokedAt),
      corsSaved: ctx.url.searchParams.get("saved") === "cors",
    });
  },
  async POST(ctx) {
    const staff = ctx.state.staff!;
    requirePermission(staff.role, "apikeys.manage");
    const studio = ctx.state.studio!;
    const { kv } = depsOf(ctx);
    const form = await readForm(ctx.req);
    const field = (name: string) => String(form.get(name) ?? "").trim();
    // The page may show a token: no cache may keep it.
    ctx.hono.header("Cache-Control", "no-store");

    if (field("intent") === "revoke") {
      await revokeApiKey(kv, studio.db, { tenantId: studio.tenant.id, id: field("id") }, actingAs(ctx));
      return ctx.redirect(`${studio.base}${PATH}?revoked=${encodeURIComponent(field("id"))}`);
    }

    if (field("intent") === "cors") {
      const text = String(form.get("allowedOrigins") ?? "");
      try {
        await setApiCorsOrigins(kv, {
          tenantId: studio.tenant.id,
          text,
          acting: actingAs(ctx),
          audit: studio.db,
        });
        return ctx.redirect(`${studio.base}${PATH}?saved=cors#cors`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const data = await pageData(ctx, { values: BLANK, errors: {} });
        return ctx.render({ ...data, corsText: text, corsError: err.fields.allowedOrigins }, { status: 422 });
      }
    }

    const values = Object.fromEntries(FIELDS.map((name) => [name, field(name)])) as Values;
    try {
      const expiresAt = values.expiresAt
        ? expiryAfterDay(values.expiresAt, studio.tenant.timezone)
        : undefined;
      if (expiresAt === null) throw new ValidationError({ expiresAt: "Enter a date, like 2030-01-31." });
      const created = await issueApiKey(kv, studio.db, {
        tenantId: studio.tenant.id,
        name: values.name,
        role: values.role as Role,
        expiresAt,
        grantorRole: staff.role,
      }, actingAs(ctx));
      return ctx.render(await pageData(ctx, { values: BLANK, errors: {}, created }), { status: 201 });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return ctx.render(await pageData(ctx, { values, errors: err.fields }), { status: 422 });
    }
  },
});

async function pageData(ctx: Ctx, rest: Pick<Data, "values" | "errors" | "created">): Promise<Data> {
  const { kv } = depsOf(ctx);
  const tenantId = ctx.state.studio!.tenant.id;
  const [keys, origins] = await Promise.all([listApiKeys(kv, tenantId), allowedApiOrigins(kv, tenantId)]);
  return {
    keys,
    roles: grantableRoles(ctx.state.staff!.role),
    now: Date.now(),
    corsText: origins.join("\n"),
    ...rest,
  };
}

export default define.page<typeof handler>(({ data, state }) => {
  const { t } = state;
  const studio = state.studio!;
  const zone = studio.tenant.timezone;
  const when = (iso: string) => formatDateTime(new Date(iso), zone, state.locale);
  const summary = Object.entries(data.errors).map(([name, message]) => ({ name, message }));
  const docs = `${studio.base}/api/v1/openapi.json`;
  return (
    <>
      <PageHeader
        title={t("apikeys.title")}
        description={t("apikeys.intro")}
        actions={<Button href={docs} variant="secondary">{t("apikeys.docs")}</Button>}
      />
      <SettingsNav
        base={studio.base}
        path="/app/settings/api-keys"
        role={state.staff!.role}
        t={t}
        class="mt-4"
      />
      {data.revoked && (
        <Toast tone="success" dismissLabel={t("common.dismiss")} class="mt-6">
          {t("apikeys.revoked", { name: data.revoked.name })}
        </Toast>
      )}
      {data.created && (
        <Card title={t("apikeys.created.title")} class="mt-6 border-success-200">
          <p class="text-sm text-ink">{t("apikeys.created.body", { name: data.created.key.name })}</p>
          <pre class="mt-3 overflow-x-auto rounded-md border border-line bg-canvas p-3 text-sm">
            <code id="new-api-key">{data.created.token}</code>
          </pre>
          <p class="mt-3 text-sm text-ink-muted">{t("apikeys.created.usage")}</p>
        </Card>
      )}
      <FormErrorSummary title={t("apikeys.problem")} errors={summary} class="mt-6" />
      <div class="mt-6 flex flex-col gap-6">
        <Table
          caption={t("apikeys.list")}
          rows={data.keys}
          empty={t("apikeys.empty")}
          columns={[
            { key: "name", header: t("apikeys.name"), rowHeader: true },
            {
              key: "prefix",
              header: t("apikeys.prefix"),
              render: (key) => <code class="text-xs">{key.prefix}…</code>,
            },
            { key: "role", header: t("apikeys.role"), render: (key) => t(`role.${key.role}`) },
            {
              key: "status",
              header: t("apikeys.status"),
              render: (key) => {
                const status = apiKeyStatus(key, data.now);
                return <Badge tone={TONES[status]}>{t(`apikeys.status.${status}`)}</Badge>;
              },
            },
            {
              key: "createdAt",
              header: t("apikeys.created_at"),
              render: (key) =>
                t("apikeys.created_by", { date: when(key.createdAt), name: key.createdBy.label ?? "" }),
            },
            {
              key: "lastUsedAt",
              header: t("apikeys.last_used"),
              render: (key) => key.lastUsedAt ? when(key.lastUsedAt) : t("apikeys.never"),
            },
            {
              key: "expiresAt",
              header: t("apikeys.expires_at"),
              // Shown as the last valid day, the way it was entered.
              render: (key) =>
                key.expiresAt
                  ? formatDate(new Date(Date.parse(key.expiresAt) - 1), zone, state.locale)
                  : t("apikeys.no_expiry"),
            },
            {
              key: "actions",
              header: t("common.actions"),
              render: (key) =>
                !key.revokedAt && (
                  <>
                    <DialogTrigger
                      dialogId={`revoke-dialog-${key.id}`}
                      variant="secondary"
                      size="sm"
                      aria-label={t("apikeys.revoke_named", { name: key.name })}
                    >
                      {t("apikeys.revoke")}
                    </DialogTrigger>
                    <Dialog
                      id={`revoke-dialog-${key.id}`}
                      title={t("apikeys.revoke.title", { name: key.name })}
                      closeLabel={t("common.close")}
                      class="whitespace-normal"
                    >
                      <p class="text-sm">{t("apikeys.revoke.body")}</p>
                      <form method="post" class="mt-4 flex flex-wrap justify-end gap-2">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={key.id} />
                        <Button variant="secondary" command="close" commandfor={`revoke-dialog-${key.id}`}>
                          {t("common.cancel")}
                        </Button>
                        <Button type="submit" variant="danger">{t("apikeys.revoke")}</Button>
                      </form>
                    </Dialog>
                  </>
                ),
            },
          ]}
        />
        <Card title={t("apikeys.new")}>
          <form
            method="post"
            class="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_14rem_12rem_auto] lg:items-start"
          >
            <input type="hidden" name="intent" value="create" />
            <Input
              label={t("apikeys.name")}
              name="name"
              value={data.values.name}
              hint={t("apikeys.name_hint")}
              error={data.errors.name}
              maxlength={100}
              autocomplete="off"
              required
            />
            <Select
              label={t("apikeys.role")}
              name="role"
              value={data.values.role}
              options={data.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              hint={t("apikeys.role_hint")}
              error={data.errors.role}
              required
            />
            <Input
              label={t("apikeys.expires")}
              name="expiresAt"
              type="date"
              value={data.values.expiresAt}
              hint={t("apikeys.expires_hint")}
              error={data.errors.expiresAt}
            />
            <Button type="submit" class="lg:mt-6">{t("apikeys.create")}</Button>
          </form>
        </Card>
        <section id="cors">
          <Card title={t("apikeys.cors.title")}>
            {data.corsSaved && (
              <Toast tone="success" dismissLabel={t("common.dismiss")} class="mb-4">
                {t("apikeys.cors.saved")}
              </Toast>
            )}
            <p class="text-sm text-ink-muted">{t("apikeys.cors.intro")}</p>
            <form method="post" class="mt-4 flex flex-col gap-4">
              <input type="hidden" name="intent" value="cors" />
              <Textarea
                label={t("apikeys.cors.origins")}
                name="allowedOrigins"
                value={data.corsText}
                rows={4}
                hint={t("apikeys.cors.origins_hint")}
                error={data.corsError}
                spellcheck={false}
                autocomplete="off"
              />
              <div>
                <Button type="submit">{t("apikeys.cors.save")}</Button>
              </div>
            </form>
          </Card>
        </section>
      </div>
    </>
  );
});
