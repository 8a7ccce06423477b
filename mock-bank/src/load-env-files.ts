import { existsSync } from "node:fs";

/**
 * Loads `.env.local`, then `.env`, from the working directory (the repo root). Variables
 * already set in the process win, so the first file that sets a name wins over later ones:
 * the same order as scripts/load-env.mjs and Next.js.
 */
export function loadEnvFiles(files: readonly string[] = [".env.local", ".env"]): void {
  for (const file of files) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
