import { z } from "zod";
import { AccountReference, Amount } from "./common";

export const ConfirmationOfFundsBody = z
  .object({
    cardNumber: z.string().max(35).optional().describe("The card's number, for the card issuer's records (not checked here)."),
    account: AccountReference.describe("The PSU's account by `iban`."),
    payee: z.string().max(70).optional(),
    instructedAmount: Amount.describe("In the account's currency, or another the sandbox converts (at its FX rate)."),
  })
  .meta({ id: "confirmationOfFunds" });

export const ConfirmationOfFundsResponse = z
  .object({ fundsAvailable: z.boolean().describe("Whether the account could pay the amount now (its available balance).") })
  .meta({ id: "inlineResponse200" });
