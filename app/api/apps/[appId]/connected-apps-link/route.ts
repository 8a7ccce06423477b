import { createConnectedAppsLinkOperation } from "@/lib/consents/consent-operations";
import { createConnectedAppsLink } from "@/lib/consents/connected-apps-link";
import { handle } from "@/lib/portal-api/handle-operation";

// A short-lived signed link to the bank's connected-apps page of the app's sandbox.
export const POST = handle(createConnectedAppsLinkOperation, async ({ app }) => createConnectedAppsLink({ appId: app.appId }));
