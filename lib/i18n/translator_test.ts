import assert from "node:assert/strict";
import { createTranslator } from "./translator.ts";
import type { MessageId } from "./messages/en.ts";

Deno.test("the translator reports its locale and renders messages in it", () => {
  const english = createTranslator("en");
  const french = createTranslator("fr");
  assert.equal(english.locale, "en");
  assert.equal(french.locale, "fr");
  assert.equal(english.t("common.save"), "Save");
  assert.equal(french.t("common.save"), "Enregistrer");
});

Deno.test("placeholders are filled in both languages", () => {
  assert.equal(createTranslator("en").t("dashboard.welcome", { name: "Nina" }), "Welcome, Nina");
  assert.equal(createTranslator("fr").t("dashboard.welcome", { name: "Nina" }), "Bienvenue, Nina");
  assert.equal(
    createTranslator("fr").t("shell.section_coming.title", { section: "Factures" }),
    "La section Factures arrive bientôt",
  );
});

Deno.test("the rate-limit message pluralises seconds by each language's rules", () => {
  const english = createTranslator("en").t;
  const french = createTranslator("fr").t;
  assert.equal(english("error.rate_limited.body", { seconds: 1 }), "Try again in 1 second.");
  assert.equal(english("error.rate_limited.body", { seconds: 0 }), "Try again in 0 seconds.");
  assert.equal(english("error.rate_limited.body", { seconds: 30 }), "Try again in 30 seconds.");
  assert.equal(french("error.rate_limited.body", { seconds: 0 }), "Réessayez dans 0 seconde.");
  assert.equal(french("error.rate_limited.body", { seconds: 1 }), "Réessayez dans 1 seconde.");
  assert.equal(french("error.rate_limited.body", { seconds: 30 }), "Réessayez dans 30 secondes.");
});

Deno.test("an exact zero branch reads naturally in both languages", () => {
  assert.equal(createTranslator("en").t("dashboard.sessions_today", { count: 0 }), "No sessions today");
  assert.equal(
    createTranslator("fr").t("dashboard.sessions_today", { count: 0 }),
    "Aucune séance aujourd’hui",
  );
  assert.equal(createTranslator("fr").t("dashboard.sessions_today", { count: 1 }), "1 séance aujourd’hui");
});

Deno.test("a forgotten parameter shows the placeholder instead of throwing", () => {
  assert.equal(createTranslator("en").t("dashboard.welcome"), "Welcome, {name}");
  assert.equal(createTranslator("fr").t("error.server.body").endsWith("Référence\u00a0: {requestId}"), true);
});

Deno.test("an id forged at runtime renders as itself", () => {
  assert.equal(createTranslator("fr").t("no.such.message" as MessageId), "no.such.message");
});

Deno.test("translators are shared per locale and t works when destructured", () => {
  assert.equal(createTranslator("fr"), createTranslator("fr"));
  const { t } = createTranslator("en");
  assert.equal(t("dashboard.welcome", { name: "Ana" }), "Welcome, Ana");
});
