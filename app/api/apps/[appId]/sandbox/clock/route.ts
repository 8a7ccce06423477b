import { getSandboxClock } from "@/lib/sandbox/get-sandbox-clock";
import { getSandboxClockOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(getSandboxClockOperation, ({ app }) => getSandboxClock({ appId: app.appId }));
