import type { Review } from "../../setup/fixture-factory.js";
import {
  invalidBody,
  invalidUuid,
  malformedJson,
  payloadTooLarge,
  type RequestBuilder,
  unauthorized,
  unknownWinery,
  unsupportedMediaType,
} from "../common-cases.js";
import { eventually } from "../eventually.js";
import { itemsOf, type Page, walkPages } from "../pagination.js";
import {
  bodyOf,
  duplicates,
  expect,
  expectLocationLeadsTo,
  isSorted,
  sleep,
  unknownId,
} from "../probe-helpers.js";
import type { ProbeContext, ProbeTable } from "../probe-types.js";
import { withoutText } from "./review-cases.js";

interface ReviewV2 {
  id: string;
  wineryId: string;
  author: { id: string };
  rating: number;
  text: string | null;
  createdAt: string;
}

const reviewsPath = (wineryId: string) => `/v2/wineries/${wineryId}/reviews`;
const reviewPath = (wineryId: string, reviewId: string) => `/v2/wineries/${wineryId}/reviews/${reviewId}`;

/** A review by the user of a winery nobody has reviewed yet. */
const createReview: RequestBuilder = async (ctx) => ({
  method: "POST",
  path: reviewsPath((await ctx.make.winery(ctx.freshLocation())).id),
  token: ctx.tokens.user,
  json: { rating: 4, text: "Generous pours." },
});

/** For cases rejected before the winery matters. */
const reviewShared: RequestBuilder = async (ctx) => ({
  ...(await createReview(ctx)),
  path: reviewsPath((await ctx.sharedWinery()).id),
});

/** A fresh winery with one review by the user. */
async function reviewedWinery(ctx: ProbeContext): Promise<Review> {
  const winery = await ctx.make.winery(ctx.freshLocation());
  return ctx.make.review(winery.id, ctx.tokens.user, 2);
}

interface WineryV2 {
  rating: { average: number; count: number };
  updatedAt: string;
}

async function wineryV2(ctx: ProbeContext, wineryId: string): Promise<WineryV2> {
  const exchange = await ctx.api.send({ method: "GET", path: `/v2/wineries/${wineryId}` });
  expect(exchange.status === 200, `GET /v2/wineries/${wineryId} answered ${exchange.status}`);
  return bodyOf<WineryV2>(exchange);
}

async function ratingOf(ctx: ProbeContext, wineryId: string): Promise<WineryV2["rating"]> {
  return (await wineryV2(ctx, wineryId)).rating;
}

