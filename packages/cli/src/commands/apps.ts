import type { Command } from "commander";
import { portalApi } from "../api.js";
import { action } from "../action.js";
import { print, table } from "../output.js";

/** `openbank apps list|use`: the apps of the teams the token can see, and the one commands act on. */
export function registerApps(program: Command): void {
  const apps = program.command("apps").description("your apps");
  apps
    .command("list")
    .description("list the apps your token can see, newest first")
    .option("--team <teamId>", "only this team's apps")
    .action(
      action(async (context, options: { team?: string }) => {
        const { data } = await portalApi(context).GET("/api/apps", { params: { query: options.team ? { team_id: options.team } : {} } });
        const rows = data!.data.map((app) => ({ ...app, current: app.id === context.appId ? "*" : "" }));
        print(context, data!.data, () =>
          table(
            rows,
            ["current", "id", "name", "team_name", "status", "active_keys", "requests_24h"],
            "No apps yet. Create one in the dashboard (openbank open dashboard).",
          ),
        );
      }),
    );
  apps
    .command("use")
    .description("choose the app the other commands act on (saved in your profile; --app overrides it)")
    .argument("<appId>", "the app's id (app_…), from `openbank apps list`")
    .action(
      action(async (context, appId: string) => {
        const { data } = await portalApi(context).GET("/api/apps/{appId}", { params: { path: { appId } } });
        context.save({ appId: data!.id });
        print(
          context,
          { app_id: data!.id, name: data!.name, profile: context.profileName },
          () => `Now using ${data!.name} (${data!.id}).`,
        );
      }),
    );
}
