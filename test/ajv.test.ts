// The Ajv that shipped code compiles schemas with checks formats, and says nothing about them.
import { expect, test, vi } from "vitest";
import { newAjv } from "../server/shared/ajv.ts";

test("checks date-time (and the other ajv-formats formats) instead of ignoring them with a warning", () => {
  const warn = vi.spyOn(console, "warn");
  const validate = newAjv().compile({ type: "string", format: "date-time" });
  expect(validate("2026-12-03T06:06:06.000Z")).toBe(true);
  expect(validate("the third of December")).toBe(false);
  expect(newAjv().compile({ type: "string", format: "uri" })("not a uri")).toBe(false);
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});
