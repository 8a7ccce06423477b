import { updateSandboxSettings } from "@/lib/sandbox/sandbox-settings";
import { updateSandboxSettingsOperation } from "@/lib/sandbox/sandbox-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const PATCH = handle(updateSandboxSettingsOperation, ({ app, body }) => updateSandboxSettings({ appId: app.appId, input: body }));
