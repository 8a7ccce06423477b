import { merchants as M, type SeedMerchant } from "../../seed/merchants";

/** The merchant categories a generated history spends in by card, each with the sandbox's merchants (and their MCCs). */
export const CARD_SPENDING_MERCHANTS = {
  groceries: [M.tesco, M.sainsburys, M.waitrose, M.aldi, M.lidl, M.coop],
  eating_out: [M.dishoom, M.wagamama, M.pizzaExpress, M.nandos, M.deliveroo, M.justEat],
  coffee: [M.pret, M.costa, M.starbucks, M.greggs],
  transport: [M.tfl, M.trainline, M.uber, M.shell],
  shopping: [M.amazon, M.asos, M.primark, M.johnLewis, M.boots, M.currys],
  entertainment: [M.odeon, M.redLion, M.waterstones],
} as const satisfies Record<string, readonly SeedMerchant[]>;

export type CardSpendingCategory = keyof typeof CARD_SPENDING_MERCHANTS;

export const CARD_SPENDING_CATEGORIES = Object.keys(CARD_SPENDING_MERCHANTS) as [CardSpendingCategory, ...CardSpendingCategory[]];
