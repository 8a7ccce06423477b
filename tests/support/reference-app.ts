import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePorts } from "./free-ports";
import type { PortalClient } from "./portal-client";

export type ReferenceApp = {
  endpoint: { id: string; secret: string };
  child: ChildProcess;
  /** Resolves when the app exits (it does when the run it followed has ended), with what it printed. */
  exited: Promise<{ code: number | null; output: string }>;
};

/**
 * A readiness reference app (examples/readiness-careful|careless/app.mjs) for `appId`, as its
 * README runs it: a webhook receiver on a free port, registered as the app's endpoint, and a
 * client that waits for the app's running run and follows its instructions through the portal
 * API with `token`. Resolves once it is listening.
 */
export async function startReferenceApp(
  kind: "careful" | "careless",
  options: { portalUrl: string; owner: PortalClient; appId: string; apiKey: string; token: string },
): Promise<ReferenceApp> {
  const { portal: port } = await freePorts();
  const made = await options.owner.json("POST", `/api/apps/${options.appId}/webhooks`, {
    url: `http://127.0.0.1:${port}/webhooks`,
    description: `readiness ${kind} receiver`,
  });
  if (made.status !== 201) throw new Error(`adding the endpoint answered ${made.status}: ${JSON.stringify(made.body)}`);
  const endpoint = { id: made.body.endpoint.id as string, secret: made.body.secret as string };
  // The consent checks refresh at /oauth/token, and the standards check authorises a UK consent, with the app's OAuth client.
  const client = await options.owner.json("GET", `/api/apps/${options.appId}/oauth-client`);
  const secret = await options.owner.json("POST", `/api/apps/${options.appId}/oauth-client/secret`);
  if (secret.status !== 201) throw new Error(`a new OAuth client secret answered ${secret.status}: ${JSON.stringify(secret.body)}`);
  const child = spawn(process.execPath, [path.resolve(`examples/readiness-${kind}/app.mjs`)], {
    env: {
      ...process.env,
      OPENBANK_URL: options.portalUrl,
      OPENBANK_TOKEN: options.token,
      OPENBANK_API_KEY: options.apiKey,
      OPENBANK_APP: options.appId,
      WEBHOOK_SECRET: endpoint.secret,
      PORT: String(port),
      OPENBANK_CLIENT_ID: client.body.client_id as string,
      OPENBANK_CLIENT_SECRET: secret.body.client_secret as string,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.once("exit", (code) => resolve({ code, output })));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    void exited.then(({ code }) => reject(new Error(`the ${kind} app exited (${code}) before it listened:\n${output}`)));
  });
  return { endpoint, child, exited };
}
