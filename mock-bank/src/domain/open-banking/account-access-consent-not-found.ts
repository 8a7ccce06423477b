import { ObError } from "./ob-errors";

/**
 * An unknown ConsentId, another app's (its sandbox is another tenant) or a consent of another kind:
 * one answer, 400 UK.OBIE.Resource.NotFound, as the Read/Write Data API profile asks for an id that
 * does not exist (400, not 404), and without telling whether another app has it.
 */
export const accountAccessConsentNotFound = (consentId: string) =>
  new ObError(400, "UK.OBIE.Resource.NotFound", `No account-access-consent ${consentId} for this app.`, "ConsentId");
