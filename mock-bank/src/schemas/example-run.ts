/**
 * The documented request examples run as one story through a fresh sandbox, in the order of the
 * Postman collection (lib/docs/example-run.ts plans it from the document):
 *
 * - An example names an object of the sandbox (an account, a quote…) by one of `exampleIds`; the
 *   API reference shows that id as it is.
 * - The operation whose answer holds the real object declares a capture: where in its body the id
 *   is. The collection stores it in a variable of the same name and sends it wherever the example
 *   id appears; the example test does the same.
 * - Dates that must lie ahead of the sandbox's clock are declared too, and computed when the
 *   request runs.
 * - An operation whose example cannot succeed in that story (it needs an object only another API
 *   makes, such as a Berlin Group authorisation) says so with `manual`, the reason: it stays
 *   documented with its example, the collection holds it but sends it only once the developer has
 *   put a real id in its path, and the example tests list it as not run.
 *
 * Declared on a route with `...exampleRun({...})`, it becomes the operation's `x-example-run`.
 */

/** The objects the examples refer to, by the id the reference shows (realistic, but in no sandbox). */
export const exampleIds = {
  /** The `good_credit` persona, from `GET /v1/customers`. */
  customerId: "cus_4nK1xrH6YoT2yRcJ1qS8uA",
  /** The customer onboarded by `POST /v1/customers` (into KYC review). */
  reviewCustomerId: "cus_7Hq2mW9xPz4LrT1bNc6vDe",
  /** `good_credit`'s current account, from `GET /v1/accounts`. */
  accountId: "acc_3mJ0wqG5XnS1xQbH0pR7tZ",
  /** `good_credit`'s credit card. */
  cardAccountId: "acc_8Lp4nV2cXq7Rz1mK5tB9wY",
  paymentId: "pay_0aYk2xvP9mD3QeJ1nL5sWr",
  insuranceQuoteId: "inq_3mJ0wqG5XnS1xQbH0pR7tZ",
  insurancePolicyId: "pol_3mJ0wqG5XnS1xQbH0pR7tZ",
  loanApplicationId: "lap_7cNw3pQ8ZsK2mR5tHd1fXa",
  loanOfferId: "lof_2bXq9kM4VtR1nP7sLc3eYd",
  loanId: "loan_5dPr8mW2XtQ9kL3nVb7cZe",
  bnplPlanId: "loan_9fTq3nB6WyR2mK8pXc4vJd",
  consentId: "cns_7Qm2cV0pX4bN1sR8tY3wZa",
  /** The custom test customer `POST /v1/sandbox/customers` defines (its example, `gig_worker`). */
  customCustomerId: "cus_3kTq8Vh2Rz6YpN1mXw4bLc",
  /** The consent's access token (`oat_…`): the collection's `consentToken`, for customer-data calls. */
  consentToken: "oat_4kFqP0zR8sV2mN6xW1yT3bC7dE9gH5jL0aS2dF4gH6j",
  /** A Berlin Group DECOUPLED authorisation (`sca_…`): only a Berlin Group flow makes one, so it is never captured. */
  scaAuthorisationId: "sca_5tWq8nR2XmK7pL3vBc9dYe",
  /** A decoupled sign-in on the bank's login page (`authn_…`): only a browser makes one, so it is never captured. */
  authenticationId: "authn_6rTq2mV8XnK4pL7wBc3dYf",
} as const;

export type ExampleVariable = keyof typeof exampleIds;

export type ExampleCapture = {
  variable: ExampleVariable;
  /** The id the examples use for it (what the collection replaces). */
  example: string;
  /** JSON pointer into the answer's body: the value, or (with `where`) the list to search. */
  from: string;
  /** Take the first item of the list at `from` whose fields equal these (`{{variable}}` is a captured value). */
  where?: Record<string, string>;
  /** JSON pointer into that item (default: the item itself). */
  field?: string;
};

export type ExampleDate = {
  /** JSON pointer into the request body. */
  pointer: string;
  /** The date this many days after the sandbox's today (its clock may run ahead of real time). */
  daysAhead: number;
};

export type ExampleRun = {
  captures?: ExampleCapture[];
  dates?: ExampleDate[];
  last?: boolean;
  /** Why the example cannot run in a fresh sandbox and how to call it for real: it is documented, not run. */
  manual?: string;
};

/** A captured value, in a capture's `where`. */
export const captured = (variable: ExampleVariable) => `{{${variable}}}`;

/** Where an answer holds an object the examples refer to. */
export function capture(
  variable: ExampleVariable,
  from: string,
  options: { where?: Record<string, string>; field?: string } = {},
): ExampleCapture {
  return { variable, example: exampleIds[variable], from, ...options };
}

/**
 * Dates in examples that must lie ahead of the sandbox's clock (an insurance trip's start). The
 * document shows them this many days after the day it was generated on, and the portal moves them
 * forward each time it serves the document, so the reference's example stays valid as time passes.
 */
export function exampleDate(daysAhead: number, from: Date = new Date(EXAMPLE_DATE_EPOCH)): string {
  return new Date(from.getTime() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The day the bank's document dates its examples from: fixed, so the generated client (and its
 * staleness test) does not change with the calendar; the portal re-dates them when it serves them.
 */
export const EXAMPLE_DATE_EPOCH = "2027-01-04T00:00:00.000Z";

/** The operation's `x-example-run`, to spread into a route's schema. */
export function exampleRun(run: ExampleRun): { "x-example-run": ExampleRun } {
  return { "x-example-run": run };
}
