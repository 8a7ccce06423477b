import { loadGuides } from "../guides/load-guides";
import { buildSearchIndex } from "../guides/search-index";
import { endpointItems, guideItems, searchDocs, type DocsSearchHit, type DocsSearchItem } from "./docs-search";
import { getOpenApiDocumentOrNull } from "./load-api-reference";
import { STANDARD_REFERENCES } from "./standard-references";

let guides: DocsSearchItem[] | undefined;

/**
 * The docs' search (what the search box on the docs pages ranks: guide sections, then the
 * sandbox API's and each standard's operations) for callers without a browser: the CLI's MCP
 * server, scripts. The guides are read once (they change with a deploy); the API documents come
 * from the bank, cached for a minute, and drop out of the results while it is unreachable.
 */
export async function searchAllDocs(options: { query: string; limit: number }): Promise<DocsSearchHit[]> {
  guides ??= guideItems(buildSearchIndex(loadGuides()));
  const documents = await Promise.all([
    getOpenApiDocumentOrNull().then((document) => (document ? endpointItems(document) : [])),
    ...STANDARD_REFERENCES.map(async (standard) => {
      const document = await getOpenApiDocumentOrNull(standard.key);
      return document ? endpointItems(document, { page: standard.docsHref, label: standard.label }) : [];
    }),
  ]);
  return searchDocs([...guides, ...documents.flat()], options.query, options.limit);
}
