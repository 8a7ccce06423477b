import { Option, type Command } from "commander";
import { action } from "../action.js";
import { portalApi, request } from "../api.js";
import { canOpenBrowser, openInBrowser } from "../browser.js";
import type { Context } from "../context.js";
import { pollForToken, requestDeviceAuthorization } from "../device-flow.js";
import { CliError, EXIT } from "../errors.js";
import { print, printLine } from "../output.js";

type Whoami = {
  user: { id: string; email: string; name: string };
  email_verified: boolean;
  authenticated_with: "session" | "token";
  token: {
    id: string;
    name: string;
    prefix: string;
    scope: string;
    team_id: string | null;
    team_name: string | null;
    expires_at: string;
  } | null;
};

async function fetchWhoami(context: Context): Promise<Whoami> {
  const { data } = await portalApi(context).GET("/api/whoami");
  return data as Whoami;
}

function describeToken(token: Whoami["token"]): string {
  if (!token) return "";
  const team = token.team_name ? `team ${token.team_name} only` : "every team";
  return `${token.prefix} (${token.scope}, ${team}, expires ${token.expires_at.slice(0, 10)})`;
}

/** `openbank login`, `logout`, `whoami`: signing the CLI in through the browser (RFC 8628) or with a token. */
export function registerAuth(program: Command): void {
  const login = program
    .command("login")
    .description("sign in through the browser (you confirm a code in the portal), or save a token with --token")
    .addOption(
      new Option("--scope <scope>", "what the CLI may do: read, or write (you may grant less in the browser)")
        .choices(["read", "write"])
        .default("write"),
    )
    .option("--no-browser", "print the URL instead of opening a browser")
    .addHelpText("after", "\nWith --token <pat> (a token made on the account page) it checks the token and saves it; no browser.");
  login.action(
    action(async (context, options: { scope: "read" | "write"; browser: boolean }) => {
      // --token on the command line: check it and keep it (the environment's OPENBANK_TOKEN is used, never saved).
      if (login.getOptionValueSourceWithGlobals("token") === "cli" && context.token) {
        const me = await fetchWhoami(context);
        if (!me.token) throw new CliError("That is not a personal access token.", EXIT.unauthenticated);
        context.save({ baseUrl: context.baseUrl, token: context.token, tokenId: me.token.id });
        print(
          context,
          { signed_in: true, base_url: context.baseUrl, ...me },
          () => `Signed in to ${context.baseUrl} as ${me.user.name} <${me.user.email}> with ${describeToken(me.token)}.`,
        );
        return;
      }

      const authorization = await requestDeviceAuthorization(context, options.scope);
      const url = authorization.verification_uri_complete ?? authorization.verification_uri;
      const browser = options.browser && canOpenBrowser(context.env);
      printLine(
        context,
        {
          user_code: authorization.user_code,
          verification_uri: authorization.verification_uri,
          verification_uri_complete: authorization.verification_uri_complete,
          expires_in: authorization.expires_in,
        },
        () =>
          [
            `Your one-time code: ${authorization.user_code}`,
            browser
              ? `Opening ${url} in your browser to confirm it…`
              : `Open ${authorization.verification_uri} in a browser and enter it, or go to:`,
            ...(browser ? [] : [`  ${url}`]),
            `Waiting for you to approve it (the code expires in ${Math.round(authorization.expires_in / 60)} minutes)…`,
          ].join("\n"),
      );
      if (browser && !(await openInBrowser(url))) process.stderr.write(`Could not open a browser: open ${url} yourself.\n`);

      const token = await pollForToken(context, authorization);
      context.save({ baseUrl: context.baseUrl, token: token.access_token, tokenId: token.token_id });
      const me = await fetchWhoami({ ...context, token: token.access_token });
      printLine(
        context,
        { signed_in: true, base_url: context.baseUrl, ...me },
        () => `Signed in as ${me.user.name} <${me.user.email}> with ${describeToken(me.token)}.`,
      );
    }),
  );

  program
    .command("logout")
    .description("revoke the saved token in the portal and forget it here")
    .action(
      action(async (context) => {
        if (!context.token) {
          print(context, { signed_out: true, revoked: false }, () => "Not signed in.");
          return;
        }
        let revoked = false;
        let warning: string | undefined;
        try {
          const response = await request(context, "DELETE", "/api/tokens/current", { allowError: true });
          // 401: the token was already revoked, expired or unknown; it only needs forgetting.
          revoked = response.status === 204;
          if (!revoked && response.status !== 401)
            warning = `The portal answered ${response.status}: revoke the token on your account page.`;
        } catch (error) {
          if (!(error instanceof CliError) || error.exitCode !== EXIT.unreachable) throw error;
          warning = `${error.message} The token is forgotten here, but still works until you revoke it on your account page.`;
        }
        // Forget it locally whatever the portal said: a dead token is of no use, and a live one must not stay on disk.
        if (context.profile.token === context.token) context.save({ token: undefined, tokenId: undefined });
        if (warning) process.stderr.write(`${warning}\n`);
        print(context, { signed_out: true, revoked }, () => (revoked ? "Signed out: the token is revoked." : "Signed out."));
        if (warning) process.exitCode = EXIT.unreachable;
      }),
    );

  program
    .command("whoami")
    .description("who the CLI is signed in as, and with which token")
    .action(
      action(async (context) => {
        const me = await fetchWhoami(context);
        print(context, { base_url: context.baseUrl, ...me }, () =>
          [
            `${me.user.name} <${me.user.email}>${me.email_verified ? "" : " (email not verified)"}`,
            `Portal: ${context.baseUrl}`,
            ...(me.token ? [`Token:  ${describeToken(me.token)}`, `        ${me.token.name} (${me.token.id})`] : []),
          ].join("\n"),
        );
      }),
    );
}
