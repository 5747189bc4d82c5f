import { Button } from "./Button.tsx";
import { Card } from "./Card.tsx";
import { Input } from "./Input.tsx";
import { Select } from "./Select.tsx";
import { Textarea } from "./Textarea.tsx";
import { isActiveCurrency } from "@/lib/billing/currency.ts";
import { CLIENT_KINDS, isCountryCode } from "@/lib/clients/client_input.ts";
import type { ClientFormValues } from "@/lib/clients/client_form.ts";
import { countryOptions, currencyOptions } from "@/lib/i18n/choices.ts";
import { type Locale, type MessageId, SUPPORTED_LOCALES, type Translator } from "@/lib/i18n/mod.ts";

export interface ClientFieldsProps {
  values: ClientFormValues;
  /** By field name; contact fields as `contacts.<row>.<field>`. */
  errors: Record<string, string>;
  t: Translator["t"];
  locale: Locale;
}

const ROLES: MessageId[] = [
  "clients.role.manager",
  "clients.role.ar",
  "clients.role.accountant",
  "clients.role.band_member",
  "clients.role.booking_agent",
  "clients.role.producer",
];

const ROLE_LIST_ID = "client-contact-roles";

/** Each supported language by its own name ("Français"), as the client would look for it. */
function languageOptions() {
  return SUPPORTED_LOCALES.map((code) => ({
    value: code,
    label: new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code,
  }));
}

/**
 * The fields of the client form (new and edit): who, how to reach them, address, billing, and one
 * row per contact. Contact rows post as `contacts[<row>].<field>`; a submit button named `intent`
 * with the value `add_contact` asks for one more row without saving (no JavaScript needed).
 */
export function ClientFields({ values, errors, t, locale }: ClientFieldsProps) {
  const text = (name: keyof Omit<ClientFormValues, "contacts">) => ({
    name,
    value: values[name],
    error: errors[name],
  });
  return (
    <>
      <Card title={t("clients.form.identity")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Select
            label={t("clients.form.kind")}
            hint={t("clients.form.kind_hint")}
            options={CLIENT_KINDS.map((kind) => ({ value: kind, label: t(`clients.kind.${kind}`) }))}
            required
            {...text("kind")}
          />
          <Input
            label={t("clients.form.name")}
            hint={t("clients.form.name_hint")}
            autocomplete="off"
            required
            {...text("name")}
          />
          <Input
            label={t("clients.form.artist_name")}
            hint={t("clients.form.artist_name_hint")}
            autocomplete="off"
            {...text("artistName")}
          />
        </div>
      </Card>
      <Card title={t("clients.form.reach")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input label={t("clients.form.email")} type="email" autocomplete="off" {...text("email")} />
          <Input label={t("clients.form.phone")} type="tel" autocomplete="off" {...text("phone")} />
          <Textarea
            label={t("clients.form.extra_emails")}
            hint={t("clients.form.one_per_line")}
            rows={2}
            {...text("extraEmails")}
          />
          <Textarea
            label={t("clients.form.extra_phones")}
            hint={t("clients.form.one_per_line")}
            rows={2}
            {...text("extraPhones")}
          />
        </div>
      </Card>
      <Card title={t("clients.form.address")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input label={t("clients.form.street")} class="sm:col-span-2" {...text("addressLine1")} />
          <Input label={t("clients.form.address_more")} class="sm:col-span-2" {...text("addressLine2")} />
          <Input label={t("clients.form.postal_code")} {...text("postalCode")} />
          <Input label={t("clients.form.city")} {...text("city")} />
          <Input label={t("clients.form.region")} {...text("region")} />
          <Select
            label={t("clients.form.country")}
            options={countryOptions(locale).filter((c) => isCountryCode(c.value))}
            placeholder="—"
            {...text("country")}
          />
        </div>
      </Card>
      <Card title={t("clients.form.billing")}>
        <div class="grid gap-4 sm:grid-cols-2">
          <Input label={t("clients.form.tax_id")} hint={t("clients.form.tax_id_hint")} {...text("taxId")} />
          <Input label={t("clients.form.tags")} hint={t("clients.form.tags_hint")} {...text("tags")} />
          <Select
            label={t("clients.form.locale")}
            options={languageOptions()}
            placeholder={t("clients.form.studio_default")}
            {...text("locale")}
          />
          <Select
            label={t("clients.form.currency")}
            hint={t("clients.form.currency_hint")}
            options={currencyOptions(locale).filter((c) => isActiveCurrency(c.value))}
            placeholder={t("clients.form.studio_default")}
            {...text("currency")}
          />
        </div>
      </Card>
      <Card title={t("clients.form.contacts")}>
        <p class="mb-4 text-sm text-ink-muted">{t("clients.form.contacts_intro")}</p>
        <datalist id={ROLE_LIST_ID}>
          {ROLES.map((role) => <option key={role} value={t(role)} />)}
        </datalist>
        {errors.contacts && <p class="mb-4 text-sm font-medium text-danger-700">{errors.contacts}</p>}
        <div class="flex flex-col gap-4">
          {values.contacts.map((contact, row) => {
            const field = (name: "name" | "role" | "email" | "phone") => ({
              name: `contacts[${row}].${name}`,
              value: contact[name],
              error: errors[`contacts.${row}.${name}`],
            });
            return (
              <fieldset key={row} class="rounded-md border border-line p-4">
                <legend class="px-1 text-sm font-semibold text-ink">
                  {t("clients.form.contact_legend", { number: String(row + 1) })}
                </legend>
                <input type="hidden" name={`contacts[${row}].id`} value={contact.id} />
                <div class="grid gap-4 sm:grid-cols-2">
                  <Input label={t("clients.form.contact_name")} autocomplete="off" {...field("name")} />
                  <Input
                    label={t("clients.form.contact_role")}
                    {
                      // Suggestions for a free-text role; Preact types `list` only on some input types.
                      ...{ list: ROLE_LIST_ID }
                    }
                    autocomplete="off"
                    {...field("role")}
                  />
                  <Input
                    label={t("clients.form.contact_email")}
                    type="email"
                    autocomplete="off"
                    {...field("email")}
                  />
                  <Input
                    label={t("clients.form.contact_phone")}
                    type="tel"
                    autocomplete="off"
                    {...field("phone")}
                  />
                </div>
              </fieldset>
            );
          })}
        </div>
        <Button
          type="submit"
          name="intent"
          value="add_contact"
          variant="secondary"
          formnovalidate
          class="mt-4"
        >
          {t("clients.form.add_contact")}
        </Button>
      </Card>
    </>
  );
}
