import { z } from "zod";

/** The go-live checklist a team submits. Evidence is not part of it: the server computes it. */
export const goLiveInput = z.object({
  contact_name: z.string().trim().min(2, "Enter the name of the person we can reach").max(100),
  contact_email: z.email("Enter a valid email address").max(200),
  use_case: z.string().trim().min(40, "Describe the use case in at least 40 characters").max(2_000),
  data_protection: z.object({
    data_controller: z.string().trim().min(2, "Name the company that controls the data").max(200),
    purpose: z.string().trim().min(10, "Say what you use customer data for").max(1_000),
    retention_days: z.number().int("Whole days").min(1).max(3_650),
    dpo_email: z.email("Enter a valid email address").max(200),
    encrypts_credentials: z.literal(true, { error: "Customer tokens and keys must be stored encrypted" }),
    accepts_terms: z.literal(true, { error: "Accept the production terms to continue" }),
  }),
});

export type GoLiveInput = z.infer<typeof goLiveInput>;
