import { deleteAppOperation, getAppOperation } from "@/lib/apps/app-operations";
import { deleteApp } from "@/lib/apps/delete-app";
import { getApp } from "@/lib/apps/get-app";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(getAppOperation, ({ app, user }) => getApp({ appId: app.appId, userId: user.id }));

export const DELETE = handle(deleteAppOperation, ({ app, actor }) => deleteApp({ appId: app.appId, teamId: app.teamId, actor }));
