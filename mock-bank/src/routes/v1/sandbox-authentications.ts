import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AUTHENTICATION_SCENARIOS } from "../../domain/oauth/authentication-scenarios";
import { decideAuthentication } from "../../domain/oauth/sandbox-authentication";
import { exampleRun } from "../../schemas/example-run";
import { NOT_FOUND, jsonResponse, problemResponses } from "../../schemas/problem";
import { AuthenticationDecision, AuthenticationDecisionBody, AuthenticationParams } from "../../schemas/sandbox-authentications";

/** The sandbox's stand-in for the customer's banking app: decides a decoupled sign-in on the bank's pages. */
const sandboxAuthentications: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/sandbox/authentications/:authentication_id",
    {
      config: { movesMoney: false },
      schema: {
        ...exampleRun({
          manual:
            "It decides a sign-in that only the bank's login page makes: start an authorization (/oauth/authorize, or a Berlin Group `_links.scaRedirect`), log in with the sandbox scenario `decoupled`, and put the authentication id the page shows in the path.",
        }),
        operationId: "decideSandboxAuthentication",
        tags: ["Sandbox"],
        summary: "Approve or refuse a decoupled sign-in on the bank's pages",
        description: `Plays the customer's banking app for a sign-in with the sandbox authentication scenario \`decoupled\` (one of ${AUTHENTICATION_SCENARIOS.map((name) => `\`${name}\``).join(", ")}): the bank's login page shows an authentication id and waits. \`approve\` lets the page continue to the consent page; \`refuse\` ends the attempt (the app gets \`access_denied\`; a UK Open Banking consent becomes \`RJCT\`; a Berlin Group authorisation \`failed\` and its consent or payment \`rejected\`). Another app's or an unknown id is 404; one already decided is 409 \`conflict\`.`,
        params: AuthenticationParams,
        body: AuthenticationDecisionBody,
        response: {
          200: jsonResponse("The sign-in, decided.", AuthenticationDecision),
          ...problemResponses({ 404: NOT_FOUND, 409: "`conflict`: the sign-in is already approved or refused." }),
        },
      },
    },
    async (request) =>
      decideAuthentication(app.db, {
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        authenticationId: request.params.authentication_id,
        decision: request.body.decision,
      }),
  );
};

export default sandboxAuthentications;
