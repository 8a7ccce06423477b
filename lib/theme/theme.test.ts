import { describe, expect, it } from "vitest";
import { applyTheme, parseTheme, THEME_INIT_SCRIPT } from "./theme";

function fakeRoot() {
  const classes = new Set<string>();
  return {
    classes,
    root: {
      classList: {
        add: (name: string) => classes.add(name),
        remove: (...names: string[]) => names.forEach((name) => classes.delete(name)),
      },
    } as unknown as HTMLElement,
  };
}

function fakeStorage() {
  const values = new Map<string, string>();
  return {
    values,
    storage: { setItem: (key: string, value: string) => values.set(key, value), removeItem: (key: string) => values.delete(key) },
  };
}

describe("theme", () => {
  it("parses only the three known choices", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("sepia")).toBe("system");
    expect(parseTheme(null)).toBe("system");
  });

  it("pins light or dark with a class and remembers it; system removes both", () => {
    const { root, classes } = fakeRoot();
    const { storage, values } = fakeStorage();
    applyTheme("dark", root, storage);
    expect([...classes]).toEqual(["dark"]);
    expect(values.get("theme")).toBe("dark");
    applyTheme("light", root, storage);
    expect([...classes]).toEqual(["light"]);
    applyTheme("system", root, storage);
    expect([...classes]).toEqual([]);
    expect(values.has("theme")).toBe(false);
  });

  it("the pre-paint script applies a stored choice and ignores anything else", () => {
    for (const [stored, expected] of [
      ["dark", ["dark"]],
      ["light", ["light"]],
      ["<img>", []],
      [null, []],
    ] as const) {
      const { root, classes } = fakeRoot();
      const run = new Function("localStorage", "document", THEME_INIT_SCRIPT);
      run({ getItem: () => stored }, { documentElement: root });
      expect([...classes]).toEqual(expected);
    }
  });

  it("the pre-paint script survives storage that throws", () => {
    const run = new Function("localStorage", "document", THEME_INIT_SCRIPT);
    expect(() =>
      run(
        {
          getItem: () => {
            throw new Error("denied");
          },
        },
        { documentElement: fakeRoot().root },
      ),
    ).not.toThrow();
  });
});
