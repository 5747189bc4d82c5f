import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { createTranslator } from "../i18n/mod.ts";
import { ENGINEER_DEFAULTS } from "./engineers.ts";
import { GEAR_DEFAULTS } from "./gear.ts";
import {
  engineerFromForm,
  engineerValues,
  gearFromForm,
  gearValues,
  hoursText,
  minutesFromHours,
  roomFromForm,
  roomValues,
  spanErrors,
} from "./resource_forms.ts";
import { fieldMessages } from "./resource_validation.ts";
import { ROOM_DEFAULTS } from "./rooms.ts";

const EUR_EN = { currency: "EUR", locale: "en" } as const;
const EUR_FR = { currency: "EUR", locale: "fr" } as const;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** A room form as a new-room page first shows it, with some fields changed. */
function roomForm(changes: Record<string, string>, where: typeof EUR_EN | typeof EUR_FR = EUR_EN): FormData {
  return form({ ...roomValues({ name: "Studio A", ...ROOM_DEFAULTS }, where), ...changes });
}

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  assert.fail("the form was accepted");
}

Deno.test("hours are read as exact minutes: decimals with either separator, or h:mm", () => {
  assert.equal(minutesFromHours("2"), 120);
  assert.equal(minutesFromHours("1.5"), 90);
  assert.equal(minutesFromHours("1,25"), 75);
  assert.equal(minutesFromHours("0.1"), 6);
  assert.equal(minutesFromHours("1:30"), 90);
  assert.equal(minutesFromHours("0.01"), undefined, "0.6 min is not a whole minute: refused, not rounded");
  assert.equal(minutesFromHours("1.333"), undefined);
  assert.equal(minutesFromHours("-1"), undefined);
  assert.equal(minutesFromHours("1:75"), undefined);
});

Deno.test("every length up to a day shows as text that reads back to the same minutes", () => {
  for (const locale of ["en", "fr"] as const) {
    for (let minutes = 0; minutes <= 24 * 60; minutes++) {
      assert.equal(minutesFromHours(hoursText(minutes, locale)), minutes, `${minutes} min in ${locale}`);
    }
  }
  assert.equal(hoursText(90, "en"), "1.5");
  assert.equal(hoursText(90, "fr"), "1,5");
  assert.equal(hoursText(100, "en"), "1:40");
  assert.equal(hoursText(45, "en"), "0.75");
});

Deno.test("a room form becomes minor units, minutes and weekly intervals", () => {
  const input = roomFromForm(
    roomForm({
      hourlyRate: "1 234,50",
      halfDayRate: "200",
      halfDayMinutes: "4,5",
      dayRate: "",
      nightRate: "80,5",
      minimumMinutes: "1:30",
      setupMinutes: "15",
      "openingHours.1.open": "09:00",
      "openingHours.1.close": "13:00",
      "openingHours.1.open2": "14:00",
      "openingHours.1.close2": "22:00",
      "openingHours.5.open": "22:00",
      "openingHours.5.close": "02:00",
    }, EUR_FR),
    EUR_FR,
  );
  assert.equal(input.hourlyRate, 123450);
  assert.equal(input.halfDayRate, 20000);
  assert.equal(input.halfDayMinutes, 270);
  assert.equal(input.dayRate, null, "an empty rate is not offered");
  assert.equal(input.nightRate, 8050);
  assert.equal(input.minimumMinutes, 90);
  assert.equal(input.setupMinutes, 15);
  assert.deepEqual(input.openingHours, [
    { weekday: 1, open: "09:00", close: "13:00" },
    { weekday: 1, open: "14:00", close: "22:00" },
    { weekday: 5, open: "22:00", close: "02:00" },
  ]);
});

