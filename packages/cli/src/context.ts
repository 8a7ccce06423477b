import type { Command } from "commander";
import { readProfile, writeProfile, type Profile } from "./config.js";
import { usageError } from "./errors.js";

export const DEFAULT_BASE_URL = "http://localhost:3000";

/** The options every command takes (declared once on the program, read with optsWithGlobals). */
export type GlobalOptions = {
  json?: boolean;
  token?: string;
  apiKey?: string;
  baseUrl?: string;
  profile?: string;
  app?: string;
};

/**
 * Everything a command needs to know about where and as whom it runs. Precedence, highest
 * first: the flag, then the environment (`OPENBANK_TOKEN`, `OPENBANK_API_KEY`, `OPENBANK_URL`,
 * `OPENBANK_APP`, `OPENBANK_PROFILE`), then the saved profile, then the default.
 */
export type Context = {
  json: boolean;
  baseUrl: string;
  profileName: string;
  profile: Profile;
  /** A personal access token, for the portal API (`/api/*`). */
  token?: string;
  /** A sandbox API key (`sk_sandbox_…`), for the sandbox itself (`/v1/*`). */
  apiKey?: string;
  /** The app the command acts on, if any: `--app`, else `OPENBANK_APP`, else `apps use`'s choice. */
  appId?: string;
  env: NodeJS.ProcessEnv;
  /** Saves to the profile in use. */
  save(changes: Partial<Record<keyof Profile, string | undefined>>): Profile;
};

export function resolveContext(command: Command, env: NodeJS.ProcessEnv = process.env): Context {
  const options = command.optsWithGlobals<GlobalOptions>();
  const profileName = options.profile ?? env.OPENBANK_PROFILE ?? "default";
  const profile = readProfile(profileName, env);
  const baseUrl = (options.baseUrl ?? env.OPENBANK_URL ?? profile.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(baseUrl)) throw usageError(`--base-url must be an origin like ${DEFAULT_BASE_URL}, not "${baseUrl}".`);
  return {
    json: Boolean(options.json),
    baseUrl,
    profileName,
    profile,
    token: options.token ?? env.OPENBANK_TOKEN ?? profile.token,
    apiKey: options.apiKey ?? env.OPENBANK_API_KEY,
    appId: options.app ?? env.OPENBANK_APP ?? profile.appId,
    env,
    save: (changes) => writeProfile(profileName, changes, env),
  };
}

/** The app id a command acts on, or a usage error that says how to choose one. */
export function requireApp(context: Context): string {
  if (!context.appId) throw usageError("No app chosen: pass --app <app id>, set OPENBANK_APP, or run `openbank apps use <app id>`.");
  return context.appId;
}
