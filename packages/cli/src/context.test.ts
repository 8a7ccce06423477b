import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { configPath, readProfile, writeProfile } from "./config.js";
import { requireApp, resolveContext } from "./context.js";
import { CliError, EXIT } from "./errors.js";

const freshEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ OPENBANK_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "openbank-cli-")), ...extra }) as unknown as NodeJS.ProcessEnv;

/** A parsed command line as the program's commands see it (global options on the root). */
function parsed(args: string[]): Command {
  let leaf!: Command;
  const program = new Command("openbank")
    .option("--json")
    .option("--token <pat>")
    .option("--api-key <key>")
    .option("--base-url <url>")
    .option("--profile <name>")
    .option("--app <appId>")
    .exitOverride();
  program.command("probe").action((_options, command: Command) => {
    leaf = command;
  });
  program.parse(["node", "openbank", ...args, "probe"]);
  return leaf;
}

describe("the CLI's profiles", () => {
  it("are written 0600 in a 0700 folder and merged field by field; undefined removes a field", () => {
    const env = freshEnv();
    writeProfile("default", { token: "pat_a", baseUrl: "http://localhost:3000" }, env);
    writeProfile("default", { appId: "app_1", token: undefined }, env);
    expect(readProfile("default", env)).toEqual({ baseUrl: "http://localhost:3000", appId: "app_1" });
    expect(statSync(configPath(env)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(configPath(env))).mode & 0o777).toBe(0o700);
    expect(readProfile("other", env)).toEqual({});
  });

  it("say how to recover from a corrupt config file", () => {
    const env = freshEnv();
    writeProfile("default", { token: "pat_a" }, env);
    writeFileSync(configPath(env), "{ not json");
    expect(() => readProfile("default", env)).toThrow(/not valid JSON: fix or delete it/);
    expect(readFileSync(configPath(env), "utf8")).toBe("{ not json");
  });
});

describe("resolveContext", () => {
  it("takes the flag over the environment over the profile over the default", () => {
    const env = freshEnv({ OPENBANK_TOKEN: "pat_env", OPENBANK_URL: "http://env:3000" });
    writeProfile("default", { token: "pat_profile", baseUrl: "http://profile:3000", appId: "app_profile" }, env);
    expect(resolveContext(parsed(["--token", "pat_flag"]), env)).toMatchObject({
      token: "pat_flag",
      baseUrl: "http://env:3000",
      appId: "app_profile",
    });
    expect(resolveContext(parsed([]), env)).toMatchObject({ token: "pat_env", json: false });
    expect(
      resolveContext(parsed(["--json"]), { OPENBANK_CONFIG_DIR: env.OPENBANK_CONFIG_DIR } as unknown as NodeJS.ProcessEnv),
    ).toMatchObject({
      token: "pat_profile",
      baseUrl: "http://profile:3000",
      json: true,
    });
    expect(resolveContext(parsed([]), freshEnv())).toMatchObject({
      baseUrl: "http://localhost:3000",
      token: undefined,
      profileName: "default",
    });
  });

  it("reads and saves the profile --profile names", () => {
    const env = freshEnv();
    writeProfile("staging", { token: "pat_staging" }, env);
    const context = resolveContext(parsed(["--profile", "staging"]), env);
    expect(context.token).toBe("pat_staging");
    context.save({ appId: "app_2" });
    expect(readProfile("staging", env)).toEqual({ token: "pat_staging", appId: "app_2" });
    expect(readProfile("default", env)).toEqual({});
  });

  it("refuses a base URL that is not an origin, as a usage error", () => {
    for (const bad of ["localhost:3000", "http://localhost:3000/api", "ftp://x"]) {
      const error = (() => {
        try {
          resolveContext(parsed(["--base-url", bad]), freshEnv());
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, bad).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT.usage);
    }
    expect(resolveContext(parsed(["--base-url", "http://localhost:3000/"]), freshEnv()).baseUrl).toBe("http://localhost:3000");
  });

  it("says how to choose an app when none is chosen", () => {
    expect(() => requireApp(resolveContext(parsed([]), freshEnv()))).toThrow(/openbank apps use/);
    expect(requireApp(resolveContext(parsed(["--app", "app_x"]), freshEnv()))).toBe("app_x");
  });
});
