// Loads .env then .env.local (later files do not override what is already set), the same
// order Next.js uses, so scripts, the mock bank and the portal see one configuration.
import { existsSync } from "node:fs";

export function loadEnv() {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
