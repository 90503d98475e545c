import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** The product catalogue and price book (application/price-book-service.ts). */
export const priceBookResolvers: Resolvers = {
  Query: {
    products: async (_, { search, first, after }, ctx) =>
      countedConnection(await ctx.services.priceBook.list(search, first, after), ctx.services.exactCountUpTo),
  },
  Mutation: {
    createProduct: (_, { input }, ctx) =>
      ctx.services.priceBook.create(
        {
          code: input.code,
          name: input.name,
          description: input.description,
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
      ),
    updateProduct: (_, { id, input }, ctx) =>
      ctx.services.priceBook.update(
        id,
        { code: input.code, name: input.name, description: input.description, active: input.active },
        ctx.actor,
      ),
    setPrice: (_, { productId, currency, unitPrice }, ctx) =>
      ctx.services.priceBook.setPrice(productId, currency, unitPrice, ctx.actor),
  },
  ProductConnection: totalCountResolvers,
  Product: {
    prices: (product, _, ctx) => ctx.commercial.productPrices.load(product.id),
  },
  Price: {
    unitPrice: (price) => ({ amount: price.unitPrice, currencyCode: price.currency }),
  },
};
