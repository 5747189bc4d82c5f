import assert from "node:assert/strict";
import { ValidationError } from "../errors.ts";
import { createTranslator } from "../i18n/mod.ts";
import { fieldMessages, parseResource } from "./resource_validation.ts";
import { weeklyHoursProblems, weeklyHoursSchema } from "./weekly_hours.ts";

const day = (weekday: number, open: string, close: string) => ({ weekday, open, close });

function refusal(intervals: unknown): ValidationError {
  try {
    parseResource(weeklyHoursSchema, intervals);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  assert.fail("the timetable was accepted");
}

Deno.test("a timetable is stored Monday first, in opening order, overnight hours included", () => {
  const hours = parseResource(weeklyHoursSchema, [
    day(5, "22:00", "02:00"),
    day(1, "14:00", "18:00"),
    day(1, "09:00", "13:00"),
    day(7, "00:00", "24:00"),
  ]);
  assert.deepEqual(hours, [
    day(1, "09:00", "13:00"),
    day(1, "14:00", "18:00"),
    day(5, "22:00", "02:00"),
    day(7, "00:00", "24:00"),
  ]);
});

Deno.test("intervals that only touch, and a closing time equal to the opening time (24 h), are accepted", () => {
  assert.deepEqual(weeklyHoursProblems([day(2, "09:00", "13:00"), day(2, "13:00", "18:00")]), {});
  assert.deepEqual(weeklyHoursProblems([day(3, "10:00", "10:00")]), {});
});

Deno.test("two intervals overlapping on one day are refused on that day, naming both", () => {
  const err = refusal([day(1, "09:00", "13:00"), day(1, "12:00", "18:00")]);
  assert.deepEqual(Object.keys(err.fields), ["1"]);
  assert.equal(err.fields["1"], "09:00–13:00 overlaps 12:00–18:00 on the same day.");
});

Deno.test("hours running past midnight may not overlap the next day's, Sunday's included", () => {
  const friday = refusal([day(5, "20:00", "03:00"), day(6, "02:00", "06:00")]);
  assert.match(friday.fields["6"], /02:00–06:00 overlaps the previous day’s hours, 20:00–03:00/);
  const sunday = refusal([day(7, "22:00", "06:00"), day(1, "05:00", "09:00")]);
  assert.deepEqual(Object.keys(sunday.fields), ["1"]);
  assert.deepEqual(weeklyHoursProblems([day(7, "22:00", "06:00"), day(1, "06:00", "09:00")]), {});
});

Deno.test("identical intervals are reported once", () => {
  assert.equal(
    Object.keys(weeklyHoursProblems([day(4, "10:00", "12:00"), day(4, "10:00", "12:00")])).length,
    1,
  );
});

Deno.test("times that are not HH:MM and weekdays outside 1–7 are refused", () => {
  assert.match(refusal([day(1, "9:00", "12:00")]).fields["1"], /“9:00” is not a time/);
  assert.match(refusal([day(1, "09:00", "24:30")]).fields["1"], /“24:30” is not a time/);
  assert.match(refusal([day(1, "24:00", "02:00")]).fields["1"], /“24:00” is not a time/);
  assert.match(refusal([day(8, "09:00", "12:00")]).fields.form, /from 1 \(Monday\) to 7 \(Sunday\)/);
  assert.ok(refusal([{ weekday: 1, open: 9 }]).fields["0.open"], "a malformed interval names its field");
});

Deno.test("problems read in the page's language", () => {
  const err = refusal([day(1, "09:00", "13:00"), day(1, "12:00", "18:00")]);
  assert.equal(
    fieldMessages(err, createTranslator("fr").t)["1"],
    "09:00–13:00 chevauche 12:00–18:00 le même jour.",
  );
});

Deno.test("a week holds at most 28 intervals", () => {
  const many = Array.from(
    { length: 29 },
    (_, i) => day((i % 7) + 1, `0${Math.floor(i / 7)}:00`, `0${Math.floor(i / 7)}:30`),
  );
  assert.match(refusal(many).fields.form, /at most 28 intervals/);
});
