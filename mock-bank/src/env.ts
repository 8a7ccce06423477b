import { z } from "zod";
import { bankDatabaseUrl } from "@openbank/database/database-url";

/** Mock-bank environment. Parsed once at start-up; a bad value stops the process with a clear list. */
const schema = z.object({
  BANK_HOST: z.string().min(1).default("127.0.0.1"),
  BANK_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  BANK_DATABASE_URL: z
    .string()
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), "BANK_DATABASE_URL must start with file: or postgresql://"),
  BANK_INTERNAL_SECRET: z
    .string({ error: "BANK_INTERNAL_SECRET is required (run `npm run dev` once to generate local secrets)" })
    .min(32, "BANK_INTERNAL_SECRET must be at least 32 characters"),
  PORTAL_URL: z.url().default("http://localhost:3000"),
  /** How long an in-flight Idempotency-Key is held before a retry may take over (its holder crashed). */
  BANK_IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /**
   * Remember tenants (and their sandbox clock) in memory between calls. On by default (one
   * instance); `false` when several bank instances share a database, so a clock advance or a
   * reset made on one is seen by the others on their next call (one primary-key read per call).
   */
  BANK_TENANT_CACHE: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /** Snapshots an app may keep (POST /v1/sandbox/snapshots answers 409 past it). */
  BANK_SNAPSHOT_LIMIT: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Largest export file a snapshot may hold, and largest file POST /v1/sandbox/import takes, in
   * bytes (uncompressed JSON). A freshly seeded tenant exports about 0.7 MB (80 KB gzipped): the default, 3 MiB, is about 4× that.
   */
  BANK_SNAPSHOT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_048_576)
    .max(268_435_456)
    .default(3 * 1_048_576),
  /**
   * How often the bank books live activity for the tenants that have it on (sandbox time that
   * passed in real time, at each tenant's clock rate), in milliseconds; 0 turns the ticker off
   * (clock/advance still books it).
   */
  BANK_LIVE_ACTIVITY_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type BankEnv = z.infer<typeof schema>;

type Source = Record<string, string | undefined>;

/** Parses an environment object; throws one error listing every bad variable. */
export function parseBankEnv(source: Source): BankEnv {
  const input: Source = { ...source, BANK_DATABASE_URL: bankDatabaseUrl(source) };
  // Empty strings mean "unset" (a blank line in .env), so defaults apply.
  for (const key of Object.keys(input)) if (input[key] === "") delete input[key];
  const result = schema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid mock-bank environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
