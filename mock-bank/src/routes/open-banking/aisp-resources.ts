import type { PrismaClient } from "@prisma/client";
import type { FastifyPluginAsync } from "fastify";
import type { z } from "zod";
import type { AisResource } from "../../domain/open-banking/ais-permissions";
import type { AisCall } from "../../domain/open-banking/authorize-ais-call";
import { aisUrl } from "../../domain/open-banking/ais-mapping";
import { getAisParty } from "../../domain/open-banking/get-ais-parties";
import { listAisBeneficiaries } from "../../domain/open-banking/list-ais-beneficiaries";
import { listAisDirectDebits } from "../../domain/open-banking/list-ais-direct-debits";
import { listAisOffers } from "../../domain/open-banking/list-ais-offers";
import { listAisProducts } from "../../domain/open-banking/list-ais-products";
import { listAisScheduledPayments } from "../../domain/open-banking/list-ais-scheduled-payments";
import { listAisStandingOrders } from "../../domain/open-banking/list-ais-standing-orders";
import { AccountIdParams } from "../../schemas/open-banking/ais-common";
import {
  OBReadBeneficiary5,
  OBReadDirectDebit2,
  OBReadOffer1,
  OBReadParty2,
  OBReadParty3,
  OBReadProduct2,
  OBReadScheduledPayment3,
  OBReadStandingOrder6,
} from "../../schemas/open-banking/ais-resources";
import { type AisContext, aisGet } from "./ais-route";

/**
 * The AIS resources the sandbox derives from its one domain (no table of their own: each domain
 * function says how), per account and in bulk across the consent's accounts.
 */
