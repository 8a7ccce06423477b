import { GUIDE, type CheckResult, type LoggedCall, type ReadinessCheck } from "../readiness-check";

export const UK_PREFIX = "/open-banking/v4.0/";
export const BG_PREFIX = "/berlin-group/v1/";
/** The check's persona: the one the standards guides use. */
export const STANDARDS_PERSONA = "good_credit";
/** Once the app has called the standards, how long it must make no call at all before the check grades. */
export const SETTLE_MS = 5_000;
/** An app that never calls the standards is graded "not used" after this long. */
const TIMEOUT_MS = 20_000;

/** The report keeps at most this many request ids per check. */
const MAX_EVIDENCE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Standard = "uk" | "bg";

/** What one logged standards call says about a consent, as the check reads it. */
type Reading = {
  call: LoggedCall;
  standard: Standard;
  /** The consent the call names (its path, or Berlin Group's `Consent-ID`); null when only the token knows it (UK data calls). */
  consentId: string | null;
  /** A call that reads customer data under a consent (not a call on the consent resource itself). */
  data: boolean;
  /** The consent's status the answer told the app, in the standard's words (`AWAU`, `valid`, `received`…). */
  told: string | null;
  /** The bank refused the data call because of the consent's state (not authorised, rejected, revoked, expired). */
  refused: string | null;
};

const standardOf = (path: string): Standard | null => (path.startsWith(UK_PREFIX) ? "uk" : path.startsWith(BG_PREFIX) ? "bg" : null);

/** The header each standard requires on every request: its name and whether this call sent a usable one. */
function headerSent(call: LoggedCall, standard: Standard): { name: string; ok: boolean } {
  const name = standard === "uk" ? "x-fapi-interaction-id" : "x-request-id";
  const value = call.requestHeaders?.[name];
  return { name: standard === "uk" ? "x-fapi-interaction-id" : "X-Request-ID", ok: typeof value === "string" && UUID.test(value.trim()) };
}

function json(body: string | null): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const VALID: Record<Standard, string> = { uk: "AUTH", bg: "valid" };
/** UK 4.0 answers the status as a code; the older words are accepted too. */
const UK_STATUS: Record<string, string> = {
  Authorised: "AUTH",
  AwaitingAuthorisation: "AWAU",
  Rejected: "RJCT",
  Revoked: "CANC",
  Consumed: "COND",
  Expired: "EXPD",
};

function read(call: LoggedCall, standard: Standard): Reading {
  const path = call.path.split("?")[0];
  const body = json(call.responseBody);
  if (standard === "uk") {
    const consent = /^\/open-banking\/v4\.0\/[a-z]+\/([a-z-]+-consents)(?:\/([^/]+))?/.exec(path);
    if (consent) {
      const data = (body?.Data ?? null) as { ConsentId?: unknown; Status?: unknown } | null;
      const status = typeof data?.Status === "string" ? (UK_STATUS[data.Status] ?? data.Status) : null;
      const id = consent[2] ?? (typeof data?.ConsentId === "string" ? data.ConsentId : null);
      const deleted = call.method === "DELETE" && call.status >= 200 && call.status < 300;
      // Funds confirmation (`…/funds-confirmation`) is a use of the consent, not a read of it.
      const use = /\/funds-confirmation$/.test(path);
      return { call, standard, consentId: id, data: use, told: deleted ? "CANC" : use ? null : status, refused: ukRefusal(call) };
    }
    const isData = path.startsWith(`${UK_PREFIX}aisp/`) || (path.startsWith(UK_PREFIX) && call.method !== "GET" && /payments/.test(path));
    return { call, standard, consentId: null, data: isData, told: null, refused: isData ? ukRefusal(call) : null };
  }
  const consent = /^\/berlin-group\/v1\/consents(?:\/([^/]+))?/.exec(path);
  if (consent) {
    const id = consent[1] ?? (typeof body?.consentId === "string" ? body.consentId : null);
    const deleted = call.method === "DELETE" && call.status >= 200 && call.status < 300;
    const status = typeof body?.consentStatus === "string" ? body.consentStatus : null;
    return { call, standard, consentId: id, data: false, told: deleted ? "terminatedByTpp" : status, refused: null };
  }
  const isData = /^\/berlin-group\/v1\/(accounts|card-accounts)(\/|$)/.test(path);
  const consentId = call.requestHeaders?.["consent-id"] ?? null;
  return { call, standard, consentId, data: isData, told: null, refused: isData ? bgRefusal(call) : null };
}

