import { AppError } from "@openbank/contracts/errors";

export const consentNotFound = (consentId: string) =>
  new AppError("resource_not_found", `No consent ${consentId} in this sandbox.`, {
    errors: [{ pointer: "/params/consent_id", detail: "no such consent" }],
  });