const aispResources: FastifyPluginAsync<{ portalUrl: string }> = async (app, options) => {
  const url = (path: string) => aisUrl(options.portalUrl, path);
  const self = (path: string) => ({ Links: { Self: url(path) }, Meta: { TotalPages: 1 } });
  const pascal = (path: string) =>
    path
      .split("-")
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join("");

  /**
   * A resource read in bulk across the consent's accounts (`/{path}`) and per account
   * (`/accounts/{AccountId}/{accountPath}`): the same list, of the accounts the path names. The
   * operationIds follow the paths, the tag and summary the title, as the document has them.
   */
  const bulkAndPerAccount = <S extends z.ZodType<unknown, { Data: unknown }>>(definition: {
    path: string;
    /** The per-account path's last segment, when it is not `path` (`product`). */
    accountPath?: string;
    title: string;
    description: string;
    /** The per-account read's description, when it is not `description`. */
    accountDescription?: string;
    resource: AisResource;
    response: S;
    data: (options: {
      db: PrismaClient;
      tenantId: string;
      call: AisCall;
      accountIds: string[];
      tenantNow: Date;
    }) => Promise<z.input<S>["Data"]>;
  }) => {
    const accountPath = definition.accountPath ?? definition.path;
    const read = (url: string, operationId: string, description: string, params?: typeof AccountIdParams) =>
      aisGet(app, {
        url,
        operationId,
        tag: definition.title,
        summary: `Get ${definition.title}`,
        description,
        resource: definition.resource,
        ...(params ? { params } : {}),
        response: definition.response,
        handle: async ({ request, call, accountIds, params: { AccountId }, tenantNow }) =>
          ({
            Data: await definition.data({ db: app.db, tenantId: request.tenantId, call, accountIds, tenantNow }),
            ...self(AccountId ? `/accounts/${AccountId}/${accountPath}` : `/${definition.path}`),
          }) as z.input<S>,
      });
    read(`/${definition.path}`, `Get${pascal(definition.path)}`, definition.description);
    read(
      `/accounts/:AccountId/${accountPath}`,
      `GetAccountsAccountId${pascal(accountPath)}`,
      definition.accountDescription ?? definition.description,
      AccountIdParams,
    );
  };

  bulkAndPerAccount({
    path: "beneficiaries",
    title: "Beneficiaries",
    description:
      "Payees the account has paid: one per creditor of its payments (the payments /v1 lists, whichever API made them; failed ones aside), with the latest payment's reference. CreditorAccount (sort code and number, IBAN, or the bank's own account's identifiers) with ReadBeneficiariesDetail only. BeneficiaryId is stable.",
    resource: "beneficiaries",
    response: OBReadBeneficiary5,
    data: async (options) => ({ Beneficiary: await listAisBeneficiaries(options) }),
  });

  bulkAndPerAccount({
    path: "direct-debits",
    title: "Direct Debits",
    description:
      "Direct debit mandates derived from the account's direct-debit collections (the statement lines /v1 lists with channel `direct_debit`): one per originator, with the last collection, the frequency the collections show and, while they keep coming, ACTV and the next date. Needs ReadDirectDebits.",
    resource: "directDebits",
    response: OBReadDirectDebit2,
    data: async (options) => ({ DirectDebit: await listAisDirectDebits(options) }),
  });

  bulkAndPerAccount({
    path: "standing-orders",
    title: "Standing Orders",
    description:
      "Standing orders derived from the account's outgoing standing-order payments (statement lines with channel `standing_order`): one per payee, with the last and next payment and frequency. With ReadStandingOrdersDetail, CreditorAccount when the payee is an account of this bank (e.g. the monthly transfer to savings).",
    resource: "standingOrders",
    response: OBReadStandingOrder6,
    data: async (options) => ({ StandingOrder: await listAisStandingOrders(options) }),
  });

  bulkAndPerAccount({
    path: "scheduled-payments",
    title: "Scheduled Payments",
    description:
      "Payments from the account still pending with a settlement date ahead on the sandbox clock (standard-scheme payments until they settle, future-dated ones until their date). ScheduledPaymentId is the `pay_…` id /v1 shows; CreditorAccount with ReadScheduledPaymentsDetail.",
    resource: "scheduledPayments",
    response: OBReadScheduledPayment3,
    data: async (options) => ({ ScheduledPayment: await listAisScheduledPayments(options) }),
  });

  bulkAndPerAccount({
    path: "offers",
    title: "Offers",
    description:
      "The customer's open personal-loan offers (from a loan application: available and not expired on the sandbox clock), on the first current account the consent shares. Needs ReadOffers.",
    resource: "offers",
    response: OBReadOffer1,
    data: async (options) => ({ Offer: await listAisOffers(options) }),
  });

  bulkAndPerAccount({
    path: "products",
    accountPath: "product",
    title: "Products",
    description:
      "The product of each of the consent's accounts, from the bank's catalogue (GET /v1/products): current accounts as Personal or Business current accounts, the rest as Other with the product's name and description. Needs ReadProducts.",
    accountDescription: "The account's product, from the bank's catalogue (GET /v1/products). Needs ReadProducts.",
    resource: "products",
    response: OBReadProduct2,
    data: async (options) => ({ Product: await listAisProducts(options) }),
  });

  const PARTY =
    "A party is the bank's customer (PartyId is the `cus_…` id /v1 shows): the sandbox's accounts have one holder each, Sole and UK.OBIE.Principal.";
  aisGet(app, {
    url: "/party",
    operationId: "GetParty",
    tag: "Parties",
    summary: "Get Parties",
    description: `The customer who authorised the consent. ${PARTY} Needs ReadPartyPSU.`,
    resource: "psuParty",
    response: OBReadParty2,
    handle: async ({ request, call }) => {
      const party = await getAisParty({ db: app.db, tenantId: request.tenantId, customerId: call.customerId });
      return { Data: party ? { Party: party } : {}, ...self("/party") };
    },
  });
  /** The holder of the account the path names. */
  const accountHolder = ({ request, call, params }: AisContext) =>
    getAisParty({
      db: app.db,
      tenantId: request.tenantId,
      customerId: call.customerId,
      account: { id: params.AccountId, url: url(`/accounts/${params.AccountId}`) },
    });
  aisGet(app, {
    url: "/accounts/:AccountId/party",
    operationId: "GetAccountsAccountIdParty",
    tag: "Parties",
    summary: "Get Parties",
    description: `The account's holder. ${PARTY} Needs ReadParty.`,
    resource: "accountParty",
    params: AccountIdParams,
    response: OBReadParty2,
    handle: async (context) => {
      const { params } = context;
      const party = await accountHolder(context);
      return { Data: party ? { Party: party } : {}, ...self(`/accounts/${params.AccountId}/party`) };
    },
  });
  aisGet(app, {
    url: "/accounts/:AccountId/parties",
    operationId: "GetAccountsAccountIdParties",
    tag: "Parties",
    summary: "Get Parties",
    description: `Every party of the account: its one holder. ${PARTY} Needs ReadParty.`,
    resource: "accountParty",
    params: AccountIdParams,
    response: OBReadParty3,
    handle: async (context) => {
      const { params } = context;
      const party = await accountHolder(context);
      return { Data: { Party: party ? [party] : [] }, ...self(`/accounts/${params.AccountId}/parties`) };
    },
  });
};

export default aispResources;
