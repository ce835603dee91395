import type { Client, WineryNear } from "@cellar/sdk/v2";
import { h } from "./dom.js";
import { formatDistance, formatRating } from "./format.js";
import { locate } from "./locate.js";

const PAGE_SIZE = 5;

export interface SearchViewDeps {
  client: Client;
  onOpen(wineryId: string): void;
  report(error: unknown): void;
}

/** "Use my location" or typed coordinates, then the nearest wineries, a page at a time. */
export function mountSearchView(root: HTMLElement, { client, onOpen, report }: SearchViewDeps): void {
  const coordinate = (name: string, placeholder: string) =>
    h("input", {
      name,
      type: "text",
      inputmode: "decimal",
      placeholder,
      "data-testid": name,
      autocomplete: "off",
    });
  const lat = coordinate("lat", "38.5");
  const lng = coordinate("lng", "-122.4");
  const radius = h(
    "select",
    { name: "radius", "data-testid": "radius" },
    h("option", { value: 5_000 }, "5 km"),
    h("option", { value: 25_000, selected: true }, "25 km"),
    h("option", { value: 100_000 }, "100 km"),
  );
  const hint = h("p", { class: "hint", "data-testid": "location-hint", hidden: true });
  const summary = h("p", { "data-testid": "summary" });
  const list = h("ul", { class: "list", "data-testid": "results" });
  const more = h("button", { class: "secondary", hidden: true, "data-testid": "load-more" }, "Load more");
  let query: { near: string; radius: number } | undefined;
  let cursor: string | undefined;

  const row = (winery: WineryNear) =>
    h(
      "li",
      {},
      h(
        "button",
        { class: "row", "data-testid": "winery", "data-id": winery.id, onclick: () => onOpen(winery.id) },
        h(
          "span",
          {},
          h("strong", {}, winery.name),
          h("br"),
          h("small", {}, `${winery.region} · ${formatRating(winery.rating)}`),
        ),
        h("span", { class: "distance", "data-testid": "distance" }, formatDistance(winery.distanceMeters)),
      ),
    );

  async function loadPage(): Promise<void> {
    if (!query) return;
    more.disabled = true;
    try {
      const page = await client.listWineries({ ...query, limit: PAGE_SIZE, cursor });
      list.append(...page.items.map(row));
      cursor = page.nextCursor ?? undefined;
      more.hidden = cursor === undefined;
      summary.textContent = list.children.length
        ? `${list.children.length} ${list.children.length === 1 ? "winery" : "wineries"} within ${radius.selectedOptions[0]?.text ?? ""}`
        : "No wineries around here. Try a larger radius.";
    } catch (error) {
      report(error);
    } finally {
      more.disabled = false;
    }
  }

  async function search(): Promise<void> {
    const latitude = Number(lat.value.trim());
    const longitude = Number(lng.value.trim());
    const valid =
      lat.value.trim() !== "" &&
      lng.value.trim() !== "" &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180;
    if (!valid) {
      hint.textContent = "Enter a latitude (-90 to 90) and a longitude (-180 to 180).";
      hint.hidden = false;
      return;
    }
    query = { near: `${latitude.toFixed(5)},${longitude.toFixed(5)}`, radius: Number(radius.value) };
    cursor = undefined;
    list.replaceChildren();
    await loadPage();
  }

  async function useMyLocation(): Promise<void> {
    hint.hidden = true;
    try {
      const position = await locate();
      lat.value = position.lat.toFixed(5);
      lng.value = position.lng.toFixed(5);
      await search();
    } catch (error) {
      // The fallback: coordinates typed by hand work the same way.
      hint.textContent = `${(error as Error).message} Type coordinates instead.`;
      hint.hidden = false;
      lat.focus();
    }
  }

  more.addEventListener("click", () => void loadPage());
  root.append(
    h(
      "div",
      { class: "actions" },
      h("button", { "data-testid": "locate", onclick: () => void useMyLocation() }, "◎ Use my location"),
    ),
    hint,
    h(
      "form",
      {
        class: "coords",
        onsubmit: (event) => {
          event.preventDefault();
          hint.hidden = true;
          void search();
        },
      },
      h("label", {}, "Latitude", lat),
      h("label", {}, "Longitude", lng),
      h("label", {}, "Radius", radius),
      h("button", { type: "submit", "data-testid": "search" }, "Search"),
    ),
    summary,
    list,
    more,
  );
}
