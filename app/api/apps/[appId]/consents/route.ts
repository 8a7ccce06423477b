import { listAppConsentsOperation } from "@/lib/consents/consent-operations";
import { listAppConsents } from "@/lib/consents/list-app-consents";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listAppConsentsOperation, async ({ app }) => ({ data: await listAppConsents({ appId: app.appId }) }));
