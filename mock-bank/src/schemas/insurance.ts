import { z } from "zod";
import { IsoDate, Money, ResourceId, Timestamp } from "./common";
import { Cursor, Limit, pageOf } from "./pagination";
import { exampleDate, exampleIds } from "./example-run";

const TripType = z
  .enum(["single_trip", "annual_multi_trip"])
  .describe("`single_trip`: one trip, up to 90 days. `annual_multi_trip`: a year of trips of up to 31 days each.");
const Destination = z
  .enum(["europe", "worldwide_excluding_americas", "worldwide"])
  .describe(
    "Where the trip goes: `europe` (including the Canaries and Mediterranean islands), `worldwide_excluding_americas`, or `worldwide` (including the USA, Canada and the Caribbean).",
  );
const CoverLevel = z
  .enum(["essential", "comprehensive"])
  .describe("`essential`: £2m medical, £1,500 cancellation, £100 excess. `comprehensive`: £10m medical, £5,000 cancellation, £50 excess.");

const Age = z.number().int().min(0).max(120);

/**
 * The example trip starts this many days after the sandbox's today: far enough ahead that it stays in
 * the future if the developer has moved the sandbox's clock on by up to two months (the reference's
 * example is dated from real time), well inside the 365 days a quote may look ahead.
 */
export const TRIP_STARTS_IN_DAYS = 60;
const MAX_TRAVELLERS = 10;

export const CreateInsuranceQuoteBody = z
  .strictObject({
    customer_id: ResourceId.describe("An `approved` customer of your sandbox: the policyholder."),
    trip_type: TripType,
    destination: Destination,
    start_date: IsoDate.describe("First day of cover: today or later on the sandbox clock, at most 365 days ahead."),
    end_date: IsoDate.optional().describe(
      "Last day of cover (single trips; required). Annual cover runs a year from `start_date`: omit it.",
    ),
    travellers: z
      .array(z.strictObject({ age: Age.describe("Age in years on the start date.") }))
      .min(1)
      .max(MAX_TRAVELLERS)
      .describe("Everyone covered, 1 to 10 people."),
    cover_level: CoverLevel,
  })
  .meta({
    examples: [
      {
        customer_id: exampleIds.customerId,
        trip_type: "single_trip",
        destination: "europe",
        start_date: exampleDate(TRIP_STARTS_IN_DAYS),
        end_date: exampleDate(TRIP_STARTS_IN_DAYS + 7),
        travellers: [{ age: 41 }, { age: 39 }, { age: 9 }],
        cover_level: "comprehensive",
      },
    ],
  });

export type CreateInsuranceQuoteInput = z.infer<typeof CreateInsuranceQuoteBody>;

export const TravelCover = z
  .object({
    medical_expenses: Money.describe("Emergency medical treatment and repatriation, per person."),
    cancellation: Money.describe("Cancellation or cutting the trip short, per person."),
    baggage: Money.describe("Lost, stolen or damaged baggage, per person."),
    personal_liability: Money.describe("Legal liability for injury to others or damage to their property."),
    excess: Money.describe("What the traveller pays towards each claim."),
  })
  .meta({ id: "TravelCover", description: "The limits of a travel policy." });

export const InsuranceQuote = z
  .object({
    id: ResourceId.describe("Quote id.").meta({ examples: ["inq_3mJ0wqG5XnS1xQbH0pR7tZ"] }),
    customer_id: ResourceId,
    product: z.literal("travel").describe("The insurance product."),
    status: z.enum(["open", "expired", "purchased"]).describe("`open` until bought or `expires_at` passes."),
    trip_type: TripType,
    destination: Destination,
    start_date: IsoDate,
    end_date: IsoDate.describe("Last day of cover."),
    duration_days: z.number().int().min(1).max(366).describe("Days of cover, counting the start and end date."),
    cover_level: CoverLevel,
    travellers: z
      .array(
        z.object({
          age: Age,
          age_band: z
            .string()
            .regex(/^\d{1,3}-\d{1,3}$/)
            .describe("The rating band, e.g. `35-49`."),
          premium: Money.describe("This traveller's premium before tax."),
        }),
      )
      .max(MAX_TRAVELLERS)
      .describe("Each traveller's share of the premium."),
    cover: TravelCover,
    premium: z
      .object({
        net: Money.describe("Premium before tax (at least the £5.00 minimum premium)."),
        insurance_premium_tax: Money.describe("UK insurance premium tax, 12% of the net premium."),
        total: Money.describe("What the customer pays."),
      })
      .describe("The price."),
    expires_at: Timestamp.describe("Buy the policy before this: 7 days after quoting, and no later than the end of the start date."),
    policy_id: ResourceId.nullable().describe("The policy bought with this quote, if any."),
    created_at: Timestamp,
  })
  .meta({ id: "InsuranceQuote", description: "A priced travel insurance quote." });

export type InsuranceQuoteDto = z.infer<typeof InsuranceQuote>;

export const InsuranceQuoteParams = z.object({
  quote_id: ResourceId.describe("Quote id (`inq_…`), from `POST /v1/insurance/quotes`.").meta({ examples: [exampleIds.insuranceQuoteId] }),
});

export const CreateInsurancePolicyBody = z
  .strictObject({
    quote_id: ResourceId.describe("An `open` quote."),
    account_id: ResourceId.describe("The quote customer's current account or credit card that pays the premium."),
  })
  .meta({ examples: [{ quote_id: exampleIds.insuranceQuoteId, account_id: exampleIds.accountId }] });

export type CreateInsurancePolicyInput = z.infer<typeof CreateInsurancePolicyBody>;

export const InsurancePolicy = z
  .object({
    id: ResourceId.describe("Policy id.").meta({ examples: ["pol_3mJ0wqG5XnS1xQbH0pR7tZ"] }),
    policy_number: z
      .string()
      .regex(/^TRV-\d{4}-\d{8}$/)
      .describe("The number printed on the policy documents.")
      .meta({ examples: ["TRV-2026-48213377"] }),
    customer_id: ResourceId,
    quote_id: ResourceId,
    account_id: ResourceId.describe("The account the premium was paid from (and a refund goes back to)."),
    status: z
      .enum(["active", "expired", "cancelled"])
      .describe("`expired` once the sandbox clock passes `end_date`; `cancelled` after a cancellation."),
    trip_type: TripType,
    destination: Destination,
    cover_level: CoverLevel,
    start_date: IsoDate,
    end_date: IsoDate,
    travellers: z
      .array(z.object({ age: Age }))
      .max(MAX_TRAVELLERS)
      .describe("Who is covered."),
    cover: TravelCover,
    premium: Money.describe("The premium paid, including tax."),
    refund: Money.nullable().describe("What a cancellation refunded; `null` unless cancelled."),
    cooling_off_ends_at: Timestamp.describe("Until then, and before the trip starts, the policy can be cancelled with a full refund."),
    created_at: Timestamp,
  })
  .meta({ id: "InsurancePolicy", description: "A travel insurance policy." });

export type InsurancePolicyDto = z.infer<typeof InsurancePolicy>;

export const InsurancePolicyList = pageOf(InsurancePolicy, "InsurancePolicyList", "A page of policies, newest first.");

export const InsurancePolicyParams = z.object({
  policy_id: ResourceId.describe("Policy id (`pol_…`), from `POST /v1/insurance/policies`.").meta({
    examples: [exampleIds.insurancePolicyId],
  }),
});

export const ListInsurancePoliciesQuery = z.strictObject({
  customer_id: ResourceId.optional().describe("Only this customer's policies."),
  limit: Limit,
  cursor: Cursor.optional(),
});