/** A UK refusal for the consent's state: 403 InvalidConsentStatus, or a 401 whose challenge says the consent was revoked or expired. */
function ukRefusal(call: LoggedCall): string | null {
  if (call.status === 403 && /InvalidConsentStatus/.test(call.responseBody ?? "")) return "not authorised";
  if (call.status === 401) {
    const challenge = call.responseHeaders?.["www-authenticate"] ?? "";
    const said = /(revoked|expired|awaiting authorisation|rejected)/i.exec(challenge);
    if (said) return said[1].toLowerCase();
  }
  return null;
}

/** A Berlin Group refusal for the consent's state: CONSENT_EXPIRED, or CONSENT_INVALID for one not (or no longer) valid. */
function bgRefusal(call: LoggedCall): string | null {
  if (call.status !== 401) return null;
  const messages = (json(call.responseBody)?.tppMessages ?? []) as { code?: unknown; text?: unknown }[];
  for (const message of Array.isArray(messages) ? messages : []) {
    if (message.code === "CONSENT_EXPIRED") return "expired";
    if (message.code !== "CONSENT_INVALID") continue;
    // CONSENT_INVALID also means "this account is not covered": only the lifecycle's reasons count here.
    const why = /(not authorised|rejected|terminated|revoked)/.exec(String(message.text ?? ""));
    if (why) return why[1];
  }
  return null;
}

/** Grades the standards traffic (exported for the unit tests); null while there is none. */
export function gradeStandards(calls: LoggedCall[]): CheckResult | null {
  const readings = calls
    .map((call) => ({ call, standard: standardOf(call.path) }))
    .filter((entry): entry is { call: LoggedCall; standard: Standard } => entry.standard !== null)
    .sort((a, b) => a.call.startedAt - b.call.startedAt)
    .map(({ call, standard }) => read(call, standard));
  if (!readings.length) return null;

  const missing = readings.filter((reading) => !headerSent(reading.call, reading.standard).ok);
  // The lifecycle: the last status each consent was known to have (from the app's own reads, or the bank's refusals).
  const known = new Map<string, string>();
  const misuse: { reading: Reading; why: string }[] = [];
  /** UK data calls carry no consent id: a second refusal for a dead consent shows it was used again. */
  let ukDead: Reading | null = null;
  for (const reading of readings) {
    const { consentId, standard } = reading;
    if (reading.data) {
      const status = consentId ? known.get(`${standard}:${consentId}`) : undefined;
      if (status !== undefined && status !== VALID[standard]) {
        misuse.push({
          reading,
          why: `${reading.call.method} ${reading.call.path.split("?")[0]} used consent ${consentId} while it was ${status}`,
        });
      } else if (reading.refused && consentId === null && standard === "uk" && ukDead) {
        misuse.push({
          reading,
          why: `${reading.call.method} ${reading.call.path.split("?")[0]} used a consent again after the bank said it was ${ukDead.refused}`,
        });
      } else if (reading.refused && status === undefined && reading.refused === "not authorised") {
        // The app never read it, yet it was never authorised: it skipped the authorisation step.
        misuse.push({ reading, why: `${reading.call.method} ${reading.call.path.split("?")[0]} used a consent that was not authorised` });
      }
      if (reading.refused) {
        if (consentId) known.set(`${standard}:${consentId}`, reading.refused);
        else if (standard === "uk") ukDead = reading;
      } else if (reading.call.status >= 200 && reading.call.status < 300 && standard === "uk") ukDead = null;
    }
    if (reading.told && consentId) known.set(`${standard}:${consentId}`, reading.told);
  }

  const used = [...new Set(readings.map((reading) => (reading.standard === "uk" ? "UK Open Banking" : "Berlin Group")))].join(" and ");
  if (missing.length || misuse.length) {
    const parts = [];
    if (missing.length) {
      const names = [...new Set(missing.map((reading) => headerSent(reading.call, reading.standard).name))].join(" / ");
      parts.push(`${missing.length} of ${readings.length} ${used} calls were sent without a UUID in ${names}`);
    }
    if (misuse.length) parts.push(`${misuse[0].why}${misuse.length > 1 ? ` (and ${misuse.length - 1} more)` : ""}`);
    const evidence = [...new Set([...missing, ...misuse.map((entry) => entry.reading)].map((reading) => reading.call.id))];
    const order = new Map(readings.map((reading, i) => [reading.call.id, i]));
    return {
      grade: "fail",
      summary: `${parts.join("; ")}.`,
      requestIds: evidence.sort((a, b) => order.get(a)! - order.get(b)!).slice(0, MAX_EVIDENCE),
      deliveryIds: [],
    };
  }
  const dataCalls = readings.filter((reading) => reading.data && reading.call.status >= 200 && reading.call.status < 300).length;
  return {
    grade: "pass",
    summary:
      `${readings.length} ${used} call${readings.length === 1 ? "" : "s"}, each with its request id header; ` +
      (dataCalls === 0 ? "no data read yet." : `${dataCalls} data call${dataCalls === 1 ? "" : "s"}, all on an authorised consent.`),
    requestIds: readings.slice(0, MAX_EVIDENCE).map((reading) => reading.call.id),
    deliveryIds: [],
  };
}