export const reviewsV2Probes: ProbeTable = {
  listReviewsV2: {
    200: [
      {
        title: "walks all pages, newest first, without duplicates",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const ids: string[] = [];
          for (const token of [ctx.tokens.user, ctx.tokens.otherUser, ctx.tokens.admin]) {
            ids.push((await ctx.make.review(winery.id, token, 3)).id);
            await sleep(5);
          }
          const options = { limitFor: () => 2 };
          const pages = await walkPages(ctx, reviewsPath(winery.id), options);
          return {
            exchanges: pages,
            verify() {
              const items = itemsOf<ReviewV2>(pages, options);
              const seen = items.map((item) => item.id);
              expect(
                seen.join() === [...ids].reverse().join(),
                `expected the 3 reviews newest first, got ${seen}`,
              );
              expect(duplicates(seen).length === 0, "a review repeats across pages");
              expect(
                isSorted(
                  items.map((item) => item.createdAt),
                  true,
                ),
                "createdAt is not descending",
              );
              expect(items[2]!.author.id === ctx.claims.user.sub, "author.id is not the author's sub");
              expect(pages.length === 2, `3 reviews in pages of 2 should take 2 pages, took ${pages.length}`);
            },
          };
        },
      },
    ],
    400: [
      invalidUuid((_ctx, id) => ({ method: "GET", path: reviewsPath(id) })),
      {
        title: "limit is 0",
        errorPath: "/query/limit",
        send: async (ctx) =>
          ctx.api.send({ method: "GET", path: `${reviewsPath((await ctx.sharedWinery()).id)}?limit=0` }),
      },
      {
        title: "a cursor issued for another winery",
        errorPath: "/query/cursor",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          await ctx.make.review(review.wineryId, ctx.tokens.otherUser, 5);
          const first = await ctx.api.send({
            method: "GET",
            path: `${reviewsPath(review.wineryId)}?limit=1`,
          });
          const cursor = bodyOf<Page<unknown>>(first).nextCursor;
          expect(typeof cursor === "string", `the first page has no nextCursor: ${first.bodyText}`);
          const other = await ctx.sharedWinery();
          return ctx.api.send({
            method: "GET",
            path: `${reviewsPath(other.id)}?cursor=${encodeURIComponent(cursor as string)}`,
          });
        },
      },
    ],
    404: unknownWinery((_ctx, id) => ({ method: "GET", path: reviewsPath(id) })),
  },

  createReviewV2: {
    201: [
      {
        title: "creates the review by the caller and updates the rating",
        async send(ctx) {
          const request = await createReview(ctx);
          const created = await ctx.api.send(request);
          return {
            exchanges: [created],
            async verify() {
              const review = bodyOf<ReviewV2>(created);
              expect(
                review.author.id === ctx.claims.user.sub,
                `author.id is ${review.author.id}, not the caller`,
              );
              await expectLocationLeadsTo(ctx, created, reviewPath(review.wineryId, review.id));
              const rating = await eventually(
                () => ratingOf(ctx, review.wineryId),
                (now) => now.count === 1,
              );
              expect(
                rating.average === 4 && rating.count === 1,
                `rating is ${JSON.stringify(rating)}, expected 4 from 1`,
              );
            },
          };
        },
      },
      withoutText("v2"),
      {
        title: "the winery's updatedAt moves with its rating summary",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const before = await wineryV2(ctx, winery.id);
          await sleep(5);
          const created = await ctx.api.send({ ...(await createReview(ctx)), path: reviewsPath(winery.id) });
          return {
            exchanges: [created],
            async verify() {
              const after = await eventually(
                () => wineryV2(ctx, winery.id),
                (now) => now.rating.count === 1,
              );
              expect(after.rating.count === 1, "the rating summary did not count the review");
              expect(
                after.updatedAt > before.updatedAt,
                `updatedAt stayed ${after.updatedAt} though the rating changed`,
              );
            },
          };
        },
      },
    ],
    400: [
      invalidBody(reviewShared, "rating is 0", "/body/rating", (body) => ({ ...body, rating: 0 })),
      invalidBody(reviewShared, "rating is not an integer", "/body/rating", (body) => ({
        ...body,
        rating: 4.5,
      })),
      invalidBody(reviewShared, "text is a number", "/body/text", (body) => ({ ...body, text: 42 })),
      malformedJson(reviewShared),
      invalidUuid(async (ctx, id) => ({ ...(await reviewShared(ctx)), path: reviewsPath(id) })),
    ],
    401: unauthorized(reviewShared),
    404: unknownWinery(async (ctx, id) => ({ ...(await reviewShared(ctx)), path: reviewsPath(id) })),
    409: [
      {
        title: "a second review of the same winery by the same user",
        async send(ctx) {
          const request = await createReview(ctx);
          const first = await ctx.api.send(request);
          expect(first.status === 201, `the first review answered ${first.status}`);
          return ctx.api.send(request);
        },
      },
    ],
    413: payloadTooLarge(reviewShared),
    415: unsupportedMediaType(reviewShared),
  },

  deleteReviewV2: {
    204: [
      {
        title: "the author deletes their review; the rating follows; they may review again",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          const deleted = await ctx.api.send({
            method: "DELETE",
            path: reviewPath(review.wineryId, review.id),
            token: ctx.tokens.user,
          });
          return {
            exchanges: [deleted],
            async verify() {
              const page = await ctx.api.send({ method: "GET", path: reviewsPath(review.wineryId) });
              expect(bodyOf<Page<ReviewV2>>(page).items.length === 0, "the deleted review is still listed");
              const rating = await eventually(
                () => ratingOf(ctx, review.wineryId),
                (now) => now.count === 0,
              );
              expect(
                rating.count === 0 && rating.average === 0,
                `rating is ${JSON.stringify(rating)} after the delete`,
              );
              await ctx.make.review(review.wineryId, ctx.tokens.user, 5);
            },
          };
        },
      },
      {
        title: "the winery's updatedAt moves with its rating summary",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          // Once the roll-up counts the review, so that the delete is what moves it next.
          const before = await eventually(
            () => wineryV2(ctx, review.wineryId),
            (now) => now.rating.count === 1,
          );
          await sleep(5);
          const deleted = await ctx.api.send({
            method: "DELETE",
            path: reviewPath(review.wineryId, review.id),
            token: ctx.tokens.user,
          });
          return {
            exchanges: [deleted],
            async verify() {
              const after = await eventually(
                () => wineryV2(ctx, review.wineryId),
                (now) => now.rating.count === 0,
              );
              expect(after.rating.count === 0, "the rating summary still counts the review");
              expect(
                after.updatedAt > before.updatedAt,
                `updatedAt stayed ${after.updatedAt} though the rating changed`,
              );
            },
          };
        },
      },
      {
        title: "an admin deletes someone else's review",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          return ctx.api.send({
            method: "DELETE",
            path: reviewPath(review.wineryId, review.id),
            token: ctx.tokens.admin,
          });
        },
      },
    ],
    400: [
      invalidUuid(
        (ctx, id) => ({ method: "DELETE", path: reviewPath(unknownId(), id), token: ctx.tokens.user }),
        "reviewId",
      ),
      invalidUuid((ctx, id) => ({
        method: "DELETE",
        path: reviewPath(id, unknownId()),
        token: ctx.tokens.user,
      })),
    ],
    401: unauthorized(async (ctx) => {
      const review = await reviewedWinery(ctx);
      return { method: "DELETE", path: reviewPath(review.wineryId, review.id), token: ctx.tokens.user };
    }),
    403: [
      {
        title: "another user deletes the user's review",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          const refused = await ctx.api.send({
            method: "DELETE",
            path: reviewPath(review.wineryId, review.id),
            token: ctx.tokens.otherUser,
          });
          return {
            exchanges: [refused],
            async verify() {
              const page = await ctx.api.send({ method: "GET", path: reviewsPath(review.wineryId) });
              const ids = bodyOf<Page<ReviewV2>>(page).items.map((item) => item.id);
              expect(ids.includes(review.id), "the review is gone although the delete was refused");
            },
          };
        },
      },
    ],
    404: [
      {
        title: "a review id that does not exist, of an existing winery",
        send: async (ctx) =>
          ctx.api.send({
            method: "DELETE",
            path: reviewPath((await ctx.sharedWinery()).id, unknownId()),
            token: ctx.tokens.admin,
          }),
      },
      {
        title: "a winery that does not exist",
        send: (ctx) =>
          ctx.api.send({
            method: "DELETE",
            path: reviewPath(unknownId(), unknownId()),
            token: ctx.tokens.admin,
          }),
      },
      {
        title: "a review that belongs to another winery",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          const other = await ctx.sharedWinery();
          return ctx.api.send({
            method: "DELETE",
            path: reviewPath(other.id, review.id),
            token: ctx.tokens.user,
          });
        },
      },
      {
        title: "a review deleted already",
        async send(ctx) {
          const review = await reviewedWinery(ctx);
          const request = {
            method: "DELETE",
            path: reviewPath(review.wineryId, review.id),
            token: ctx.tokens.user,
          };
          const first = await ctx.api.send(request);
          expect(first.status === 204, `the first delete answered ${first.status}`);
          return ctx.api.send(request);
        },
      },
    ],
  },
};
