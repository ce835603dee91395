import { type Client, type CreateReviewError, isApiError, type Review, type Winery } from "@cellar/sdk/v2";
import { h } from "./dom.js";
import { formatRating, stars, withReview } from "./format.js";
import type { Session } from "./session.js";

export interface DetailViewDeps {
  session: Session;
  onBack(): void;
  report(error: unknown): void;
  say(message: string): void;
}

export interface DetailView {
  open(wineryId: string): Promise<void>;
}

/** One winery: its rating, the favorite toggle, its reviews (paged) and a form to add one. */
export function mountDetailView(
  root: HTMLElement,
  { session, onBack, report, say }: DetailViewDeps,
): DetailView {
  const client: Client = session.client;
  let current: Winery | undefined;

  async function isFavorite(wineryId: string): Promise<boolean> {
    for await (const favorite of client.paginate.listFavorites({ limit: 50 })) {
      if (favorite.winery.id === wineryId) return true;
    }
    return false;
  }

  const reviewItem = (review: Review) =>
    h(
      "li",
      { class: "review", "data-testid": "review" },
      h("span", { class: "rating" }, stars(review.rating)),
      " ",
      h("small", {}, review.author.id),
      review.text ? h("p", {}, review.text) : null,
    );

  function render(winery: Winery, reviews: Review[], reviewsCursor: string | null, favorite: boolean): void {
    current = winery;
    const signedIn = session.user() !== undefined;
    const rating = h("p", { class: "rating", "data-testid": "rating" }, formatRating(winery.rating));
    const toggle = h("button", {
      class: "favorite",
      "data-testid": "favorite",
      "aria-pressed": String(favorite),
      disabled: !signedIn,
      title: signedIn ? "" : "Sign in to keep favorites",
    });
    const label = () => {
      toggle.textContent =
        toggle.getAttribute("aria-pressed") === "true" ? "★ Favorite" : "☆ Add to favorites";
    };
    label();
    toggle.addEventListener("click", async () => {
      const wasFavorite = toggle.getAttribute("aria-pressed") === "true";
      toggle.disabled = true;
      try {
        if (wasFavorite) await client.deleteFavorite({ wineryId: winery.id });
        else await client.putFavorite({ wineryId: winery.id });
        toggle.setAttribute("aria-pressed", String(!wasFavorite));
        label();
        say(wasFavorite ? "Removed from favorites." : "Added to favorites.");
      } catch (error) {
        report(error);
      } finally {
        toggle.disabled = false;
      }
    });

    const list = h("ul", { class: "list", "data-testid": "reviews" }, ...reviews.map(reviewItem));
    let cursor = reviewsCursor ?? undefined;
    const more = h(
      "button",
      { class: "secondary", hidden: !cursor, "data-testid": "more-reviews" },
      "More reviews",
    );
    more.addEventListener("click", async () => {
      try {
        const page = await client.listReviews({ wineryId: winery.id, limit: 5, cursor });
        list.append(...page.items.map(reviewItem));
        cursor = page.nextCursor ?? undefined;
        more.hidden = !cursor;
      } catch (error) {
        report(error);
      }
    });

    const form = signedIn ? reviewForm(winery, list, rating) : h("p", {}, "Sign in to write a review.");
    root.replaceChildren(
      h("button", { class: "secondary", "data-testid": "back", onclick: onBack }, "← Nearby"),
      h(
        "article",
        { class: "detail" },
        h("h2", { "data-testid": "winery-name" }, winery.name),
        h(
          "p",
          {},
          winery.region,
          winery.website ? " · " : "",
          winery.website ? h("a", { href: winery.website }, "website") : null,
        ),
        rating,
        toggle,
        h("h3", {}, "Reviews"),
        reviews.length ? null : h("p", { "data-testid": "no-reviews" }, "No reviews yet."),
        list,
        more,
        form,
      ),
    );
  }

  function reviewForm(winery: Winery, list: HTMLElement, rating: HTMLElement): HTMLFormElement {
    const score = h(
      "select",
      { name: "rating", "data-testid": "review-rating" },
      ...[5, 4, 3, 2, 1].map((value) => h("option", { value }, stars(value))),
    );
    const text = h("textarea", {
      name: "text",
      rows: 3,
      maxlength: 2000,
      placeholder: "Tasting notes (optional)",
      "data-testid": "review-text",
    });
    const submit = h("button", { type: "submit", "data-testid": "post-review" }, "Post review");
    const form = h("form", { class: "review-form" }, h("h3", {}, "Your review"), score, text, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const review = await client.createReview({
          wineryId: winery.id,
          body: { rating: Number(score.value), ...(text.value.trim() ? { text: text.value.trim() } : {}) },
        });
        list.prepend(reviewItem(review));
        root.querySelector('[data-testid="no-reviews"]')?.remove();
        // The server keeps ratings as a roll-up that catches up a moment after the review is
        // stored, so a re-read could still show the old one: count the accepted review in here.
        rating.textContent = formatRating(withReview(winery.rating, review.rating));
        form.replaceChildren(h("p", { "data-testid": "review-thanks" }, "Thanks for your review!"));
      } catch (error) {
        if (isApiError<CreateReviewError, 409>(error, 409)) say("You have already reviewed this winery.");
        else report(error);
        submit.disabled = false;
      }
    });
    return form;
  }

  async function open(wineryId: string): Promise<void> {
    root.hidden = false;
    root.replaceChildren(h("p", {}, "Loading…"));
    try {
      const [winery, reviews, favorite] = await Promise.all([
        client.getWinery({ wineryId }),
        client.listReviews({ wineryId, limit: 5 }),
        session.user() ? isFavorite(wineryId) : Promise.resolve(false),
      ]);
      render(winery, reviews.items, reviews.nextCursor, favorite);
    } catch (error) {
      report(error);
      onBack();
    }
  }

  // Signing in or out changes what the open winery offers (favorite toggle, review form).
  session.onChange(() => {
    if (current && !root.hidden) void open(current.id);
  });
  return { open };
}
