import { getAppOperation } from "@/lib/apps/app-operations";
import { getApp } from "@/lib/apps/get-app";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(getAppOperation, ({ app, user }) => getApp({ appId: app.appId, userId: user.id }));
