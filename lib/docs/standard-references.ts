/**
 * The open-banking standards the sandbox speaks besides its own /v1, as the docs present them:
 * where the bank serves each one's generated OpenAPI document, and where the portal publishes it,
 * its reference page, its Postman collection and its guide. What each standard contains (its
 * operations, servers, security) comes from the document itself.
 */

export type StandardKey = "uk-open-banking" | "berlin-group";
/** Every OpenAPI document the portal serves: the sandbox API's and each standard's. */
export type ApiDocumentKey = "sandbox" | StandardKey;

export type StandardReference = {
  key: StandardKey;
  /** The standard's name and version, as headings say it. */
  title: string;
  /** Short, for the sidebar, breadcrumbs and search (the guides of the same name are the prose; this is the reference). */
  label: string;
  summary: string;
  /** Where the bank serves the document (its prefixes belong to the standards' routes). */
  bankPath: string;
  docsHref: string;
  openapiHref: string;
  yamlHref: string;
  postmanHref: string;
  postmanFile: string;
  guideHref: string;
  /** The standard's own published specification. */
  specificationUrl: string;
};

const reference = (
  key: StandardKey,
  fields: Pick<StandardReference, "title" | "label" | "summary" | "specificationUrl">,
): StandardReference => ({
  key,
  ...fields,
  bankPath: `/openapi/${key}.json`,
  docsHref: `/docs/api/${key}`,
  openapiHref: `/openapi/${key}.json`,
  yamlHref: `/openapi/${key}.yaml`,
  postmanHref: `/postman/${key}.postman_collection.json`,
  postmanFile: `open-bank-sandbox-${key}.postman_collection.json`,
  guideHref: `/docs/guides/${key}`,
});

export const STANDARD_REFERENCES: readonly StandardReference[] = [
  reference("uk-open-banking", {
    title: "UK Open Banking Read/Write API 4.0",
    label: "UK Open Banking 4.0 API",
    summary:
      "Account information, payment initiation, variable recurring payments and confirmation of funds, as UK banks offer them, with FAPI 2.0 consents.",
    specificationUrl: "https://openbankinguk.github.io/read-write-api-site3/v4.0/",
  }),
  reference("berlin-group", {
    title: "Berlin Group NextGenPSD2 1.3.11",
    label: "Berlin Group NextGenPSD2 API",
    summary: "Consents, accounts, SEPA and cross-border payments and funds confirmation, as most EU banks offer them under PSD2.",
    specificationUrl: "https://www.berlin-group.org/nextgenpsd2-downloads",
  }),
];

export function findStandardReference(key: string): StandardReference | undefined {
  return STANDARD_REFERENCES.find((candidate) => candidate.key === key);
}
