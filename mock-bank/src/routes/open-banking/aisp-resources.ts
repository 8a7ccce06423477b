import type { FastifyPluginAsync } from "fastify";
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
import { aisGet } from "./ais-route";

/**
 * The AIS resources the sandbox derives from its one domain (no table of their own: each domain
 * function says how), per account and in bulk across the consent's accounts.
 */
const aispResources: FastifyPluginAsync<{ portalUrl: string }> = async (app, options) => {
  const url = (path: string) => aisUrl(options.portalUrl, path);
  const self = (path: string) => ({ Links: { Self: url(path) }, Meta: { TotalPages: 1 } });
  const both = (path: string, define: (bulk: boolean, path: string) => void) => {
    define(true, `/${path}`);
    define(false, `/accounts/:AccountId/${path}`);
  };
  const selfOf = (bulk: boolean, path: string, accountId: string | undefined) => self(bulk ? path : path.replace(":AccountId", accountId!));
  const accountParams = (bulk: boolean) => (bulk ? {} : { params: AccountIdParams });

  both("beneficiaries", (bulk, path) =>
    aisGet(app, {
      url: path,
      operationId: bulk ? "GetBeneficiaries" : "GetAccountsAccountIdBeneficiaries",
      tag: "Beneficiaries",
      summary: "Get Beneficiaries",
      description:
        "Payees the account has paid: one per creditor of its payments (the payments /v1 lists, whichever API made them; failed ones aside), with the latest payment's reference. CreditorAccount (sort code and number, IBAN, or the bank's own account's identifiers) with ReadBeneficiariesDetail only. BeneficiaryId is stable.",
      resource: "beneficiaries",
      ...accountParams(bulk),
      response: OBReadBeneficiary5,
      handle: async ({ request, call, accountIds, params }) => ({
        Data: { Beneficiary: await listAisBeneficiaries({ db: app.db, tenantId: request.tenantId, call, accountIds }) },
        ...selfOf(bulk, path, params.AccountId),
      }),
    }),
  );

  both("direct-debits", (bulk, path) =>
    aisGet(app, {
      url: path,
      operationId: bulk ? "GetDirectDebits" : "GetAccountsAccountIdDirectDebits",
      tag: "Direct Debits",
      summary: "Get Direct Debits",
      description:
        "Direct debit mandates derived from the account's direct-debit collections (the statement lines /v1 lists with channel `direct_debit`): one per originator, with the last collection, the frequency the collections show and, while they keep coming, ACTV and the next date. Needs ReadDirectDebits.",
      resource: "directDebits",
      ...accountParams(bulk),
      response: OBReadDirectDebit2,
      handle: async ({ request, call, accountIds, params, tenantNow }) => ({
        Data: { DirectDebit: await listAisDirectDebits({ db: app.db, tenantId: request.tenantId, call, accountIds, tenantNow }) },
        ...selfOf(bulk, path, params.AccountId),
      }),
    }),
  );

  both("standing-orders", (bulk, path) =>
    aisGet(app, {
      url: path,
      operationId: bulk ? "GetStandingOrders" : "GetAccountsAccountIdStandingOrders",
      tag: "Standing Orders",
      summary: "Get Standing Orders",
      description:
        "Standing orders derived from the account's outgoing standing-order payments (statement lines with channel `standing_order`): one per payee, with the last and next payment and frequency. With ReadStandingOrdersDetail, CreditorAccount when the payee is an account of this bank (e.g. the monthly transfer to savings).",
      resource: "standingOrders",
      ...accountParams(bulk),
      response: OBReadStandingOrder6,
      handle: async ({ request, call, accountIds, params, tenantNow }) => ({
        Data: { StandingOrder: await listAisStandingOrders({ db: app.db, tenantId: request.tenantId, call, accountIds, tenantNow }) },
        ...selfOf(bulk, path, params.AccountId),
      }),
    }),
  );

  both("scheduled-payments", (bulk, path) =>
    aisGet(app, {
      url: path,
      operationId: bulk ? "GetScheduledPayments" : "GetAccountsAccountIdScheduledPayments",
      tag: "Scheduled Payments",
      summary: "Get Scheduled Payments",
      description:
        "Payments from the account still pending with a settlement date ahead on the sandbox clock (standard-scheme payments until they settle, future-dated ones until their date). ScheduledPaymentId is the `pay_…` id /v1 shows; CreditorAccount with ReadScheduledPaymentsDetail.",
      resource: "scheduledPayments",
      ...accountParams(bulk),
      response: OBReadScheduledPayment3,
      handle: async ({ request, call, accountIds, params, tenantNow }) => ({
        Data: { ScheduledPayment: await listAisScheduledPayments({ db: app.db, tenantId: request.tenantId, call, accountIds, tenantNow }) },
        ...selfOf(bulk, path, params.AccountId),
      }),
    }),
  );

  both("offers", (bulk, path) =>
    aisGet(app, {
      url: path,
      operationId: bulk ? "GetOffers" : "GetAccountsAccountIdOffers",
      tag: "Offers",
      summary: "Get Offers",
      description:
        "The customer's open personal-loan offers (from a loan application: available and not expired on the sandbox clock), on the first current account the consent shares. Needs ReadOffers.",
      resource: "offers",
      ...accountParams(bulk),
      response: OBReadOffer1,
      handle: async ({ request, call, accountIds, params, tenantNow }) => ({
        Data: { Offer: await listAisOffers({ db: app.db, tenantId: request.tenantId, call, accountIds, tenantNow }) },
        ...selfOf(bulk, path, params.AccountId),
      }),
    }),
  );

  aisGet(app, {
    url: "/products",
    operationId: "GetProducts",
    tag: "Products",
    summary: "Get Products",
    description:
      "The product of each of the consent's accounts, from the bank's catalogue (GET /v1/products): current accounts as Personal or Business current accounts, the rest as Other with the product's name and description. Needs ReadProducts.",
    resource: "products",
    response: OBReadProduct2,
    handle: async ({ request, call, accountIds }) => ({
      Data: { Product: await listAisProducts({ db: app.db, tenantId: request.tenantId, call, accountIds }) },
      ...self("/products"),
    }),
  });
  aisGet(app, {
    url: "/accounts/:AccountId/product",
    operationId: "GetAccountsAccountIdProduct",
    tag: "Products",
    summary: "Get Products",
    description: "The account's product, from the bank's catalogue (GET /v1/products). Needs ReadProducts.",
    resource: "products",
    params: AccountIdParams,
    response: OBReadProduct2,
    handle: async ({ request, call, accountIds, params }) => ({
      Data: { Product: await listAisProducts({ db: app.db, tenantId: request.tenantId, call, accountIds }) },
      ...self(`/accounts/${params.AccountId}/product`),
    }),
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
  aisGet(app, {
    url: "/accounts/:AccountId/party",
    operationId: "GetAccountsAccountIdParty",
    tag: "Parties",
    summary: "Get Parties",
    description: `The account's holder. ${PARTY} Needs ReadParty.`,
    resource: "accountParty",
    params: AccountIdParams,
    response: OBReadParty2,
    handle: async ({ request, call, params }) => {
      const accountUrl = url(`/accounts/${params.AccountId}`);
      const party = await getAisParty({
        db: app.db,
        tenantId: request.tenantId,
        customerId: call.customerId,
        account: { id: params.AccountId, url: accountUrl },
      });
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
    handle: async ({ request, call, params }) => {
      const accountUrl = url(`/accounts/${params.AccountId}`);
      const party = await getAisParty({
        db: app.db,
        tenantId: request.tenantId,
        customerId: call.customerId,
        account: { id: params.AccountId, url: accountUrl },
      });
      return { Data: { Party: party ? [party] : [] }, ...self(`/accounts/${params.AccountId}/parties`) };
    },
  });
};

export default aispResources;
