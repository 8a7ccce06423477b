import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * The portal serves this package as a tarball (`npm pack` of packages/cli, see
 * scripts/downloads-build.ts) that partners `npm install -g`: only its dist/, bin/ and the
 * registry dependencies its package.json declares travel with it. So the CLI's own code must not
 * import a workspace package (`@openbank/*` is not on npm) nor reach outside packages/cli with a
 * relative path, and every package it imports must be a declared dependency. Copy what you need
 * from a workspace package into src/ instead (or generate it, like portal-api-schema.d.ts).
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.dirname(SRC);
const manifest = JSON.parse(readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { dependencies?: Record<string, string> };

/** The CLI's shipped sources: every .ts under src/ except tests and declaration files. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** What a file imports at run time: `import … from`, `export … from`, bare `import "x"`, `import("x")`; `import type` is erased. */
function runtimeImports(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found = [
    ...withoutComments.matchAll(/^\s*(?:import|export)(?!\s+type\s)[^;"']*?\sfrom\s+["']([^"']+)["']/gm),
    ...withoutComments.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...withoutComments.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return found.map((match) => match[1]);
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
const builtin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(packageOf(specifier));

function problems(): string[] {
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  return sources().flatMap((file) => {
    const name = path.relative(PACKAGE, file);
    return runtimeImports(readFileSync(file, "utf8")).flatMap((specifier) => {
      if (specifier.startsWith("@openbank/"))
        return [`${name} imports the workspace package ${specifier}, which is not on npm: the CLI the portal serves could not load it`];
      if (specifier.startsWith(".")) {
        const target = path.resolve(path.dirname(file), specifier);
        return target.startsWith(`${SRC}${path.sep}`)
          ? []
          : [`${name} imports ${specifier}, outside packages/cli/src: not in the packed CLI`];
      }
      if (builtin(specifier) || declared.has(packageOf(specifier))) return [];
      return [`${name} imports ${specifier}, which packages/cli/package.json does not declare in its dependencies`];
    });
  });
}

describe("the CLI as the portal serves it (npm pack of packages/cli)", () => {
  it("imports only its own files, Node's modules and the dependencies its package.json declares (never a workspace @openbank/* package)", () => {
    expect(sources().length).toBeGreaterThan(0);
    expect(problems()).toEqual([]);
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith("@openbank/"))).toEqual([]);
  });

  it("sees every kind of run-time import and skips type-only ones", () => {
    const code = [
      'import { a } from "@openbank/contracts/errors";',
      'import type { B } from "@openbank/database";',
      "import {\n  c,\n  d,\n} from 'commander';",
      'export { e } from "./e.js";',
      'import "./side-effect.js";',
      'const f = await import("open");',
      '// import { g } from "@openbank/commented";',
    ].join("\n");
    expect(runtimeImports(code)).toEqual(["@openbank/contracts/errors", "commander", "./e.js", "./side-effect.js", "open"]);
  });
});
