import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../examples/mobile-web/scripts/build.js";
import { packSdk } from "../../sdk/scripts/pack-sdk.js";
import { createClient } from "../../sdk/src/generated/v2.gen.js";
import type { RunningStage } from "../api/running-stage.js";
import { startSdkStage } from "../sdk/support/sdk-stage.js";
import { launchChromium } from "./support/chromium.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const screenshots = join(repoRoot, "test-results");
// A vineyard valley of our own: seven wineries north of here, so the first page (5) leaves two for "Load more".
const HOME = { latitude: 44.7, longitude: 8.03 };
const WINERIES = [
  "Barolo Hill",
  "Nebbiolo House",
  "Langhe Terrace",
  "Tanaro Cellars",
  "Alba Crest",
  "Roero Sands",
  "Monforte Loft",
];

describe("the hybrid-app demo in headless Chromium, on the packed SDK", () => {
  let stage: RunningStage;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let appDir = "";
  const ids: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), "cellar-mobile-web-"));
    const [{ tarball }, started] = await Promise.all([
      packSdk(),
      startSdkStage({ appDir, docsDir: join(repoRoot, "docs") }),
    ]);
    stage = started;
    await buildDemo({ sdkTarball: tarball, outDir: appDir });
    const admin = createClient({ baseUrl: stage.origin, getToken: () => stage.token("admin-1", ["admin"]) });
    for (const [index, name] of WINERIES.entries()) {
      const location = { lat: HOME.latitude + (index + 1) * 0.002, lng: HOME.longitude };
      ids.push((await admin.createWinery({ body: { name, location, region: "Langhe" } })).id);
    }
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: HOME,
      permissions: ["geolocation"],
    });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${message.text()} (${message.location().url})`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stage?.close();
    if (appDir) await rm(appDir, { recursive: true, force: true });
  });

  it("opens at /app", async () => {
    await page.goto(`${stage.origin}/app`);
    expect(page.url()).toBe(`${stage.origin}/app/`);
    await expect(page.title()).resolves.toBe("Cellar · wineries near me");
  });

  it("signs in through the local token endpoint", async () => {
    await page.getByTestId("sign-in-name").fill("alice");
    await page.getByTestId("sign-in").click();
    await page.getByTestId("signed-in-as").waitFor();
    await expect(page.getByTestId("signed-in-as").textContent()).resolves.toBe("alice");
  });

  it("uses my location to list the nearest wineries with their distance", async () => {
    await page.getByTestId("locate").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(5);
    await expect(page.getByTestId("lat").inputValue()).resolves.toBe(HOME.latitude.toFixed(5));
    const names = await page.getByTestId("winery").locator("strong").allTextContents();
    expect(names).toEqual(WINERIES.slice(0, 5));
    await expect(page.getByTestId("distance").first().textContent()).resolves.toBe("222 m");
  });

  it("loads more through the v2 cursor until the last page", async () => {
    await page.getByTestId("load-more").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(7);
    await expect(page.getByTestId("load-more").isHidden()).resolves.toBe(true);
    await expect(page.getByTestId("summary").textContent()).resolves.toMatch(/^7 wineries within 25 km$/);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "mobile-web-list.png"), fullPage: true });
  });

  it("opens a winery, favorites it and posts a review", async () => {
    await page.getByTestId("winery").first().click();
    await expect(page.getByTestId("winery-name").textContent()).resolves.toBe(WINERIES[0]);
    await page.getByTestId("no-reviews").waitFor();

    const favorite = page.getByTestId("favorite");
    await expect(favorite.getAttribute("aria-pressed")).resolves.toBe("false");
    await favorite.click();
    await expect.poll(() => favorite.getAttribute("aria-pressed")).toBe("true");

    await page.getByTestId("review-rating").selectOption("4");
    await page.getByTestId("review-text").fill("Tar and roses, a patient host.");
    await page.getByTestId("post-review").click();
    await page.getByTestId("review-thanks").waitFor();
    await expect(page.getByTestId("review").first().textContent()).resolves.toContain("Tar and roses");
    await expect(page.getByTestId("rating").textContent()).resolves.toBe("★ 4.0 (1 review)");

    await page.screenshot({ path: join(screenshots, "mobile-web.png"), fullPage: true });
  });

  it("really stored the favorite and the review, as the API tells another client", async () => {
    const alice = createClient({ baseUrl: stage.origin, getToken: () => stage.token("alice") });
    const favorites = await alice.listFavorites();
    expect(favorites.items.map((item) => item.winery.id)).toEqual([ids[0]]);
    const reviews = await alice.listReviews({ wineryId: ids[0]! });
    expect(reviews.items).toMatchObject([
      { author: { id: "alice" }, rating: 4, text: "Tar and roses, a patient host." },
    ]);
  });

  it("keeps the favorite when the winery is opened again, and the list comes back", async () => {
    await page.getByTestId("back").click();
    await expect.poll(() => page.getByTestId("winery").count()).toBe(7);
    await page.getByTestId("winery").first().click();
    await expect.poll(() => page.getByTestId("favorite").getAttribute("aria-pressed")).toBe("true");
  });

  it("logged no errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });

  it("falls back to typed coordinates when location is refused", async () => {
    const denied = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const other = await denied.newPage();
      await other.goto(`${stage.origin}/app/`);
      await other.getByTestId("locate").click();
      await expect(other.getByTestId("location-hint").textContent()).resolves.toMatch(
        /Type coordinates instead/,
      );
      await other.getByTestId("lat").fill(String(HOME.latitude));
      await other.getByTestId("lng").fill(String(HOME.longitude));
      await other.getByTestId("radius").selectOption("5000");
      await other.getByTestId("search").click();
      await expect.poll(() => other.getByTestId("winery").count()).toBe(5);
    } finally {
      await denied.close();
    }
  });
});