/**
 * When the app uses the open-banking standards (UK Open Banking 4.0, Berlin Group NextGenPSD2),
 * every call sends the standard's request id (`x-fapi-interaction-id`, `X-Request-ID`) and the
 * consent lifecycle is respected: no data call on a consent that is not authorised/valid, and a
 * consent the bank refused (rejected, revoked, expired) is not used again. An app that makes no
 * standards call while the check runs is graded "not used" (a pass that says so).
 */
export const standards: ReadinessCheck = {
  id: "standards",
  title: "Open-banking standards: request ids and the consent lifecycle",
  description:
    "UK Open Banking calls send x-fapi-interaction-id, Berlin Group calls X-Request-ID; data is read only under an authorised (AUTH / valid) consent, and a refused consent is not used again.",
  guide: GUIDE.standards,
  fixHint:
    "Send a fresh UUID as x-fapi-interaction-id (UK) or X-Request-ID (Berlin Group) on every call; read the consent's status and call for data only once it is AUTH / valid; after a consent is refused (rejected, revoked, expired), create a new one instead of retrying it.",
  instruction: {
    text: `If your app uses UK Open Banking (/open-banking/v4.0) or the Berlin Group API (/berlin-group/v1), do now what it does with them for ${STANDARDS_PERSONA}: create a consent, have it authorised, read the accounts. If it never uses them, do nothing: the check says "not used" after ${TIMEOUT_MS / 1000} s.`,
    action: { kind: "use_standards", persona: STANDARDS_PERSONA },
  },
  timeoutMs: TIMEOUT_MS,
  readsCalls: true,
  grade({ calls, now, timedOut }) {
    const standardsCalls = calls.filter((call) => standardOf(call.path) !== null);
    if (!standardsCalls.length) {
      return timedOut
        ? {
            grade: "pass",
            summary: `Not used: the app made no UK Open Banking or Berlin Group call in ${TIMEOUT_MS / 1000} s, so there was nothing to grade.`,
            requestIds: [],
            deliveryIds: [],
          }
        : null;
    }
    // Any of the app's calls counts as still working (a UK walk spends seconds at /oauth between its standards calls).
    const last = Math.max(...calls.map((call) => call.endedAt));
    if (!timedOut && now - last < SETTLE_MS) return null;
    return gradeStandards(standardsCalls);
  },
};
