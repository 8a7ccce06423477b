import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { decideDecoupledAuthorisation } from "../../domain/berlin-group/decide-decoupled-authorisation";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { exampleRun } from "../../schemas/example-run";
import { DecoupledAuthorisationParams, DecoupledDecision, DecoupledDecisionBody } from "../../schemas/berlin-group/sandbox";
import { NOT_FOUND, jsonResponse, problemResponses } from "../../schemas/problem";

/** Sandbox controls of the Berlin Group surface: the PSU's banking app, for DECOUPLED SCA. */
const sandboxBerlinGroup: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/sandbox/berlin-group/authorisations/:authorisation_id",
    {
      config: { movesMoney: false },
      schema: {
        ...exampleRun({
          manual:
            "It decides an authorisation that only a Berlin Group flow makes: create a consent or payment under /berlin-group/v1 with `TPP-Decoupled-Preferred: true`, start its authorisation (`POST …/authorisations`), and put the `authorisationId` it answers in the path.",
        }),
        operationId: "decideBerlinGroupAuthorisation",
        tags: ["Sandbox"],
        summary: "Approve or refuse a Berlin Group DECOUPLED authorisation",
        description:
          "Plays the customer's banking app for a Berlin Group NextGenPSD2 authorisation whose SCA approach is DECOUPLED (the TPP sent `TPP-Decoupled-Preferred: true`): `approve` finalises it, and what it authorised follows (a consent becomes `valid`, a payment executes); `deny` fails it (the consent or payment is `rejected`). The customer is the PSU-ID the TPP named, else the holder of the accounts the consent or payment names, else `persona`. A REDIRECT or EMBEDDED authorisation, or one already decided, is 409 `conflict`; another app's is 404.",
        params: DecoupledAuthorisationParams,
        body: DecoupledDecisionBody,
        response: {
          200: jsonResponse("The authorisation, decided.", DecoupledDecision),
          ...problemResponses({
            404: NOT_FOUND,
            409: "`conflict`: the authorisation is not DECOUPLED, is already decided, or its consent or payment no longer awaits it.",
          }),
        },
      },
    },
    async (request) =>
      decideDecoupledAuthorisation({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        authorisationId: request.params.authorisation_id,
        input: request.body,
        tenantNow: tenantNow(request.tenant!, app.now()),
      }),
  );
};

export default sandboxBerlinGroup;
