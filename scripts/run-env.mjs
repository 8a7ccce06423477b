// What `npm run dev` / `npm start` (scripts/run.mjs) add to the environment, for settings the
// operator has not set (in the environment or a .env file): theirs always win.

/**
 * Loopback webhook receivers (http://localhost:4000/hooks) are for local development: `dev`
 * turns them on; `start` runs the production build, which may be shared, so they stay off there
 * unless WEBHOOKS_ALLOW_LOOPBACK is set explicitly. (Even on, the bank's and the portal's own
 * ports never receive a delivery: lib/webhooks/internal-ports.ts.)
 */
export function modeDefaults(mode) {
  return { WEBHOOKS_ALLOW_LOOPBACK: mode === "dev" ? "true" : "false" };
}

/** Sets every default of `mode` the environment does not already have. */
export function applyModeDefaults(mode, environment) {
  for (const [name, value] of Object.entries(modeDefaults(mode))) environment[name] ??= value;
  return environment;
}
