import { expect, it } from "vitest";
import { bankErrors, catalog, isErrorCode, portalErrors, sharedErrors } from "./errors";

it("gives every code to exactly one part of the catalogue", () => {
  const parts = [sharedErrors, portalErrors, bankErrors].map((part) => Object.keys(part));
  const all = parts.flat();
  expect(new Set(all).size).toBe(all.length);
  expect(all.sort()).toEqual(Object.keys(catalog).sort());
});

it("has a 4xx or 5xx status, a title and a hint for every code", () => {
  for (const [code, info] of Object.entries(catalog)) {
    expect(info.status, code).toBeGreaterThanOrEqual(400);
    expect(info.status, code).toBeLessThan(600);
    expect(info.title.length, code).toBeGreaterThan(5);
    expect(info.hint.length, code).toBeGreaterThan(10);
  }
});

it("recognises codes and nothing else", () => {
  expect(isErrorCode("rate_limited")).toBe(true);
  expect(isErrorCode("toString")).toBe(false);
  expect(isErrorCode(undefined)).toBe(false);
});
