import { z } from "zod";
import { AuthenticationObject, ChallengeData, Links, PsuMessage, ScaStatus } from "./common";

/**
 * The body of starting or updating an authorisation: nothing (REDIRECT, DECOUPLED, or EMBEDDED
 * before the PSU's password), the PSU's password, the chosen SCA method, or the OTP. One step per
 * request, in that order (EMBEDDED).
 */
export const UpdatePsuDataBody = z
  .object({
    psuData: z
      .object({
        password: z.string().max(256).optional(),
        encryptedPassword: z.string().max(2048).optional(),
        additionalPassword: z.string().max(256).optional(),
        additionalEncryptedPassword: z.string().max(2048).optional(),
      })
      .optional()
      .describe("EMBEDDED: the PSU's password at the bank (`pass_<persona>`)."),
    authenticationMethodId: z.string().max(35).optional().describe("EMBEDDED: the chosen SCA method, one of `scaMethods`."),
    scaAuthenticationData: z
      .string()
      .max(256)
      .optional()
      .describe("EMBEDDED: the one-time password. The sandbox's OTP is always `123456`; anything else is SCA_INVALID."),
    confirmationCode: z.string().max(256).optional(),
  })
  .meta({ id: "updatePsuAuthentication" });

export type UpdatePsuDataInput = z.infer<typeof UpdatePsuDataBody>;

export const StartScaProcessResponse = z
  .object({
    scaStatus: ScaStatus,
    authorisationId: z.string().max(64),
    scaMethods: z.array(AuthenticationObject).max(10).optional(),
    chosenScaMethod: AuthenticationObject.optional(),
    challengeData: ChallengeData.optional(),
    _links: Links,
    psuMessage: PsuMessage.optional(),
  })
  .meta({ id: "startScaprocessResponse" });

export const AuthorisationList = z.object({ authorisationIds: z.array(z.string().max(64)).max(100) }).meta({ id: "authorisations" });

export const ScaStatusResponse = z
  .object({ scaStatus: ScaStatus, psuMessage: PsuMessage.optional(), _links: Links.optional() })
  .meta({ id: "scaStatusResponse" });

export const UpdatePsuDataResponse = z
  .object({
    scaStatus: ScaStatus,
    authorisationId: z.string().max(64).optional(),
    scaMethods: z.array(AuthenticationObject).max(10).optional(),
    chosenScaMethod: AuthenticationObject.optional(),
    challengeData: ChallengeData.optional(),
    _links: Links.optional(),
    psuMessage: PsuMessage.optional(),
  })
  .meta({ id: "updatePsuAuthenticationResponse" });
