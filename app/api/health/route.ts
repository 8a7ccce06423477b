import { handle } from "@/lib/portal-api/handle-operation";
import { healthOperation } from "@/lib/portal-api/portal-api-operations";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the test harness. No database call: cheap by design. */
export const GET = handle(healthOperation, () => ({ status: "ok" as const }));
