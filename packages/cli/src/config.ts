import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

/** What `openbank login` and `apps use` remember, per profile. */
export type Profile = {
  /** The portal's origin, e.g. http://localhost:3000. */
  baseUrl?: string;
  /** A personal access token (`pat_…`) from `openbank login` or `login --token`. */
  token?: string;
  /** The token's id (`tkn_…`), so `logout` can revoke it. */
  tokenId?: string;
  /** The app `apps use` picked: the default `--app` of every app command. */
  appId?: string;
};

type ConfigFile = { profiles: Record<string, Profile> };

/**
 * Where the CLI keeps its profiles: `$OPENBANK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/openbank`,
 * else `~/.config/openbank`. The file holds a token, so it is written 0600 in a 0700 folder
 * (as gh and the Stripe CLI keep theirs); `logout` revokes the token and removes it.
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OPENBANK_CONFIG_DIR) return env.OPENBANK_CONFIG_DIR;
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), ".config"), "openbank");
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), "config.json");
}

function readConfig(env: NodeJS.ProcessEnv): ConfigFile {
  const file = configPath(env);
  if (!existsSync(file)) return { profiles: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch {
    throw new Error(`${file} is not valid JSON: fix or delete it, then run \`openbank login\` again.`);
  }
}

export function readProfile(name: string, env: NodeJS.ProcessEnv = process.env): Profile {
  return readConfig(env).profiles[name] ?? {};
}

/** Merges `changes` into the profile (an `undefined` value removes that field) and saves atomically. */
export function writeProfile(
  name: string,
  changes: Partial<Record<keyof Profile, string | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
): Profile {
  const config = readConfig(env);
  const profile: Profile = { ...config.profiles[name] };
  for (const [key, value] of Object.entries(changes) as [keyof Profile, string | undefined][]) {
    if (value === undefined) delete profile[key];
    else profile[key] = value;
  }
  config.profiles[name] = profile;
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configPath(env);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return profile;
}