Deno.test("amounts follow the currency's decimals: yen are whole, dinars have three", () => {
  const yen = { currency: "JPY", locale: "en" } as const;
  assert.equal(roomFromForm(roomForm({ hourlyRate: "5000" }, EUR_EN), yen).hourlyRate, 5000);
  const err = refusal(() => roomFromForm(roomForm({ hourlyRate: "50.5" }), yen));
  assert.equal(err.fields.hourlyRate, "Enter an amount of zero or more such as 120, without decimals.");
  const dinar = { currency: "KWD", locale: "fr" } as const;
  assert.equal(roomFromForm(roomForm({ hourlyRate: "12,125" }, EUR_FR), dinar).hourlyRate, 12125);
});

Deno.test("every problem of a room form is reported at once, beside its field, in the reader's language", () => {
  const err = refusal(() =>
    roomFromForm(
      roomForm({
        name: " ",
        hourlyRate: "abc",
        capacity: "-2",
        colour: "red",
        minimumMinutes: "0.01",
        "openingHours.2.open": "09:00",
        "openingHours.3.open": "09:00",
        "openingHours.3.close": "13:00",
        "openingHours.3.open2": "12:00",
        "openingHours.3.close2": "15:00",
      }),
      EUR_EN,
    )
  );
  assert.deepEqual(Object.keys(err.fields).sort(), [
    "capacity",
    "colour",
    "hourlyRate",
    "minimumMinutes",
    "name",
    "openingHours.2",
    "openingHours.3",
  ]);
  assert.equal(err.fields.name, "Enter a name.");
  assert.match(err.fields["openingHours.2"], /both an opening and a closing time/);
  assert.equal(fieldMessages(err, createTranslator("fr").t).name, "Indiquez un nom.");
  const inFrench = refusal(() => roomFromForm(roomForm({ hourlyRate: "abc" }, EUR_FR), EUR_FR));
  assert.equal(
    fieldMessages(inFrench, createTranslator("fr").t).hourlyRate,
    "Indiquez un montant positif ou nul, par exemple 120,00, avec au plus 2 décimales.",
  );
});

Deno.test("a stored room, engineer or gear item reads back from its own form unchanged", () => {
  const room = {
    name: "Studio B",
    ...ROOM_DEFAULTS,
    kind: "live" as const,
    capacity: 8,
    hourlyRate: 4550,
    halfDayRate: 15000,
    halfDayMinutes: 270,
    dayRate: 28000,
    dayMinutes: 100,
    nightRate: 6000,
    minimumMinutes: 90,
    openingHours: [{ weekday: 2, open: "10:00", close: "02:00" }],
  };
  for (const where of [EUR_EN, EUR_FR]) {
    assert.deepEqual(roomFromForm(form(roomValues(room, where)), where), { ...room, location: "" });
  }
  const engineer = { name: "Sam", ...ENGINEER_DEFAULTS, hourlyRate: 3500, dayRate: 25000, staffId: "u_1" };
  assert.deepEqual(engineerFromForm(form(engineerValues(engineer, EUR_FR)), EUR_FR), {
    ...engineer,
    email: "",
    phone: "",
  });
  const item = { name: "U 87", ...GEAR_DEFAULTS, quantity: 2, fee: 2500, feePer: "hour" as const };
  assert.deepEqual(gearFromForm(form(gearValues(item, EUR_EN)), EUR_EN), {
    ...item,
    category: "",
    notes: "",
  });
});

Deno.test("a gear form needs a number of units", () => {
  const values = gearValues({ name: "U 87", ...GEAR_DEFAULTS }, EUR_EN);
  assert.match(
    refusal(() => gearFromForm(form({ ...values, quantity: "" }), EUR_EN)).fields.quantity,
    /units/,
  );
  assert.ok(refusal(() => gearFromForm(form({ ...values, status: "lost" }), EUR_EN)).fields.status);
});

Deno.test("a span's domain problems land on the fields of the form that was sent", () => {
  assert.deepEqual(spanErrors("days", { endsAt: "x", reason: "y" }), { to: "x", reason: "y" });
  assert.deepEqual(spanErrors("times", { startsAt: "x" }), { start: "x" });
});
