/** Merchants the seed pays, with their ISO 18245 merchant category codes (MCC). */

export type SeedMerchant = { name: string; mcc: string };

const m = (name: string, mcc: string): SeedMerchant => ({ name, mcc });

export const merchants = {
  // Groceries (5411 grocery stores and supermarkets)
  tesco: m("Tesco", "5411"),
  tescoExpress: m("Tesco Express", "5411"),
  sainsburys: m("Sainsbury's", "5411"),
  waitrose: m("Waitrose", "5411"),
  aldi: m("Aldi", "5411"),
  lidl: m("Lidl", "5411"),
  coop: m("Co-op", "5411"),
  // Coffee, quick food (5814 fast food), restaurants (5812), bars (5813)
  pret: m("Pret A Manger", "5814"),
  costa: m("Costa Coffee", "5814"),
  starbucks: m("Starbucks", "5814"),
  greggs: m("Greggs", "5814"),
  deliveroo: m("Deliveroo", "5814"),
  justEat: m("Just Eat", "5814"),
  dishoom: m("Dishoom", "5812"),
  wagamama: m("Wagamama", "5812"),
  pizzaExpress: m("PizzaExpress", "5812"),
  nandos: m("Nando's", "5812"),
  redLion: m("The Red Lion", "5813"),
  suBar: m("Students' Union Bar", "5813"),
  // Transport
  tfl: m("Transport for London", "4111"),
  trainline: m("Trainline", "4112"),
  uber: m("Uber", "4121"),
  shell: m("Shell", "5541"),
  // Shopping
  amazon: m("Amazon.co.uk", "5999"),
  asos: m("ASOS", "5691"),
  primark: m("Primark", "5651"),
  johnLewis: m("John Lewis", "5311"),
  boots: m("Boots", "5912"),
  waterstones: m("Waterstones", "5942"),
  currys: m("Currys", "5732"),
  makro: m("Makro", "5300"),
  screwfix: m("Screwfix", "5251"),
  royalMail: m("Royal Mail", "9402"),
  // Subscriptions and leisure
  netflix: m("Netflix", "4899"),
  spotify: m("Spotify", "5815"),
  primeVideo: m("Amazon Prime", "5968"),
  sky: m("Sky", "4899"),
  pureGym: m("PureGym", "7997"),
  odeon: m("Odeon Cinemas", "7832"),
  xero: m("Xero", "5734"),
  googleWorkspace: m("Google Workspace", "7372"),
  shopify: m("Shopify", "5734"),
  // Bills (direct debits)
  octopus: m("Octopus Energy", "4900"),
  britishGas: m("British Gas Business", "4900"),
  thamesWater: m("Thames Water", "4900"),
  ee: m("EE", "4814"),
  giffgaff: m("giffgaff", "4814"),
  btBusiness: m("BT Business", "4814"),
  virginMedia: m("Virgin Media", "4899"),
  aviva: m("Aviva", "6300"),
  nationwide: m("Nationwide Building Society", "6012"),
  klarna: m("Klarna", "6012"),
  lambeth: m("London Borough of Lambeth", "9311"),
  newham: m("London Borough of Newham", "9311"),
  hackney: m("London Borough of Hackney", "9311"),
  bristol: m("Bristol City Council", "9311"),
  hmrc: m("HM Revenue & Customs", "9311"),
  uniteStudents: m("Unite Students", "6513"),
  foxtons: m("Foxtons Lettings", "6513"),
  bridgeEstates: m("Bridge Estates Ltd", "6513"),
} as const;
