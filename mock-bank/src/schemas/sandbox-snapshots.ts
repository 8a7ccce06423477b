import { z } from "zod";
import { EXPORT_FORMAT, EXPORT_VERSION } from "../domain/snapshots/export-sandbox";
import { Count, Timestamp } from "./common";

const Counts = z
  .object({
    customers: Count.describe("Test customers (personas, custom and onboarded customers)."),
    accounts: Count.describe("Accounts, the bank's own ledger accounts included."),
    transactions: Count.describe("Statement lines, booked and pending."),
    payments: Count.describe("Payments."),
    consents: Count.describe("Consents of every standard."),
    events: Count.describe("Webhook events in the outbox."),
    rows: z.number().int().min(0).describe("Every row of every table in the file."),
  })
  .meta({ id: "SnapshotCounts", description: "How much a snapshot or an export holds." });

const exampleCounts = { customers: 6, accounts: 42, transactions: 1647, payments: 0, consents: 0, events: 0, rows: 1716 };

/** A snapshot's name: also how CI restores it (`POST /v1/sandbox/snapshots/ci-baseline/restore`). */
export const SnapshotName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit")
  .refine((name) => !name.startsWith("snap_"), "must not start with snap_ (snapshot ids do)");

export const CreateSnapshotBody = z
  .strictObject({
    name: SnapshotName.describe("Unique in your app; restore, download or delete the snapshot by it, e.g. `ci-baseline`."),
  })
  .meta({ description: "The snapshot's name.", examples: [{ name: "ci-baseline" }] });

export const SnapshotParams = z.object({
  snapshot: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be a snapshot's id (snap_…) or its name")
    .describe("The snapshot's id (`snap_…`) or its name.")
    .meta({ examples: ["ci-baseline"] }),
});

export const Snapshot = z
  .object({
    id: z.string().describe("`snap_…`"),
    name: z.string(),
    size_bytes: z.number().int().min(0).describe("Size of the snapshot's export file (uncompressed JSON): what the size limit counts."),
    sandbox_time: Timestamp.describe("The sandbox's clock when it was taken: a restore sets the clock back to it."),
    created_at: Timestamp.describe("When it was taken (real time)."),
    counts: Counts,
  })
  .meta({
    id: "Snapshot",
    description: "A named copy of your sandbox's whole state.",
    examples: [
      {
        id: "snap_4nK1xrH6YoT2yRcJ1qS8uA",
        name: "ci-baseline",
        size_bytes: 691_892,
        sandbox_time: "2026-11-21T10:30:00.000Z",
        created_at: "2026-11-21T10:30:00.000Z",
        counts: exampleCounts,
      },
    ],
  });

export const SnapshotList = z
  .object({ data: z.array(Snapshot).describe("Newest first."), next_cursor: z.null().describe("Always null: an app keeps few snapshots.") })
  .meta({ id: "SnapshotList", description: "Your app's snapshots." });

export const SnapshotRestoreResult = z
  .object({
    counts: Counts,
    now: Timestamp.describe("The sandbox's clock after the restore: the time the state was taken at."),
    offset_seconds: z.number().int().describe("How far the clock now runs from real time (negative when behind it)."),
    ids_remapped: z
      .boolean()
      .describe("True when the file came from another app's sandbox: every id was replaced by a new one (the same on every import)."),
    events_marked_delivered: Count.describe(
      "Webhook events the state held as not yet delivered, stored as delivered: a restore never sends past events again.",
    ),
  })
  .meta({
    id: "SnapshotRestoreResult",
    description: "What the restore or import put back.",
    examples: [
      { counts: exampleCounts, now: "2026-11-21T10:30:00.000Z", offset_seconds: -3600, ids_remapped: false, events_marked_delivered: 0 },
    ],
  });

export const SandboxExport = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    tenant: z.string().describe("The app the state was exported from."),
    taken_at: Timestamp.describe("When it was exported (real time)."),
    sandbox_time: Timestamp.describe("The sandbox's clock at that moment."),
    seed_version: z.number().int().min(0).describe("The version of the seed the sandbox was created from."),
    counts: Counts,
    tables: z
      .record(z.string(), z.array(z.record(z.string(), z.unknown())))
      .describe(
        "Rows per table (`BankCustomer`, `BankAccount`, `BankTransaction`, …), columns as stored; integers of money and instants as strings, so they round-trip exactly. Credentials (OAuth codes and tokens), idempotency records and snapshots are not exported.",
      ),
  })
  .meta({
    id: "SandboxExport",
    description: "Your sandbox's whole state, as a file: import it with `POST /v1/sandbox/import`, into this app or another.",
  });

/** The import's body: any JSON object, checked against the format by the import itself (422 with pointers). */
export const SandboxExportUpload = z
  .record(z.string(), z.unknown())
  .meta({ description: "A file from `GET /v1/sandbox/export` (the `SandboxExport` schema), unchanged." });
