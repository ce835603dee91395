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
import { bodyOf, expect, expectLocationLeadsTo, isSorted, query, sleep } from "../probe-helpers.js";
import type { ProbeTable } from "../probe-types.js";
import { withoutText } from "./review-cases.js";

interface ReviewV1 extends Review {
  text: string | null;
  createdAt: string;
}

/** A review by the user of a winery nobody has reviewed yet. */
const createReview: RequestBuilder = async (ctx) => ({
  method: "POST",
  path: `/v1/wineries/${(await ctx.make.winery(ctx.freshLocation())).id}/reviews`,
  token: ctx.tokens.user,
  json: { rating: 5, text: "Crisp, with a long finish." },
});

/** For cases rejected before the winery matters. */
const reviewShared: RequestBuilder = async (ctx) => ({
  ...(await createReview(ctx)),
  path: `/v1/wineries/${(await ctx.sharedWinery()).id}/reviews`,
});

export const reviewsV1Probes: ProbeTable = {
  listReviewsV1: {
    200: [
      {
        title: "the winery's reviews, newest first",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const older = await ctx.make.review(winery.id, ctx.tokens.user, 3, "First visit.");
          await sleep(5);
          const newer = await ctx.make.review(winery.id, ctx.tokens.otherUser, 5);
          const all = await ctx.api.send({ method: "GET", path: `/v1/wineries/${winery.id}/reviews` });
          const one = await ctx.api.send({
            method: "GET",
            path: `/v1/wineries/${winery.id}/reviews${query({ limit: 1 })}`,
          });
          return {
            exchanges: [all, one],
            verify() {
              const items = bodyOf<ReviewV1[]>(all);
              expect(
                items.map((r) => r.id).join() === [newer.id, older.id].join(),
                "expected both reviews, newest first",
              );
              expect(
                isSorted(
                  items.map((r) => r.createdAt),
                  true,
                ),
                "createdAt is not descending",
              );
              expect(
                items[1]!.userId === ctx.claims.user.sub,
                `userId is ${items[1]!.userId}, expected the author's sub`,
              );
              expect(bodyOf<ReviewV1[]>(one).length === 1, "limit=1 should return one review");
            },
          };
        },
      },
    ],
    400: [
      invalidUuid((_ctx, id) => ({ method: "GET", path: `/v1/wineries/${id}/reviews` })),
      {
        title: "limit is 0",
        errorPath: "/query/limit",
        send: async (ctx) =>
          ctx.api.send({
            method: "GET",
            path: `/v1/wineries/${(await ctx.sharedWinery()).id}/reviews?limit=0`,
          }),
      },
    ],
    404: unknownWinery((_ctx, id) => ({ method: "GET", path: `/v1/wineries/${id}/reviews` })),
  },

  createReviewV1: {
    201: [
      {
        title: "creates the review and updates the winery's rating",
        async send(ctx) {
          const request = await createReview(ctx);
          const created = await ctx.api.send(request);
          return {
            exchanges: [created],
            async verify() {
              const review = bodyOf<ReviewV1>(created);
              expect(
                review.userId === ctx.claims.user.sub,
                `userId is ${review.userId}, expected the caller's sub`,
              );
              expect(
                review.rating === 5 && review.text === "Crisp, with a long finish.",
                "the review is not as sent",
              );
              await expectLocationLeadsTo(
                ctx,
                created,
                `/v1/wineries/${review.wineryId}/reviews/${review.id}`,
              );
              const rating = await eventually(
                async () =>
                  bodyOf<{ averageRating: number; reviewCount: number }>(
                    await ctx.api.send({ method: "GET", path: `/v1/wineries/${review.wineryId}` }),
                  ),
                (now) => now.reviewCount === 1,
              );
              expect(
                rating.averageRating === 5 && rating.reviewCount === 1,
                `the winery's rating is ${JSON.stringify(rating)}, expected 5 from 1 review`,
              );
            },
          };
        },
      },
      withoutText("v1"),
    ],
    400: [
      invalidBody(reviewShared, "rating is 6", "/body/rating", (body) => ({ ...body, rating: 6 })),
      invalidBody(reviewShared, "rating is a string", "/body/rating", (body) => ({
        ...body,
        rating: "five",
      })),
      invalidBody(reviewShared, "rating is missing", "/body/rating", ({ rating: _rating, ...rest }) => rest),
      invalidBody(reviewShared, "text is over 2000 characters", "/body/text", (body) => ({
        ...body,
        text: "x".repeat(2001),
      })),
      malformedJson(reviewShared),
      invalidUuid(async (ctx, id) => ({ ...(await reviewShared(ctx)), path: `/v1/wineries/${id}/reviews` })),
    ],
    401: unauthorized(reviewShared),
    404: unknownWinery(async (ctx, id) => ({
      ...(await reviewShared(ctx)),
      path: `/v1/wineries/${id}/reviews`,
    })),
    409: [
      {
        title: "a second review of the same winery by the same user",
        async send(ctx) {
          const request = await createReview(ctx);
          const first = await ctx.api.send(request);
          expect(first.status === 201, `the first review answered ${first.status}`);
          return ctx.api.send({ ...request, json: { rating: 1 } });
        },
      },
    ],
    413: payloadTooLarge(reviewShared),
    415: unsupportedMediaType(reviewShared),
  },
};
