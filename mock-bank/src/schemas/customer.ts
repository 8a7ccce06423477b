import { z } from "zod";
import { InputText, IsoDate, NAME_MAX, PersonaKey, ResourceId, Text, Timestamp } from "./common";
import { exampleIds } from "./example-run";
import { Cursor, Limit, pageOf } from "./pagination";

export const KycStatus = z
  .enum(["approved", "review", "rejected"])
  .describe("The identity verification decision. Only `approved` customers can open accounts.");

export const AddressInput = z
  .strictObject({
    line1: InputText(1, 100).describe("Street address."),
    city: InputText(1, 60).optional(),
    postcode: z
      .string()
      .trim()
      .min(2)
      .max(12)
      .regex(/^[A-Za-z0-9 -]+$/, "must contain only letters, digits, spaces and dashes"),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as GB")
      .describe("ISO 3166-1 alpha-2 country code."),
  })
  .meta({ id: "CustomerAddressInput", description: "The customer's home address." });

const Name = (what: string) => InputText(1, NAME_MAX).describe(what);

export const CreateCustomerBody = z
  .strictObject({
    given_name: Name("Given (first) name."),
    family_name: Name("Family name. Magic values: `Review` ends in `review`, `Reject` in `rejected`."),
    date_of_birth: IsoDate.describe("Date of birth (YYYY-MM-DD). Under 18 on the sandbox clock is `rejected` (`under_age`)."),
    email: z.email("must be an email address").max(254),
    address: AddressInput,
    national_id: z
      .string()
      .trim()
      .min(4)
      .max(20)
      .regex(/^[A-Za-z0-9]+$/, "must contain only letters and digits")
      .optional()
      .describe("National identity number, e.g. a UK National Insurance number."),
  })
  .meta({
    // The magic family name `Review` sends her to manual review, so the KYC review example has someone to decide.
    examples: [
      {
        given_name: "Ada",
        family_name: "Review",
        date_of_birth: "1990-12-10",
        email: "ada.review@example.com",
        address: { line1: "1 Threadneedle Street", city: "London", postcode: "EC2R 8AH", country: "GB" },
        national_id: "QQ123456C",
      },
    ],
  });

export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;

export const KycReason = z
  .object({
    code: z.enum([
      "manual_review_requested",
      "identity_not_verified",
      "under_age",
      "possible_sanctions_match",
      "sanctions_match",
      "review_rejected",
    ]),
    message: Text(600).describe("In plain words; a `review_rejected` reason carries the reviewer's note."),
  })
  .meta({ id: "KycReason", description: "Why a customer is in `review` or `rejected`." });

export const Screening = z
  .object({
    status: z
      .enum(["clear", "potential_match", "match"])
      .describe("`potential_match` (score 0.85 to < 0.95) sends the customer to `review`; `match` (≥ 0.95) rejects."),
    score: z.number().min(0).max(1).describe("The best name similarity against the list, 0 to 1."),
    matched_entry: z
      .object({ id: ResourceId, name: Text(NAME_MAX * 2), list: Text(100) })
      .nullable()
      .describe("The list entry matched at ≥ 0.85; null when clear."),
  })
  .meta({
    id: "SanctionsScreening",
    description: "AML / sanctions screening of the customer's name against the sandbox's fictional list.",
  });

export const Customer = z
  .object({
    id: ResourceId.meta({ examples: ["cus_4nK1xrH6YoT2yRcJ1qS8uA"] }),
    given_name: Text(NAME_MAX),
    family_name: Text(NAME_MAX),
    date_of_birth: IsoDate,
    // The pattern the request was checked with, not `format: email`: validators' email formats are
    // stricter than zod's, and the answer holds what was accepted.
    email: z.string().max(254).regex(z.regexes.email),
    address: z
      .object({
        line1: Text(100),
        city: Text(60).nullable(),
        postcode: Text(12).regex(/^[A-Za-z0-9 -]+$/),
        country: z.string().regex(/^[A-Z]{2}$/),
      })
      .nullable()
      .describe("Null for the sandbox's seeded personas."),
    national_id: Text(20)
      .regex(/^[A-Za-z0-9]+$/)
      .nullable(),
    persona: PersonaKey.nullable().describe("The seeded persona key, e.g. `good_credit`; null for customers you created."),
    kyc: z
      .object({
        status: KycStatus,
        reasons: z.array(KycReason).max(KycReason.shape.code.options.length),
        screening: Screening.nullable().describe("Null for seeded personas."),
      })
      .meta({ id: "KycVerification", description: "The identity verification and its outcome." }),
    created_at: Timestamp,
  })
  .meta({ id: "Customer", description: "A customer of the sandbox bank." });

export type CustomerDto = z.infer<typeof Customer>;
export type KycReasonDto = z.infer<typeof KycReason>;
export type ScreeningDto = z.infer<typeof Screening>;

export const CustomerParams = z.object({
  customer_id: ResourceId.describe("Customer id (`cus_…`), from `GET /v1/customers`.").meta({ examples: [exampleIds.customerId] }),
});

export const ReviewCustomerParams = z.object({
  customer_id: ResourceId.describe("A customer in KYC `review` (`cus_…`), e.g. onboarded with the family name `Review`.").meta({
    examples: [exampleIds.reviewCustomerId],
  }),
});

export const CompleteKycReviewBody = z
  .strictObject({
    decision: z
      .enum(["approved", "rejected"])
      .describe("`approved` clears the review reasons, so the customer can open accounts; `rejected` adds a `review_rejected` reason."),
    note: InputText(1, 500).optional().describe("Why, as the reviewer would record it: becomes the `review_rejected` message."),
  })
  .meta({
    id: "CompleteKycReviewBody",
    examples: [{ decision: "approved" }, { decision: "rejected", note: "Proof of address does not match." }],
  });

export const CustomerList = pageOf(Customer, "CustomerList", "A page of customers.");

export const ListCustomersQuery = z.strictObject({
  kyc_status: KycStatus.optional()
    .describe("Only customers with this KYC decision.")
    .meta({ examples: ["approved"] }),
  limit: Limit,
  cursor: Cursor.optional(),
});
